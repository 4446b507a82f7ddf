"""Who may do what in the distribution network, in one place for services and selectors.

- distribution.view (owner, admin, manager, finance; a partner key with `distribution:read`):
  the whole network, its price lists and wallets.
- distribution.manage (owner, admin, manager; `distribution:write`): distributors, levels, price
  lists, the settings, and who belongs to which distributor.
- finance.manage (finance, owner, admin): records what moved in the wallets (prepayments,
  payouts, adjustments), each with a reference. Sparrow records money, it never moves it.
  Posting a commission settlement or a rebate run credits wallets, so it is finance's too:
  finance.manage with sight of the network (distribution.view); a partner key needs
  `finance:write` beside the `distribution:write` every distribution mutation needs. Computing
  and reviewing stay with distribution.manage, so a manager prepares and finance posts.
- distributor.portal, as a member of one distributor (the distributor role): that distributor
  only — its own record, prices, wallet and orders, never another's. Anyone else sees nothing.

A distributor the actor may not see is "not found", exactly like one that does not exist.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor, require_person
from saas.accounts.models import User
from saas.core.errors import Forbidden, NotFound
from saas.distribution.models import Distributor, DistributorMember


def require_network_viewer(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.DISTRIBUTION_VIEW)


def require_network_manager(actor: Actor) -> Actor:
    return require_scopes(
        actor, scopes.DISTRIBUTION_MANAGE, message=_("Only managers change the distribution network.")
    )


def require_wallet_viewer(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.DISTRIBUTION_VIEW, scopes.FINANCE_VIEW)


def require_wallet_recorder(actor: Actor) -> Actor:
    """What moved in a wallet is finance's to record."""
    return require_scopes(
        actor, scopes.FINANCE_MANAGE, message=_("Only finance records prepayments, payouts and adjustments.")
    )


def require_wallet_poster(actor: Actor) -> Actor:
    """Posting a settlement or a rebate run to the wallets: `finance_required` without
    finance.manage (a manager, or a key with `distribution:write` alone, reviews but never posts)."""
    acting = require_network_viewer(actor)
    if not acting.has_scope(scopes.FINANCE_MANAGE):
        raise Forbidden(_("Only finance posts money to the wallets."), code="finance_required")
    return acting


def distributor_not_found(field: str = "distributor_id") -> NotFound:
    return NotFound(_("Distributor not found."), field=field)


def portal_membership(actor: Actor) -> tuple[User, Distributor]:
    """The person ordering in the portal and the one distributor they belong to.

    People only, with distributor.portal and a membership; anyone else is refused
    (`not_a_distributor`): the portal fails closed for staff, keys and jobs alike.
    """
    user = require_person(actor)
    member = (
        DistributorMember.objects.select_related("distributor__customer", "distributor__level")
        .filter(user_id=user.pk)
        .first()
    )
    if not user.has_scope(scopes.DISTRIBUTOR_PORTAL) or member is None:
        raise Forbidden(_("You are not a member of any distributor."), code="not_a_distributor")
    return user, member.distributor
