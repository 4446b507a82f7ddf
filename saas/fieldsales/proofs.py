"""Presence proofs that need no GPS: a signed QR code printed for each customer, scanned at the shop.

Browsers cannot tell a real position from a mocked one, so a check-in can also carry the token of
the customer's printed QR code (on the counter, the door, the shelf). The token is an HMAC-SHA256,
cut to 128 bits, over the workspace, the customer and the code's version:

    SP1-<version>-<customer id>-<26 base32 characters>        e.g. SP1-3-1042-M7QK…

It is upper-case letters, digits and hyphens only, so the QR code uses its compact alphanumeric
mode and stays small and easy to scan when printed. Nothing needs the server at scan time: the
rep's phone keeps the scanned text with the visit, offline if need be, and the server checks it
with `verify_qr_token` when the visit syncs. The key never leaves the server.

What a valid token proves: the phone read (or someone typed) the code printed for this customer,
in this workspace, at a version still in force. What it does not prove:

- where: a photo or photocopy of the code works anywhere. Rotating the customer's code (a new
  version, then reprint) ends every copy of the old one; rotate when a copy is suspected and
  periodically. Combine with the photo and its watermark, and the position when there is one.
- when: the scan time is the phone's claim, as is every offline time. The token is the same at
  every scan; it cannot show freshness, only a live challenge could (the shop's own device
  showing a changing code), which a printed sheet cannot.

Rotation: the caller passes `versions`, the versions accepted now for this customer with their
keys. Because the version is signed, bumping a customer's version refuses that customer's old
codes while every other customer's stay valid under the same workspace key; a workspace key of
its own per version lets the whole workspace rotate too. Dropping a version from `versions` is
what refuses it: keep the previous one only for a grace period while the new sheet is printed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

import segno

TOKEN_PREFIX = "SP1"
MAC_BYTES = 16  # 128 bits: guessing is hopeless even with unlimited tries at sync
MIN_KEY_BYTES = 16
_DOMAIN = b"sparrow.fieldsales.qr-presence.v1"
_TOKEN = re.compile(r"SP1-(?P<version>[0-9]{1,9})-(?P<customer>[0-9]{1,18})-(?P<mac>[A-Z2-7]{26})")
_MAX_TOKEN_LENGTH = 80


@dataclass(frozen=True)
class QrClaim:
    """What a token says of itself, before any check: which customer, which version."""

    customer_id: int
    version: int


def new_qr_key() -> bytes:
    """A fresh random key for signing QR codes (32 bytes); stored on the server only."""
    return secrets.token_bytes(32)


def qr_token(customer_id: int, secret_version: int, key: bytes, *, workspace: str) -> str:
    """The token printed in the customer's QR code.

    `workspace` is the workspace's schema name: it is signed, so a code of one workspace never
    verifies in another even if both held the same key.
    """
    if customer_id < 1 or secret_version < 0 or secret_version > 999_999_999:
        raise ValueError("the customer id is positive and the version 0 to 999,999,999")
    mac = _mac(key, workspace=workspace, customer_id=customer_id, version=secret_version)
    return f"{TOKEN_PREFIX}-{secret_version}-{customer_id}-{mac}"


def read_qr_token(token: str) -> QrClaim | None:
    """The customer and version a scanned text claims, or None when it is not one of our tokens.

    Unverified: for telling a rep at once that they scanned another customer's code, never for
    deciding that anyone was anywhere."""
    match = _TOKEN.fullmatch(_normalised(token))
    if match is None:
        return None
    return QrClaim(customer_id=int(match["customer"]), version=int(match["version"]))


def verify_qr_token(token: str, *, workspace: str, customer_id: int, versions: Mapping[int, bytes]) -> bool:
    """Whether `token` is this workspace's code for this customer, at a version in `versions`.

    False for anything else: malformed text, another customer or workspace, a version rotated out,
    a changed character. The MAC is compared in constant time.
    """
    match = _TOKEN.fullmatch(_normalised(token))
    if match is None:
        return False
    version = int(match["version"])
    if int(match["customer"]) != customer_id or version not in versions:
        return False
    expected = _mac(versions[version], workspace=workspace, customer_id=customer_id, version=version)
    return hmac.compare_digest(expected.encode("ascii"), match["mac"].encode("ascii"))


def _normalised(token: str) -> str:
    # Scanners hand back the text as printed; people typing a code from the sheet may use lower
    # case or leave spaces around it. Overlong input is refused before the regular expression.
    if not isinstance(token, str) or len(token) > _MAX_TOKEN_LENGTH:
        return ""
    return token.strip().upper()


def _mac(key: bytes, *, workspace: str, customer_id: int, version: int) -> str:
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"a QR signing key has at least {MIN_KEY_BYTES} bytes")
    if not workspace or "\x00" in workspace:
        raise ValueError("workspace must be a schema name")
    # NUL between the parts: no schema name contains it, so no two inputs share a message.
    message = b"\x00".join(
        [_DOMAIN, workspace.encode("utf-8"), str(customer_id).encode("ascii"), str(version).encode("ascii")]
    )
    digest = hmac.new(key, message, hashlib.sha256).digest()[:MAC_BYTES]
    return base64.b32encode(digest).decode("ascii").rstrip("=")


# The printable code


def _qr(token: str) -> segno.QRCode:
    # Level Q (a quarter of the code may be lost) at least, raised for free when the same symbol
    # size allows more: a printed code gets scuffed and stained on a shop counter. A token fits
    # a 29 × 29 symbol (version 3); the longest possible one, 33 × 33.
    return segno.make(token, error="q", micro=False)


def qr_png(token: str, *, scale: int = 10) -> bytes:
    """The QR code of `token` as a PNG, `scale` pixels a module, with the standard quiet zone."""
    out = io.BytesIO()
    _qr(token).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def qr_svg(token: str, *, scale: int = 10) -> str:
    """The QR code of `token` as an SVG element (no XML declaration), for a printable sheet."""
    out = io.BytesIO()
    _qr(token).save(out, kind="svg", scale=scale, border=4, xmldecl=False, title=token)
    return out.getvalue().decode("utf-8")
