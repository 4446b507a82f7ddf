"""Review: a tenant's tracking-number pattern runs on every keystroke, so it must not be able to
backtrack polynomially either (several variable repeats in a row), not only exponentially."""

from __future__ import annotations

import time

import pytest

from saas.core.errors import InvalidInput
from saas.shipping.carriers import PatternCarrier, clean_pattern, rank_candidates


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d*" * 10 + "X",
        r"^\d+\d+\d+\d+\d+\d+$X",
        r".*.*.*.*.*Z",
        r"^(\d*|[0-9]*)(\d*|[0-9]*)(\d*|[0-9]*)X$",
        r"[0-9]{0,40}[0-9]{0,40}[0-9]{0,40}[0-9]{0,40}X",
    ],
)
def test_patterns_that_backtrack_polynomially_are_refused(pattern: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        clean_pattern(pattern)
    assert caught.value.code == "pattern_unsafe"


@pytest.mark.parametrize(
    "pattern",
    [
        r"^7[3-68]\d{12}$|^[5-7]\d{11}$",
        r"^77\d{12,13}$|^(268|368|468|568|668|868|888|900)\d{9}$",
        r"^JD[0-9A-Z]{11,13}$",
        r"^[19]\d{12}$|^[A-Z]{2}\d{9}[A-Z]{2}$",
        r"^(KY|KYE)\d{10,12}$",
        r"^[A-Z]+\d+$",
        r"^KY\d*$",
    ],
)
def test_ordinary_patterns_still_pass(pattern: str) -> None:
    assert clean_pattern(pattern) == pattern


def test_an_accepted_pattern_ranks_a_long_number_quickly() -> None:
    """Whatever passes clean_pattern is cheap on the longest number, as typed key by key."""
    pattern = clean_pattern(r"^[A-Z]+\d+$")
    carriers = [PatternCarrier(1, "OWN", pattern, 0)]
    started = time.perf_counter()
    for length in range(2, 41):
        rank_candidates("7" * length, carriers)
    assert time.perf_counter() - started < 2
