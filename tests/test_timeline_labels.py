"""Every status, event and plan code the server can put on a screen (timelines, notifications, the
profile) has a label in both H5 catalogues, and the Chinese one is Chinese: no screen shows a raw
code like "credit"."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from saas.core.transitions import TransitionTable
from saas.finance.services.invoices import INVOICE_FLOW
from saas.finance.services.receipts import RECEIPT_EVENTS
from saas.inventory.services.stocktakes import STOCKTAKE_FLOW
from saas.inventory.services.transfers import TRANSFER_FLOW
from saas.procurement.services.orders import PO_FLOW
from saas.sales.models import Settlement
from saas.sales.services.quotations import QUOTATION_FLOW
from saas.sales.services.returns import RETURN_FLOW
from saas.sales.services.workflow import ORDER_FLOW
from saas.shipping.services.shipments import SHIPMENT_FLOW

REPO = Path(__file__).resolve().parents[1]
I18N = REPO / "mobile_shell" / "i18n"
ENTRY = re.compile(r"^\s*'([^']+)':\s*'((?:[^'\\]|\\.)*)',?\s*$", re.MULTILINE)
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")

# Each document's statuses as the H5 labels them (timelines, status chips), by key prefix.
STATUS_LABELS: dict[TransitionTable, str] = {
    ORDER_FLOW: "order.status",
    QUOTATION_FLOW: "quotation.status",
    RETURN_FLOW: "sreturn.status",
    PO_FLOW: "po.status",
    SHIPMENT_FLOW: "shipping.shipment_status",
    INVOICE_FLOW: "invoice.status",
    STOCKTAKE_FLOW: "stocktake.status",
    TRANSFER_FLOW: "transfer.status",
}
# Tables whose events no screen shows: a receipt is recorded or void, shown as a flag.
NOT_SHOWN = {RECEIPT_EVENTS}


# Live events the inbox words with a key of another shape.
def catalogue(language: str) -> dict[str, str]:
    files = [I18N / f"{language}.js", *sorted((I18N / language).glob("*.js"))]
    return {key: value for path in files for key, value in ENTRY.findall(path.read_text(encoding="utf-8"))}


def statuses(table: TransitionTable) -> set[str]:
    return {str(status) for current, targets in table.allowed.items() for status in {current, *targets}}


def label_problems(keys: dict[str, str]) -> list[str]:
    """Keys (with the code they label) missing from a catalogue, raw, or not Chinese in zh-hans."""
    problems = []
    for language in ("zh-hans", "en"):
        strings = catalogue(language)
        for key, code in keys.items():
            label = strings.get(key)
            if label is None:
                problems.append(f"{language}: no {key}")
            elif label == code:
                problems.append(f"{language}: {key} is the raw code")
            elif language == "zh-hans" and ENGLISH_WORD.search(re.sub(r"\{\w+\}", "", label)):
                problems.append(f"{language}: {key} = {label!r} is not Chinese")
    return problems


def all_tables() -> set[TransitionTable]:
    """Every module-level `NAME = TransitionTable(...)` in saas/, imported."""
    tables = set()
    for path in (REPO / "saas").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for name in re.findall(r"^(\w+) = TransitionTable\(", source, re.MULTILINE):
            module = ".".join(path.relative_to(REPO).with_suffix("").parts)
            tables.add(getattr(importlib.import_module(module), name))
    return tables


def test_every_transition_table_is_labelled_or_known_to_be_hidden():
    tables = all_tables()
    assert len(tables) >= len(STATUS_LABELS)
    assert tables - set(STATUS_LABELS) - NOT_SHOWN == set(), "a new document flow needs its H5 labels"


@pytest.mark.parametrize("table", list(STATUS_LABELS), ids=lambda table: table.doc_type)
def test_every_status_of_a_document_has_a_label_in_both_languages(table):
    prefix = STATUS_LABELS[table]
    assert label_problems({f"{prefix}.{status}": status for status in statuses(table)}) == []


def test_a_return_settled_as_credit_shows_the_settlement_not_its_code():
    # The settle event of a credit return carries the settlement kind as its note.
    assert label_problems({f"sreturn.settlement.{kind}": kind for kind in Settlement.values}) == []


ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def test_every_notification_is_worded_in_both_languages():
    # Live events reach people as notifications, worded on the server in each recipient's
    # language (saas/notifications/rules.py) and named by kind in their settings: every rule's
    # title and every kind's label has Chinese that is not the English text, and no English word
    # outside its placeholders.
    from django.utils import translation

    from saas.notifications.rules import RULES
    from saas.notifications.selectors import KIND_LABELS

    assert {"sales_order.submitted", "sales_order.approved", "sales_order.rejected", "stock.low"} <= set(
        RULES
    )
    problems = []
    texts = {f"{kind} title": rule.title for kind, rule in RULES.items()}
    texts |= {f"{kind} body": rule.body for kind, rule in RULES.items() if rule.body}
    texts |= {f"{kind} label": KIND_LABELS.get(kind, kind) for kind in RULES}

    def render(text: object) -> str:
        # Rule texts are lazy translations; kind labels are translated when read (gettext).
        return translation.gettext(text) if isinstance(text, str) else str(text)

    for name, text in texts.items():
        with translation.override("en"):
            english = render(text)
        with translation.override("zh-hans"):
            chinese = render(text)
        without_placeholders = re.sub(r"%\(\w+\)s", "", chinese)
        if not without_placeholders.strip():
            continue  # nothing but the event's own words (a note, a reason)
        if chinese == english or ENGLISH_WORD.search(without_placeholders):
            problems.append(f"{name}: {chinese!r}")
    assert problems == []


def test_an_illegal_move_is_worded_by_the_app_not_by_its_codes():
    # The server's message names the document type and statuses by code ("sales_order 不能从
    # approved 变为 draft"), which suits partners; the app words the error by its code instead.
    assert label_problems({"error.transition_invalid": "transition_invalid"}) == []


def test_every_plan_a_workspace_can_be_on_has_a_label_in_both_languages():
    # The plan's name is data in Chinese; the app names it by its code (tenant.planCode).
    plans = importlib.import_module("tenants.migrations.0002_seed_plans").PLANS
    assert label_problems({f"plan.{code}": code for code, *_rest in plans}) == []
