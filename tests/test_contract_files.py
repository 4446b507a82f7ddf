"""Generated files checked in must match their source: the GraphQL schema and the translations."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from saas.cli import SCHEMA_FILE, graphql_schema_text

LOCALE = Path(__file__).resolve().parents[1] / "saas" / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_graphql_schema_file_is_current():
    assert SCHEMA_FILE.read_text() == graphql_schema_text(), (
        "graphql/schema.graphql is stale: run `make schema`"
    )


def _unescape(quoted: str) -> str:
    """A .po string's text: its escapes (\\" \\n \\t \\\\) decoded in one pass."""
    text = "".join(re.findall(r'"(.*)"', quoted))
    return re.sub(r"\\(.)", lambda match: {"n": "\n", "t": "\t"}.get(match.group(1), match.group(1)), text)


def _po_entries(text: str) -> dict[str, str]:
    entries = {}
    for msgid, msgstr in re.findall(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', text, re.M):
        key = _unescape(msgid)
        value = _unescape(msgstr)
        if key:
            entries[key] = value
    return entries


def test_every_chinese_string_is_translated_and_compiled():
    entries = _po_entries((LOCALE / "django.po").read_text())
    assert entries, "empty catalogue"
    untranslated = [key for key, value in entries.items() if not value]
    assert untranslated == []
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [key for key, value in entries.items() if compiled.gettext(key) != value]
    assert stale == [], "django.mo is older than django.po: run `make messages`"
