"""Who hears of which event, what they are told, and where it links: one rule per event kind.

A rule names its recipients by role (everyone active holding one of `scopes`), as owners
(payload fields that carry a user's id: the order's rep, the customer's owner), and as the
people of an object (`audience`: a distributor's people, whom the payload does not list; the
owning domain registers them in saas/core/object_audiences.py). There are no teams in the
workspace model yet: when they come, a rule gains `teams_of=` beside `owners`. The person who
acted is left out unless `tell_actor`. Texts are translated into each recipient's language when
the inbox row is written; placeholders are the event's payload fields (snake_case), and a
field with `labels` shows its value's name in that language (a wallet entry's kind). Events
without a rule notify no one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from saas.accounts import scopes


@dataclass(frozen=True)
class Rule:
    title: str | Promise
    link: str  # an app path with payload placeholders: "/orders/%(id)s"
    body: str | Promise = ""
    scopes: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    # (audience name, payload field of the object's id): the object's people are told too.
    audience: tuple[str, str] | None = None
    # Payload field → its values' names, shown in the recipient's language instead of the value.
    labels: Mapping[str, Mapping[str, str | Promise]] = field(default_factory=dict)
    # What recipients must be able to see (object type and the payload field of its id);
    # by default the event's own object.
    subject: tuple[str, str] | None = None
    tell_actor: bool = False
    # What a person gets by default before they choose (Preferences in the app).
    email_default: bool = False


WALLET_KINDS: dict[str, str | Promise] = {
    "prepayment": _("prepayment"),
    "order_payment": _("order payment"),
    "rebate": _("rebate"),
    "commission": _("commission"),
    "payout": _("payout"),
    "adjustment": _("adjustment"),
    "refund": _("refund"),
}
WALLET_POCKETS: dict[str, str | Promise] = {"cash": _("balance"), "rebate": _("rebate balance")}
ORDER_CHANGES: dict[str, str | Promise] = {
    "approved": _("was approved"),
    "rejected": _("was sent back"),
    "cancelled": _("was cancelled"),
    "shipped": _("has shipped"),
    "signed": _("was signed for"),
    "completed": _("is complete"),
}

RULES: dict[str, Rule] = {
    "sales_order.submitted": Rule(
        title=_("Order %(number)s of %(customer_name)s awaits review"),
        body=_("Total %(total_amount)s %(currency)s"),
        link="/orders/%(id)s",
        scopes=(scopes.ORDERS_REVIEW,),
    ),
    "sales_order.approved": Rule(
        title=_("Order %(number)s (%(customer_name)s) was approved"),
        body="%(note)s",
        link="/orders/%(id)s",
        owners=("rep_id",),
    ),
    "sales_order.rejected": Rule(
        title=_("Order %(number)s (%(customer_name)s) was sent back"),
        body="%(note)s",
        link="/orders/%(id)s",
        owners=("rep_id",),
    ),
    "sales_order.cancelled": Rule(
        title=_("Order %(number)s (%(customer_name)s) was cancelled"),
        body="%(reason)s",
        link="/orders/%(id)s",
        owners=("rep_id",),
    ),
    "sales_order.completed": Rule(
        title=_("Order %(number)s (%(customer_name)s) is complete"),
        link="/orders/%(id)s",
        owners=("rep_id",),
    ),
    "shipment.shipped": Rule(
        title=_("Order %(order_number)s (%(customer_name)s) has shipped"),
        body="%(carrier_name)s %(tracking_number)s",
        link="/orders/%(order_id)s",
        owners=("rep_id",),
        subject=("sales_order", "order_id"),
    ),
    "shipment.signed": Rule(
        title=_("The signed delivery note of order %(order_number)s is back"),
        link="/orders/%(order_id)s",
        owners=("rep_id",),
        subject=("sales_order", "order_id"),
    ),
    "return.requested": Rule(
        title=_("Return %(number)s of %(customer_name)s awaits review"),
        body=_("Order %(order_number)s, %(amount)s %(currency)s"),
        link="/returns/%(id)s",
        scopes=(scopes.ORDERS_REVIEW,),
    ),
    "return.approved": Rule(
        title=_("Return %(number)s (%(customer_name)s) was approved"),
        link="/returns/%(id)s",
        owners=("rep_id",),
        scopes=(scopes.INVENTORY_MANAGE,),
    ),
    "return.received": Rule(
        title=_("The goods of return %(number)s are back in stock"),
        link="/returns/%(id)s",
        owners=("rep_id",),
    ),
    "receipt.recorded": Rule(
        title=_("%(amount)s %(currency)s received from %(customer_name)s"),
        body="%(number)s",
        link="/receipts/%(id)s",
        owners=("owner_id",),
    ),
    "purchase_order.received": Rule(
        title=_("Goods arrived for purchase order %(number)s"),
        body=_("%(supplier_name)s, goods receipt %(goods_receipt_number)s"),
        link="/purchase-orders/%(id)s",
        scopes=(scopes.PURCHASING_MANAGE,),
    ),
    "stock.low": Rule(
        title=_("%(total)s SKUs are low on stock"),
        link="/stock?low=1",
        scopes=(scopes.INVENTORY_MANAGE, scopes.PURCHASING_MANAGE),
        tell_actor=True,  # whoever shipped the last unit still wants to know it is low
    ),
    "webhook_endpoint.disabled": Rule(
        title=_("Webhook endpoint %(url)s was switched off after %(failures)s failed deliveries"),
        body=_("Last error: %(last_error)s. Deliveries are held and the endpoint is tried again."),
        link="/settings/webhooks/%(id)s",
        scopes=(scopes.TENANT_MANAGE,),
        email_default=True,
    ),
    "webhook_endpoint.recovered": Rule(
        title=_("Webhook endpoint %(url)s works again; held deliveries are being sent"),
        link="/settings/webhooks/%(id)s",
        scopes=(scopes.TENANT_MANAGE,),
    ),
    "customer.created": Rule(
        title=_("New customer %(name)s is yours"),
        link="/customers/%(id)s",
        owners=("owner_id",),
    ),
    "user.invited": Rule(
        title=_("%(full_name)s (%(email)s) was invited to the workspace"),
        body=_("Invited by %(invited_by)s"),
        link="/users",
        scopes=(scopes.USERS_MANAGE,),
    ),
    # A distributor's people hear of their own wallet and portal orders (saas/distribution). Staff
    # are not told of a new portal order here: it is submitted into review like any order, and
    # sales_order.submitted already tells the reviewers (or .approved the rep, without review).
    "wallet.entry_posted": Rule(
        title=_("Wallet: %(kind)s %(amount)s, %(pocket)s %(balance_after)s"),
        body="%(reference)s %(note)s",
        link="/portal/wallet",
        audience=("distributor", "distributor_id"),
        labels={"kind": WALLET_KINDS, "pocket": WALLET_POCKETS},
    ),
    "distributor_order.status_changed": Rule(
        title=_("Your order %(number)s %(change)s"),
        link="/portal/orders/%(id)s",
        audience=("distributor", "distributor_id"),
        labels={"change": ORDER_CHANGES},
    ),
    "work_log.commented": Rule(
        title=_("%(author_name)s commented on your work log of %(day)s"),
        body="%(text)s",
        link="/field/logs/%(id)s",
        owners=("rep_id",),
    ),
}


def rule_for(kind: str) -> Rule | None:
    return RULES.get(kind)
