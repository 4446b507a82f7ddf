"""The distributor network (writes): levels, distributors in their tree, and their people.

A distributor is made from a customer record (one distributor per customer) with a level, an
optional parent, a sales area and a credit limit; its wallet is opened with it. Moving it
re-parents its whole subtree in one UPDATE of the paths, refusing a parent inside the subtree
(`parent_cycle`) and a tree deeper than MAX_DEPTH (`network_too_deep`); shape changes take the
network's lock (saas/distribution/services/common.network_lock). People of the distributor role
belong to one distributor: invited by e-mail through the accounts service, or an existing one
linked.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.accounts.models import User
from saas.accounts.selectors import user_list
from saas.accounts.services import user_invite
from saas.catalog.models import Category, Product
from saas.core.errors import FieldProblem, InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.ids import parse_id
from saas.core.inputs import clean_text
from saas.core.plan_limits import check_limit
from saas.core.sync import TOUCH
from saas.customers.visibility import visible_customers
from saas.distribution.access import require_network_manager
from saas.distribution.models import (
    MAX_DEPTH,
    Distributor,
    DistributorLevel,
    DistributorMember,
    DistributorStatus,
    LevelCatalogEntry,
    Wallet,
)
from saas.distribution.services.common import clean_money, find_distributor, find_level, network_lock

MAX_CATALOG_ENTRIES = 500
MAX_RANK = 99


def _clean_ids(values: Sequence[Any], field: str) -> list[int]:
    if len(values) > MAX_CATALOG_ENTRIES:
        raise InvalidInput(
            _("At most %(n)d entries.") % {"n": MAX_CATALOG_ENTRIES}, code="too_many_lines", field=field
        )
    found: list[int] = []
    for index, value in enumerate(values):
        pk = parse_id(value)
        if pk is None:
            raise NotFound(_("Not found."), field=f"{field}.{index}")
        found.append(pk)
    return list(dict.fromkeys(found))


def _set_catalog(level: DistributorLevel, category_ids: Sequence[Any], product_ids: Sequence[Any]) -> None:
    """The level's catalogue, the whole new set (none: every active product)."""
    categories = _clean_ids(category_ids, "catalog_category_ids")
    products = _clean_ids(product_ids, "catalog_product_ids")
    known_categories = set(Category.objects.filter(pk__in=categories).values_list("pk", flat=True))
    problems = [
        FieldProblem(f"catalog_category_ids.{index}", "not_found", _("Category not found."))
        for index, pk in enumerate(categories)
        if pk not in known_categories
    ]
    known_products = set(Product.objects.filter(pk__in=products).values_list("pk", flat=True))
    problems += [
        FieldProblem(f"catalog_product_ids.{index}", "not_found", _("Product not found."))
        for index, pk in enumerate(products)
        if pk not in known_products
    ]
    if problems:
        raise InvalidInput(problems=problems)
    LevelCatalogEntry.objects.filter(level=level).delete()
    LevelCatalogEntry.objects.bulk_create(
        [LevelCatalogEntry(level=level, category_id=pk) for pk in categories]
        + [LevelCatalogEntry(level=level, product_id=pk) for pk in products]
    )


@transaction.atomic
def level_save(
    *,
    actor: Actor,
    level_id: Any = None,
    code: str,
    name: str,
    rank: int = 1,
    min_order_amount: Any = "0",
    catalog_category_ids: Sequence[Any] | None = None,
    catalog_product_ids: Sequence[Any] | None = None,
) -> DistributorLevel:
    """Create a level (no id) or change one. The catalogue, when given (either list), is the
    whole new set of categories and products the level may see and order."""
    require_network_manager(actor)
    level = DistributorLevel() if level_id in (None, "") else find_level(level_id, "id")
    if level.pk is not None:
        level = DistributorLevel.objects.select_for_update().get(pk=level.pk)
    level.code = clean_text(code, "code", 20, required=True)
    level.name = clean_text(name, "name", 40, required=True)
    if not isinstance(rank, int) or isinstance(rank, bool) or not 1 <= rank <= MAX_RANK:
        raise InvalidInput(_("A rank is 1 to %(n)d.") % {"n": MAX_RANK}, code="rank_invalid", field="rank")
    level.rank = rank
    level.min_order_amount = clean_money(min_order_amount, "min_order_amount")
    try:
        with transaction.atomic():
            level.save()
    except IntegrityError:
        raise InvalidInput(_("A level with this code exists."), code="code_taken", field="code") from None
    if catalog_category_ids is not None or catalog_product_ids is not None:
        _set_catalog(level, catalog_category_ids or [], catalog_product_ids or [])
    return level


def _parent(parent_id: Any) -> Distributor | None:
    if parent_id in (None, ""):
        return None
    return find_distributor(parent_id, "parent_id", lock=True)


def _check_depth(depth: int, field: str = "parent_id") -> None:
    if depth >= MAX_DEPTH:
        raise InvalidInput(
            _("The network may be at most %(n)d levels deep.") % {"n": MAX_DEPTH},
            code="network_too_deep",
            field=field,
        )


def distributor_create(
    *,
    actor: Actor,
    customer_id: Any,
    level_id: Any,
    parent_id: Any = None,
    sales_area: str = "",
    credit_limit: Any = "0",
    idempotency_key: str | None = None,
) -> Distributor:
    """A customer becomes a distributor of `level`, under `parent` (none: a root of the network),
    with its wallet; a retry with the same idempotency key returns the first one."""
    user = require_network_manager(actor)
    area = clean_text(sales_area, "sales_area", 60)
    limit = clean_money(credit_limit, "credit_limit")

    def write() -> dict[str, int]:
        pk = parse_id(customer_id)
        customer = visible_customers(user).filter(pk=pk).first() if pk is not None else None
        if customer is None:
            raise NotFound(_("Customer not found."), field="customer_id")
        if not customer.is_active:
            raise InvalidInput(_("This customer is inactive."), code="customer_inactive", field="customer_id")
        level = find_level(level_id)
        network_lock()
        check_limit("distributors")
        if Distributor.objects.filter(customer=customer).exists():
            raise InvalidInput(
                _("This customer is already a distributor."), code="already_distributor", field="customer_id"
            )
        parent = _parent(parent_id)
        depth = 0 if parent is None else parent.depth + 1
        _check_depth(depth)
        distributor = Distributor.objects.create(
            customer=customer,
            level=level,
            parent=parent,
            path=f"~{uuid.uuid4().hex}",  # replaced below, once the id is known
            depth=depth,
            sales_area=area,
            credit_limit=limit,
            created_by=user_of(user),
        )
        distributor.path = f"{parent.path if parent else '/'}{distributor.pk}/"
        distributor.save(update_fields=["path", "updated_at"])
        Wallet.objects.create(distributor=distributor)
        return {"pk": distributor.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(user), key=idempotency_key, operation="distributor_create", write=write
        )
    return find_distributor(result["pk"], "id")


@transaction.atomic
def distributor_update(
    *,
    actor: Actor,
    distributor_id: Any,
    level_id: Any = None,
    sales_area: str | None = None,
    credit_limit: Any = None,
    status: str | None = None,
) -> Distributor:
    """Change a distributor's level, area, credit limit or status; what is left out stays.
    A suspended distributor orders nothing; its history and wallet stay."""
    require_network_manager(actor)
    distributor = find_distributor(distributor_id, "id", lock=True)
    if level_id not in (None, ""):
        distributor.level = find_level(level_id)
    if sales_area is not None:
        distributor.sales_area = clean_text(sales_area, "sales_area", 60)
    if credit_limit not in (None, ""):
        distributor.credit_limit = clean_money(credit_limit, "credit_limit")
    if status is not None:
        if status not in DistributorStatus.values:
            raise InvalidInput(_("Unknown status."), code="status_invalid", field="status")
        distributor.status = status
    distributor.save()
    return distributor


def distributor_suspend(*, actor: Actor, distributor_id: Any) -> Distributor:
    return distributor_update(actor=actor, distributor_id=distributor_id, status=DistributorStatus.SUSPENDED)


@transaction.atomic
def distributor_move(*, actor: Actor, distributor_id: Any, parent_id: Any = None) -> Distributor:
    """Put the distributor, with its whole subtree, under another parent (none: a root)."""
    require_network_manager(actor)
    network_lock()
    node = find_distributor(distributor_id, "id", lock=True)
    parent = _parent(parent_id)
    if parent is not None and parent.path.startswith(node.path):
        raise InvalidInput(
            _("A distributor cannot move under itself or its own downline."),
            code="parent_cycle",
            field="parent_id",
        )
    if (parent.pk if parent else None) == node.parent_id:
        return node
    depth = 0 if parent is None else parent.depth + 1
    lowest = Distributor.objects.filter(path__startswith=node.path).aggregate(lowest=Max("depth"))["lowest"]
    _check_depth(depth + (lowest or node.depth) - node.depth)
    old, new = node.path, f"{parent.path if parent else '/'}{node.pk}/"
    Distributor.objects.filter(path__startswith=old).update(
        path=Concat(Value(new), Substr("path", len(old) + 1)),
        depth=F("depth") + (depth - node.depth),
        updated_at=TOUCH,
    )
    Distributor.objects.filter(pk=node.pk).update(parent=parent)
    return find_distributor(node.pk, "id")


def _distributor_person(user: User) -> None:
    """Only people whose roles are exactly the distributor role order for a distributor: staff
    holding every scope (an owner) must not slip into a distributor's account."""
    if set(user.role_codes) != {scopes.DISTRIBUTOR}:
        raise InvalidInput(
            _("Only people of the distributor role belong to a distributor."),
            code="not_distributor_role",
            field="user_id",
        )


def _add_member(distributor: Distributor, user: User) -> DistributorMember:
    try:
        with transaction.atomic():
            return DistributorMember.objects.create(distributor=distributor, user=user)
    except IntegrityError:
        raise InvalidInput(
            _("This person already belongs to a distributor."), code="already_member", field="user_id"
        ) from None


@transaction.atomic
def member_add(*, actor: Actor, distributor_id: Any, user_id: Any) -> DistributorMember:
    """Link an existing person of the distributor role to the distributor."""
    user = require_network_manager(actor)
    distributor = find_distributor(distributor_id, lock=True)
    pk = parse_id(user_id)
    person = user_list(actor=user).filter(pk=pk).first() if pk is not None else None
    if person is None:
        raise NotFound(_("User not found."), field="user_id")
    _distributor_person(person)
    return _add_member(distributor, person)


def member_invite(
    *,
    actor: Actor,
    distributor_id: Any,
    email: str,
    full_name: str,
    language: str = "zh-hans",
    idempotency_key: str | None = None,
) -> DistributorMember:
    """Invite a new person of the distributor role (an e-mail to choose a password follows) as a
    member of the distributor: both or neither. Needs users.manage as well."""
    user = require_network_manager(actor)

    def write() -> dict[str, int]:
        distributor = find_distributor(distributor_id, lock=True)
        invited = user_invite(
            actor=user, email=email, full_name=full_name, role_codes=[scopes.DISTRIBUTOR], language=language
        )
        return {"pk": _add_member(distributor, invited.user).pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(user), key=idempotency_key, operation="distributor_member_invite", write=write
        )
    return DistributorMember.objects.select_related("user", "distributor").get(pk=result["pk"])


@transaction.atomic
def member_remove(*, actor: Actor, user_id: Any) -> None:
    """The person no longer orders for their distributor (their account stays; deactivate it
    through the users' services)."""
    require_network_manager(actor)
    pk = parse_id(user_id)
    deleted, _rows = DistributorMember.objects.filter(user_id=pk).delete() if pk is not None else (0, {})
    if not deleted:
        raise NotFound(_("This person belongs to no distributor."), field="user_id")
