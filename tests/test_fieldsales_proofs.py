"""QR presence proofs (issue 14, field sales): a signed code per customer that verifies at sync
without GPS or a challenge, bound to its workspace, customer and version, refused after rotation
or any change, and printed as a PNG a scanner reads back (saas/fieldsales/proofs.py)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from saas.fieldsales.proofs import (
    QrClaim,
    new_qr_key,
    qr_png,
    qr_svg,
    qr_token,
    read_qr_token,
    verify_qr_token,
)

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


def token_for(customer_id: int = 1042, version: int = 3, key: bytes = KEY, workspace: str = "alpha") -> str:
    return qr_token(customer_id, version, key, workspace=workspace)


def test_a_customer_s_code_verifies_for_that_customer_in_that_workspace() -> None:
    token = token_for()
    assert verify_qr_token(token, workspace="alpha", customer_id=1042, versions={3: KEY})
    # as a phone's scanner or a person typing it from the sheet may hand it back
    assert verify_qr_token(f"  {token.lower()}\n", workspace="alpha", customer_id=1042, versions={3: KEY})


def test_the_token_is_compact_and_fits_the_qr_alphanumeric_mode() -> None:
    token = token_for()
    assert re.fullmatch(r"SP1-3-1042-[A-Z2-7]{26}", token)
    assert token == token_for(), "the same customer and version always print the same code"


def test_another_customer_s_code_does_not_verify() -> None:
    token = token_for(customer_id=1042)
    assert not verify_qr_token(token, workspace="alpha", customer_id=1043, versions={3: KEY})


def test_a_code_of_another_workspace_does_not_verify_even_under_the_same_key() -> None:
    token = token_for(workspace="alpha")
    assert not verify_qr_token(token, workspace="beta", customer_id=1042, versions={3: KEY})


def test_a_rotated_out_version_is_refused_and_the_new_one_verifies() -> None:
    old, new = token_for(version=3), token_for(version=4)
    # During the grace period both are accepted
    assert verify_qr_token(old, workspace="alpha", customer_id=1042, versions={3: KEY, 4: KEY})
    # After rotation only the new code verifies, under the same workspace key
    assert not verify_qr_token(old, workspace="alpha", customer_id=1042, versions={4: KEY})
    assert verify_qr_token(new, workspace="alpha", customer_id=1042, versions={4: KEY})
    # and a version whose key was replaced refuses what the old key signed
    assert not verify_qr_token(old, workspace="alpha", customer_id=1042, versions={3: OTHER_KEY})


def test_any_changed_character_is_refused() -> None:
    token = token_for()
    prefix, mac = token.rsplit("-", 1)
    for i, character in enumerate(mac):
        replacement = "A" if character != "A" else "B"
        tampered = f"{prefix}-{mac[:i]}{replacement}{mac[i + 1 :]}"
        assert not verify_qr_token(tampered, workspace="alpha", customer_id=1042, versions={3: KEY})
    # The version is signed: relabelling a code as another accepted version does not work
    relabelled = token.replace("SP1-3-", "SP1-4-", 1)
    assert not verify_qr_token(relabelled, workspace="alpha", customer_id=1042, versions={3: KEY, 4: KEY})
    # Nor does moving a code to another customer id
    moved = token.replace("-1042-", "-1043-", 1)
    assert not verify_qr_token(moved, workspace="alpha", customer_id=1043, versions={3: KEY})


@pytest.mark.parametrize(
    "text",
    [
        "",
        "SP1",
        "SP1-3-1042-",
        "https://example.com/",
        "SP2-3-1042-" + "A" * 26,
        "SP1-3-1042-" + "A" * 300,
        "杭州",
    ],
)
def test_text_that_is_not_a_token_is_refused_not_an_error(text: str) -> None:
    assert not verify_qr_token(text, workspace="alpha", customer_id=1042, versions={3: KEY})
    assert read_qr_token(text) is None


def test_a_scanned_code_tells_which_customer_it_claims_before_it_is_verified() -> None:
    assert read_qr_token(token_for(customer_id=77, version=2)) == QrClaim(customer_id=77, version=2)


def test_keys_too_short_and_impossible_ids_are_programming_errors() -> None:
    with pytest.raises(ValueError):
        qr_token(1, 1, b"short", workspace="alpha")
    with pytest.raises(ValueError):
        qr_token(0, 1, KEY, workspace="alpha")
    with pytest.raises(ValueError):
        qr_token(1, 1, KEY, workspace="")
    assert len(new_qr_key()) == 32 and new_qr_key() != new_qr_key()


@given(
    customer_id=st.integers(min_value=1, max_value=10**12),
    version=st.integers(min_value=0, max_value=10**6),
    other=st.integers(min_value=1, max_value=10**12),
)
def test_every_code_verifies_for_its_own_customer_only(customer_id: int, version: int, other: int) -> None:
    token = qr_token(customer_id, version, KEY, workspace="alpha")
    assert verify_qr_token(token, workspace="alpha", customer_id=customer_id, versions={version: KEY})
    if other != customer_id:
        assert not verify_qr_token(token, workspace="alpha", customer_id=other, versions={version: KEY})


# The printable code


def test_the_png_is_a_qr_code_a_scanner_reads_back_as_the_token() -> None:
    token = token_for()
    png = qr_png(token)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    # version 3 (29 modules) plus the 4-module quiet zone on each side, 10 pixels a module
    assert image.size == (370, 370)
    found = zxingcpp.read_barcodes(image)
    assert [result.text for result in found] == [token]
    assert found[0].format == zxingcpp.BarcodeFormat.QRCode
    assert found[0].ec_level in {"Q", "H"}
    # and what the scanner read verifies
    assert verify_qr_token(found[0].text, workspace="alpha", customer_id=1042, versions={3: KEY})


def test_the_svg_is_a_standalone_element_of_the_same_code() -> None:
    token = token_for()
    svg = qr_svg(token, scale=4)
    assert not svg.startswith("<?xml")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert (root.get("width"), root.get("height")) == ("148", "148")
    assert root.find("{http://www.w3.org/2000/svg}path") is not None
    assert root.findtext("{http://www.w3.org/2000/svg}title") == token
