"""Tags (标签) for segmenting customers, and levels (客户等级: VIP, A, B…) to grade them.

Anyone who works with customers may create a tag and tag the customers they see; levels are the
workspace's grading scheme, kept by managers.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.customers.access import clean_id, locked_customer, require_customer_manager, require_customer_user
from saas.customers.models import Customer, CustomerLevel, CustomerTag
from saas.customers.services.common import find_tags, touch
from saas.customers.services.inputs import clean_color, clean_text

MAX_SORT_ORDER = 32767


def customer_tag_create(
    *, actor: Actor, name: str, color: str = "", idempotency_key: str | None = None
) -> CustomerTag:
    """A tag; retrying with the same idempotency key returns the first tag, not name_taken."""
    require_customer_user(actor)
    tag = CustomerTag(name=clean_text(name, "name", 30, required=True), color=clean_color(color))

    def write() -> dict[str, int]:
        try:
            with transaction.atomic():
                tag.save()
        except IntegrityError as exc:
            raise InvalidInput(_("This tag exists already."), code="name_taken", field="name") from exc
        return {"pk": tag.pk}

    result, replayed = run_once(
        by=actor_stamp(actor), key=idempotency_key, operation="customer_tag_create", write=write
    )
    return CustomerTag.objects.get(pk=result["pk"]) if replayed else tag  # tags are never deleted


@transaction.atomic
def customer_tags_set(*, actor: Actor, customer_id: Any, tag_ids: list[Any]) -> Customer:
    """Replace the customer's tags (an empty list removes them all)."""
    customer = locked_customer(actor, customer_id, field="customer_id")
    customer.tags.set(find_tags(tag_ids))
    touch(customer)
    return customer


def _clean_sort_order(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SORT_ORDER:
        raise InvalidInput(
            _("Enter a whole number from 0 to %(n)d.") % {"n": MAX_SORT_ORDER},
            code="sort_order_invalid",
            field="sort_order",
        )
    return value


def _save_level(level: CustomerLevel) -> CustomerLevel:
    try:
        with transaction.atomic():
            level.save()
    except IntegrityError as exc:
        raise InvalidInput(_("This code is already used."), code="code_taken", field="code") from exc
    return level


def customer_level_create(
    *, actor: Actor, code: str, name: str, sort_order: int = 0, idempotency_key: str | None = None
) -> CustomerLevel:
    """A level; retrying with the same idempotency key returns the first level, not code_taken."""
    require_customer_manager(actor)
    level = CustomerLevel(
        code=clean_text(code, "code", 20, required=True).upper(),
        name=clean_text(name, "name", 40, required=True),
        sort_order=_clean_sort_order(sort_order),
    )

    def write() -> dict[str, int]:
        return {"pk": _save_level(level).pk}

    result, replayed = run_once(
        by=actor_stamp(actor), key=idempotency_key, operation="customer_level_create", write=write
    )
    # Levels are never deleted: the first one is there to re-read.
    return CustomerLevel.objects.get(pk=result["pk"]) if replayed else level


@transaction.atomic
def customer_level_update(
    *,
    actor: Actor,
    level_id: Any,
    code: str | None = None,
    name: str | None = None,
    sort_order: int | None = None,
) -> CustomerLevel:
    require_customer_manager(actor)
    pk = clean_id(level_id, "id", _("Customer level not found."))
    level = CustomerLevel.objects.select_for_update().filter(pk=pk).first()
    if level is None:
        raise NotFound(_("Customer level not found."), field="id")
    if code is not None:
        level.code = clean_text(code, "code", 20, required=True).upper()
    if name is not None:
        level.name = clean_text(name, "name", 40, required=True)
    if sort_order is not None:
        level.sort_order = _clean_sort_order(sort_order)
    return _save_level(level)
