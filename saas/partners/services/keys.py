"""API keys: create (the secret is shown once), rotate, revoke, and recognise a secret."""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.core.errors import FieldProblem, InvalidInput, NotFound, Unauthenticated
from saas.core.idempotency import run_once
from saas.core.ids import clean_id
from saas.core.inputs import clean_text
from saas.core.plan_limits import check_limit
from saas.partners import scopes as partner_scopes
from saas.partners.access import require_key_admin
from saas.partners.models import ApiKey

T = TypeVar("T")

SECRET_PREFIX = "spk_"
# Shown in lists so people can tell keys apart: `spk_` and the first 8 characters.
PREFIX_LENGTH = len(SECRET_PREFIX) + 8
MAX_KEYS = 50
MAX_ALLOWED_IPS = 20
MAX_LIFETIME = timedelta(days=3 * 366)
DEFAULT_GRACE = timedelta(hours=24)
MAX_GRACE = timedelta(days=7)
# last_used_at moves at most this often: one write per key per minute, not one per request.
LAST_USED_EVERY = timedelta(seconds=60)


@dataclass(frozen=True)
class IssuedKey:
    key: ApiKey
    # Shown once; only its hash is stored, so a replayed create (same idempotency key) has none.
    secret: str | None
    replayed: bool = False


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_secret() -> str:
    # 32 random bytes (256 bits), URL-safe: `spk_` + 43 characters.
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def _clean_scopes(values: list[str]) -> list[str]:
    cleaned = sorted({value.strip() for value in values})
    if not cleaned:
        raise InvalidInput(_("Choose at least one scope."), code="required", field="scopes")
    for index, value in enumerate(cleaned):
        if partner_scopes.parse(value) is None:
            raise InvalidInput(
                _("Unknown scope %(scope)s.") % {"scope": value[:40]},
                code="scope_unknown",
                field=f"scopes.{index}",
            )
    return cleaned


def _clean_ips(values: list[str] | None) -> list[str]:
    values = values or []
    if len(values) > MAX_ALLOWED_IPS:
        raise InvalidInput(
            _("At most %(n)d addresses.") % {"n": MAX_ALLOWED_IPS}, code="too_many", field="allowed_ips"
        )
    cleaned: list[str] = []
    for index, value in enumerate(values):
        try:
            cleaned.append(str(ipaddress.ip_network(value.strip(), strict=False)))
        except ValueError:
            raise InvalidInput(
                _("Not an IP address or network (such as 203.0.113.7 or 203.0.113.0/24)."),
                code="ip_invalid",
                field=f"allowed_ips.{index}",
            ) from None
    return sorted(set(cleaned))


def _clean_expiry(expires_at: datetime | None) -> datetime | None:
    if expires_at is None:
        return None
    if timezone.is_naive(expires_at):
        raise InvalidInput(
            _("Give the time with its time zone."), code="datetime_invalid", field="expires_at"
        )
    now = timezone.now()
    if expires_at <= now:
        raise InvalidInput(_("The expiry must be in the future."), code="expiry_past", field="expires_at")
    if expires_at > now + MAX_LIFETIME:
        raise InvalidInput(_("A key lives at most three years."), code="expiry_too_far", field="expires_at")
    return expires_at


def api_key_create(
    *,
    actor: Actor,
    name: str,
    scopes: list[str],
    expires_at: datetime | None = None,
    allowed_ips: list[str] | None = None,
    idempotency_key: str | None = None,
) -> IssuedKey:
    """A new key. Retried with the same `idempotency_key`, the first key comes back without its
    secret (it was shown once and is not kept): rotate the key if that answer was lost."""
    user = require_key_admin(actor)
    problems: list[FieldProblem] = []

    def checked(clean: Callable[[], T]) -> T | None:
        try:
            return clean()
        except InvalidInput as error:
            problems.extend(error.problems)
            return None

    cleaned_name = checked(lambda: clean_text(name, field="name", max_length=80, required=True))
    scope_list = checked(lambda: _clean_scopes(scopes))
    ips = checked(lambda: _clean_ips(allowed_ips))
    expiry = checked(lambda: _clean_expiry(expires_at))
    if problems or cleaned_name is None or scope_list is None or ips is None:
        raise InvalidInput(problems=problems)
    secret = _new_secret()

    def write() -> dict[str, int]:
        if ApiKey.objects.filter(revoked_at__isnull=True).count() >= MAX_KEYS:
            raise InvalidInput(
                _("A workspace has at most %(n)d API keys: revoke one first.") % {"n": MAX_KEYS},
                code="too_many_keys",
            )
        check_limit("api_keys")
        key = ApiKey.objects.create(
            name=cleaned_name,
            prefix=secret[:PREFIX_LENGTH],
            secret_hash=secret_hash(secret),
            scopes=scope_list,
            allowed_ips=ips,
            expires_at=expiry,
            created_by=user,
        )
        return {"id": key.pk}

    result, replayed = run_once(
        by=actor_stamp(user), key=idempotency_key, operation="api_key.create", write=write
    )
    key = ApiKey.objects.get(pk=result["id"])
    return IssuedKey(key=key, secret=None if replayed else secret, replayed=replayed)


def _admin_key(actor: Actor, key_id: object, *, lock: bool = False) -> ApiKey:
    require_key_admin(actor)
    queryset = ApiKey.objects.all()
    if lock:
        queryset = queryset.select_for_update()
    key = queryset.filter(pk=clean_id(key_id, "id", _("API key not found."))).first()
    if key is None:
        raise NotFound(_("API key not found."), field="id")
    return key


def api_key_revoke(*, actor: Actor, key_id: object) -> ApiKey:
    """The key stops working at once, its previous secret too. Revoking twice is harmless."""
    with transaction.atomic():
        key = _admin_key(actor, key_id, lock=True)
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.previous_valid_until = None
            key.save(update_fields=["revoked_at", "previous_valid_until"])
    return key


def api_key_rotate(*, actor: Actor, key_id: object, grace: timedelta | None = None) -> IssuedKey:
    """A new secret for the key; the old one keeps working for `grace` (24 hours by default),
    so a partner can deploy the new one without an outage."""
    grace = DEFAULT_GRACE if grace is None else grace
    if grace < timedelta(0) or grace > MAX_GRACE:
        raise InvalidInput(
            _("The grace period is 0 to 168 hours."), code="grace_invalid", field="grace_hours"
        )
    with transaction.atomic():
        key = _admin_key(actor, key_id, lock=True)
        if not key.is_active:
            raise InvalidInput(_("A revoked or expired key cannot be rotated."), code="key_inactive")
        secret = _new_secret()
        key.previous_hash = key.secret_hash if grace else None
        key.previous_valid_until = timezone.now() + grace if grace else None
        key.secret_hash = secret_hash(secret)
        key.prefix = secret[:PREFIX_LENGTH]
        key.save(update_fields=["previous_hash", "previous_valid_until", "secret_hash", "prefix"])
    return IssuedKey(key=key, secret=secret)


def _address_allowed(key: ApiKey, address: str) -> bool:
    if not key.allowed_ips:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(network) for network in key.allowed_ips)


def authenticate_key(*, secret: str, address: str, stamp: bool = True) -> ApiKey:
    """The key a bearer secret names in this workspace, or Unauthenticated. `stamp=False` leaves
    its last use unrecorded (a read-only workspace changes no row).

    One message for every failure (unknown, revoked, expired, wrong address): a caller learns
    nothing about which keys exist. A key of another workspace is unknown here.
    """
    refused = Unauthenticated(_("The API key is not valid for this workspace."))
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        raise refused
    digest = secret_hash(secret)
    now = timezone.now()
    key = (
        ApiKey.objects.filter(Q(secret_hash=digest) | Q(previous_hash=digest, previous_valid_until__gt=now))
        .only(*KEY_COLUMNS)
        .first()
    )
    if key is None or not key.is_active or not _address_allowed(key, address):
        raise refused
    stale = (
        key.last_used_at is None or key.last_used_at < now - LAST_USED_EVERY or key.last_used_ip != address
    )
    if stamp and stale:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now, last_used_ip=address or None)
        key.last_used_at, key.last_used_ip = now, address
    return key


KEY_COLUMNS = (
    "id",
    "name",
    "prefix",
    "scopes",
    "allowed_ips",
    "expires_at",
    "revoked_at",
    "last_used_at",
    "last_used_ip",
)
