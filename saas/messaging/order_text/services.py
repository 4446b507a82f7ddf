"""Learning from a person's pick (`orderTextAliasLearn`): the words of the line become an alias of
the SKU they picked, so the next message with those words is matched surely.

Whoever may paste may teach, for the SKUs they may see; a distributor's person teaches its own
distributor's aliases only (saas/messaging/alias_models.py). Picking again counts up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, user_of
from saas.catalog.models import SKU, Status
from saas.core.errors import NotFound
from saas.core.ids import parse_id
from saas.core.inputs import clean_text
from saas.core.sync import TOUCH
from saas.messaging.alias_models import MAX_ALIAS, ProductAlias
from saas.messaging.order_text.access import order_text_parser
from saas.messaging.order_text.learn import alias_text
from saas.messaging.order_text.snapshot import workspace_index

MAX_SOURCE = 500


@dataclass(frozen=True)
class AliasLearned:
    alias: ProductAlias | None  # None: the line had no words worth learning (only a size, a code…)


def order_text_alias_learn(*, actor: Actor, source: str, sku_id: Any) -> AliasLearned:
    parser = order_text_parser(actor)
    source = clean_text(source, field="source", max_length=MAX_SOURCE, required=True)
    pk = parse_id(sku_id)
    visible = parser.allowed_skus is None or pk in parser.allowed_skus
    sku = (
        SKU.objects.filter(pk=pk, status=Status.ACTIVE, product__status=Status.ACTIVE).first()
        if pk is not None and visible
        else None
    )
    if sku is None:
        raise NotFound(_("SKU not found."), field="sku_id")
    text = alias_text(source, workspace_index(), max_length=MAX_ALIAS)
    if not text:
        return AliasLearned(alias=None)
    owner = parser.distributor
    with transaction.atomic():
        found = ProductAlias.objects.select_for_update().filter(text=text, sku=sku, distributor=owner).first()
        if found is None:
            try:
                with transaction.atomic():
                    found = ProductAlias.objects.create(
                        text=text, sku=sku, distributor=owner, created_by=user_of(parser.actor)
                    )
                return AliasLearned(alias=found)
            except IntegrityError:  # taught at the same moment by someone else: count this pick
                found = ProductAlias.objects.select_for_update().get(text=text, sku=sku, distributor=owner)
        ProductAlias.objects.filter(pk=found.pk).update(times_used=F("times_used") + 1, updated_at=TOUCH)
        found.refresh_from_db()
    return AliasLearned(alias=found)
