"""Standard Webhooks signing: endpoint secrets, the `webhook-signature` value and the headers.

A partner verifies our deliveries with any library of the spec (https://www.standardwebhooks.com):
the signature is `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed by the bytes the
`whsec_` secret encodes. While a secret is being rotated an endpoint has two, and a delivery
carries one signature per secret (space-separated), so the partner's old and new verifier both
accept it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets as random_source
from collections.abc import Sequence

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32  # the spec asks for 24 to 64 random bytes
USER_AGENT = "Sparrow-Webhooks/1"


def new_secret() -> str:
    """A fresh endpoint secret, `whsec_` + base64 of 32 random bytes; shown to the partner once."""
    return SECRET_PREFIX + base64.b64encode(random_source.token_bytes(SECRET_BYTES)).decode("ascii")


def _key(secret: str) -> bytes:
    # Only our own secrets reach here (new_secret), so a malformed one is a bug, not bad input.
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("A webhook secret starts with 'whsec_'.")
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except binascii.Error as exc:
        raise ValueError("A webhook secret is base64 after 'whsec_'.") from exc
    if not key:
        raise ValueError("A webhook secret may not be empty.")
    return key


def _check_msg_id(msg_id: str) -> None:
    # The id travels in a header: whitespace or control characters would split or forge headers.
    if not msg_id or any(ch.isspace() or not ch.isprintable() for ch in msg_id):
        raise ValueError("A webhook id is printable text without spaces.")


def sign(*, secrets: Sequence[str], msg_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header value: one `v1,<signature>` per secret, space-separated."""
    if isinstance(secrets, str):  # a lone str is a Sequence too; signing each letter is a bug
        raise TypeError("secrets is a sequence of secrets, not one secret.")
    if not secrets:
        raise ValueError("Signing needs at least one secret.")
    _check_msg_id(msg_id)
    signed = f"{msg_id}.{int(timestamp)}.".encode() + bytes(body)
    return " ".join(
        "v1," + base64.b64encode(hmac.new(_key(secret), signed, hashlib.sha256).digest()).decode("ascii")
        for secret in secrets
    )


def headers(*, secrets: Sequence[str], msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """Every header a delivery carries besides the transport's own (Host, Content-Length)."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(timestamp)),
        "webhook-signature": sign(secrets=secrets, msg_id=msg_id, timestamp=timestamp, body=body),
        "content-type": "application/json",
        "user-agent": USER_AGENT,
    }
