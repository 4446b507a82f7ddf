"""Every event a partner may subscribe to has a name in the H5 app's webhook form, in both
languages (mobile_shell/ui/partner_common.eventLabel falls back to the server's English
description, which a Chinese page must not show)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from saas.partners.selectors import partner_events

I18N = Path(__file__).resolve().parents[1] / "mobile_shell" / "i18n"
KEY = re.compile(r"^\s*'partners\.event\.([a-z_.]+)':", re.MULTILINE)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_subscribable_event_has_a_label(language: str) -> None:
    labelled = set(KEY.findall((I18N / language / "partners.js").read_text()))
    missing = sorted(set(partner_events()) - labelled)
    assert missing == [], f"add partners.event.<name> to mobile_shell/i18n/{language}/partners.js"


def test_the_distribution_events_are_among_them() -> None:
    assert {"wallet.entry_posted", "distributor_order.placed", "rebate.posted"} <= set(partner_events())
