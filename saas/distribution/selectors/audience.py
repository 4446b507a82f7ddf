"""Who hears of the distribution network's events, for the notification inbox (registered in
apps.py through saas/core/object_audiences.py and saas/core/object_visibility.py, since the
inbox sits beside distribution in the domain chain and may not import it).

- A distributor's people are its audience: they hear of its wallet and its portal orders.
- A wallet entry is seen by whoever may read that wallet (its own people; staff with
  distribution.view or finance.view), a portal order by its distributor's people and by staff
  whose sales visibility shows them the order. Anyone else, and anything unknown, is refused:
  a person moved to another distributor stops hearing of the first one's.
"""

from __future__ import annotations

from saas.accounts import scopes
from saas.accounts.actors import MissingActor
from saas.accounts.models import User
from saas.core.errors import DomainError
from saas.distribution.models import DistributorMember, DistributorOrder, WalletEntry
from saas.distribution.selectors.wallet import readable_wallet
from saas.sales.selectors.visibility import visible_orders


def distributor_people(distributor_id: int) -> list[int]:
    """The ids of the people who order for the distributor."""
    return list(
        DistributorMember.objects.filter(distributor_id=distributor_id)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


def wallet_entry_visible(user: User, entry_id: int) -> bool:
    distributor_id = WalletEntry.objects.filter(pk=entry_id).values_list("distributor_id", flat=True).first()
    if distributor_id is None:
        return False
    try:
        readable_wallet(user, distributor_id)
    except (DomainError, MissingActor):
        return False
    return True


def distributor_order_visible(user: User, order_id: int) -> bool:
    """`order_id` is the sales order's: the portal names its orders by it."""
    if not user.is_active:
        return False
    placed = (
        DistributorOrder.objects.filter(order_id=order_id).values_list("distributor_id", flat=True).first()
    )
    if placed is None:
        return False
    if user.has_scope(scopes.DISTRIBUTOR_PORTAL):
        own = (
            DistributorMember.objects.filter(user_id=user.pk).values_list("distributor_id", flat=True).first()
        )
        if own is not None:  # a distributor's person sees its own distributor's orders, no other
            return own == placed
    try:
        return visible_orders(user).filter(pk=order_id).exists()
    except (DomainError, MissingActor):
        return False
