"""The only code that changes users and roles. Keyword-only, actor first, one transaction each."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor, actor_label, actor_stamp, owner_id, require_person, user_of
from saas.accounts.events import UserDeactivated, UserInvited
from saas.accounts.models import Role, User
from saas.core.domain_events import emit, graphql_id
from saas.core.errors import Forbidden, InvalidInput
from saas.core.idempotency import run_once
from saas.core.language import normalise_language
from saas.core.plan_limits import check_limit

MAX_NAME_LENGTH = 60


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except DjangoValidationError as exc:
        raise InvalidInput(_("Enter a valid e-mail address."), code="email_invalid", field="email") from exc
    return email


def _clean_name(full_name: str) -> str:
    full_name = (full_name or "").strip()
    if not full_name:
        raise InvalidInput(_("Enter a name."), code="name_required", field="full_name")
    if len(full_name) > MAX_NAME_LENGTH:
        raise InvalidInput(
            _("The name can have at most %(n)d characters.") % {"n": MAX_NAME_LENGTH},
            code="name_too_long",
            field="full_name",
        )
    return full_name


def _clean_language(language: str | None) -> str:
    cleaned = normalise_language(language or "zh-hans")
    if cleaned is None:
        raise InvalidInput(_("Unsupported language."), code="language_invalid", field="language")
    return cleaned


def _roles_for(role_codes: Iterable[str]) -> list[Role]:
    codes = list(dict.fromkeys(role_codes))
    if not codes:
        raise InvalidInput(_("Choose at least one role."), code="role_required", field="roles")
    roles = list(Role.objects.filter(code__in=codes))
    if len(roles) != len(codes):
        raise InvalidInput(_("Unknown role."), code="role_unknown", field="roles")
    return roles


def _is_owner(actor: Actor) -> bool:
    # Owner is a person's role: a partner key or a job never counts as the owner.
    user = user_of(actor)
    return user is not None and scopes.OWNER in user.role_codes


def _may_grant(actor: Actor, roles: list[Role]) -> None:
    # Only an owner makes another owner: an admin must not be able to lift anyone above itself.
    if any(role.code == scopes.OWNER for role in roles) and not _is_owner(actor):
        raise Forbidden(_("Only the owner can grant the owner role."), code="forbidden")


def owner_create(*, email: str, full_name: str, password_hash: str, language: str = "zh-hans") -> User:
    """The first user of a new workspace, made during sign-up, with its password's hash (made
    by make_password while the sign-up wrote the workspace: saas/accounts/hashers.py)."""
    email = _clean_email(email)
    owner = User.objects.create_user(
        email=email,
        password_hash=password_hash,
        full_name=_clean_name(full_name),
        language=_clean_language(language),
    )
    owner.roles.set(Role.objects.filter(code=scopes.OWNER))
    return owner


@dataclass(frozen=True)
class InviteResult:
    user: User
    replayed: bool


def user_invite(
    *,
    actor: Actor,
    email: str,
    full_name: str,
    role_codes: list[str],
    language: str = "zh-hans",
    idempotency_key: str | None = None,
) -> InviteResult:
    """Create a colleague's account and e-mail them a link to choose a password."""
    actor = require_scopes(actor, scopes.USERS_MANAGE)
    email = _clean_email(email)
    full_name = _clean_name(full_name)
    language = _clean_language(language)

    def write() -> dict[str, int]:
        roles = _roles_for(role_codes)
        _may_grant(actor, roles)
        check_limit("users")
        if User.objects.filter(email__iexact=email).exists():
            raise InvalidInput(
                _("A user with this e-mail already exists."), code="email_taken", field="email"
            )
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=email,
                    password=None,
                    full_name=full_name,
                    language=language,
                    invited_by=user_of(actor),
                )
        except IntegrityError as exc:  # a concurrent invite of the same address won the race
            raise InvalidInput(
                _("A user with this e-mail already exists."), code="email_taken", field="email"
            ) from exc
        user.roles.set(roles)
        # The invitation e-mail and the managers' notifications follow from the event (jobs).
        invited = UserInvited(
            id=graphql_id(user.pk),
            email=user.email,
            full_name=user.full_name,
            language=user.language,
            roles=tuple(sorted(role.code for role in roles)),
            invited_by=actor_label(actor),
        )
        emit(invited, by=actor_stamp(actor))
        return {"pk": user.pk}

    result, replayed = run_once(
        by=actor_stamp(actor), key=idempotency_key, operation="user_invite", write=write
    )
    return InviteResult(user=User.objects.prefetch_related("roles").get(pk=result["pk"]), replayed=replayed)


def _active_owner_count() -> int:
    return User.objects.filter(is_active=True, roles__code=scopes.OWNER).distinct().count()


@transaction.atomic
def user_deactivate(*, actor: Actor, user: User) -> User:
    """Block a colleague from signing in; their open sessions and sockets stop working."""
    actor = require_scopes(actor, scopes.USERS_MANAGE)
    target = User.objects.select_for_update().get(pk=user.pk)
    if target.pk == owner_id(actor):
        raise InvalidInput(_("You cannot deactivate yourself."), code="cannot_deactivate_self", field="id")
    target_is_owner = target.roles.filter(code=scopes.OWNER).exists()
    if target_is_owner and not _is_owner(actor):
        raise Forbidden(_("Only the owner can deactivate an owner."), code="forbidden")
    if target_is_owner and target.is_active and _active_owner_count() <= 1:
        raise InvalidInput(_("The workspace needs at least one active owner."), code="last_owner", field="id")
    if target.is_active:
        target.is_active = False
        target.save(update_fields=["is_active"])
        # Its consumer closes the user's open sockets (saas/accounts/consumers.py).
        emit(UserDeactivated(id=graphql_id(target.pk), email=target.email), by=actor_stamp(actor))
    return target


@transaction.atomic
def user_reactivate(*, actor: Actor, user: User) -> User:
    require_scopes(actor, scopes.USERS_MANAGE)
    target = User.objects.select_for_update().get(pk=user.pk)
    if not target.is_active:
        check_limit("users")
        target.is_active = True
        target.save(update_fields=["is_active"])
    return target


@transaction.atomic
def user_set_roles(*, actor: Actor, user: User, role_codes: list[str]) -> User:
    actor = require_scopes(actor, scopes.USERS_MANAGE)
    roles = _roles_for(role_codes)
    _may_grant(actor, roles)
    target = User.objects.select_for_update().get(pk=user.pk)
    was_owner = target.roles.filter(code=scopes.OWNER).exists()
    if was_owner and not _is_owner(actor):
        raise Forbidden(_("Only the owner can change an owner's roles."), code="forbidden")
    losing_owner = was_owner and all(role.code != scopes.OWNER for role in roles)
    if losing_owner and target.is_active and _active_owner_count() <= 1:
        raise InvalidInput(
            _("The workspace needs at least one active owner."), code="last_owner", field="roles"
        )
    target.roles.set(roles)
    return target


@transaction.atomic
def profile_update(
    *, actor: Actor, full_name: str | None = None, phone: str | None = None, language: str | None = None
) -> User:
    """A user changes their own name, phone or language: people only (a key or a job has none)."""
    user = User.objects.select_for_update().get(pk=require_person(actor).pk)
    if full_name is not None:
        user.full_name = _clean_name(full_name)
    if phone is not None:
        phone = phone.strip()
        if len(phone) > 30:
            raise InvalidInput(_("The phone number is too long."), code="phone_too_long", field="phone")
        user.phone = phone
    if language is not None:
        user.language = _clean_language(language)
    user.save(update_fields=["full_name", "phone", "language"])
    return user


def password_check(password: str, user: User | None = None) -> None:
    """Django's password validators, as an InvalidInput with a stable code."""
    try:
        validate_password(password, user=user)
    except DjangoValidationError as exc:
        raise InvalidInput(" ".join(exc.messages), code="password_weak", field="password") from exc
