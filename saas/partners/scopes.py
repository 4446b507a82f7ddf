"""What a partner key may do: scopes `<area>:read` / `<area>:write`, and what each one grants.

A key names areas of the workspace, not the roles' internal scopes, so partners read a short,
stable list and the workspace can refine its roles without breaking keys. Each area's scopes
expand into the internal scopes (saas/accounts/scopes.py) a manager holds in that area:
`sales:read` sees every order, `catalog:write` edits products. `write` includes `read`.

Two checks use this table:
- the services' own scope checks (`actor.has_scope("orders.edit")`) through `internal_scopes`;
- the API's area check (saas/api/partner_access.py): a key calling a root field of an area
  it holds no scope for is refused with `forbidden`, naming the scope it lacks.

`distribution` reads the network, price lists and wallets, and `write` manages them (recording
money in the wallets takes `finance:write` as well). The distributors' portal is for people only.
"""

from __future__ import annotations

from saas.accounts import scopes as internal

READ = "read"
WRITE = "write"

AREAS: tuple[str, ...] = (
    "catalog",
    "inventory",
    "customers",
    "sales",
    "finance",
    "shipping",
    "procurement",
    "reports",
    "fieldsales",
    "distribution",
    "webhooks",
)

# Internal scopes granted per (area, level); write adds to read.
WEBHOOKS_MANAGE = "webhooks.manage"
WEBHOOKS_VIEW = "webhooks.view"
_GRANTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("catalog", READ): (internal.COST_VIEW,),
    ("catalog", WRITE): (internal.CATALOG_MANAGE,),
    ("inventory", READ): (internal.INVENTORY_VIEW,),
    ("inventory", WRITE): (internal.INVENTORY_MANAGE,),
    ("customers", READ): (internal.CUSTOMERS_VIEW_ALL,),
    ("customers", WRITE): (),
    # An order is read with its customer: the customer list itself still needs customers:read.
    ("sales", READ): (internal.ORDERS_VIEW_ALL, internal.CUSTOMERS_VIEW_ALL),
    ("sales", WRITE): (internal.ORDERS_EDIT, internal.ORDERS_REVIEW),
    ("finance", READ): (internal.FINANCE_VIEW,),
    ("finance", WRITE): (internal.FINANCE_MANAGE,),
    ("shipping", READ): (internal.ORDERS_VIEW_SHIPPING,),
    ("shipping", WRITE): (internal.SHIPPING_MANAGE,),
    ("procurement", READ): (internal.COST_VIEW,),
    ("procurement", WRITE): (internal.PURCHASING_MANAGE,),
    ("reports", READ): (internal.REPORTS_VIEW,),
    ("reports", WRITE): (),
    ("fieldsales", READ): (internal.FIELD_VIEW_ALL,),
    ("fieldsales", WRITE): (internal.FIELD_MANAGE,),
    ("distribution", READ): (internal.DISTRIBUTION_VIEW,),
    ("distribution", WRITE): (internal.DISTRIBUTION_MANAGE,),
    ("webhooks", READ): (WEBHOOKS_VIEW,),
    ("webhooks", WRITE): (WEBHOOKS_MANAGE,),
}

ALL: tuple[str, ...] = tuple(f"{area}:{level}" for area in AREAS for level in (READ, WRITE))


def parse(scope: str) -> tuple[str, str] | None:
    """(area, level) of a partner scope, or None when it is not one."""
    area, _sep, level = scope.partition(":")
    if area in AREAS and level in (READ, WRITE):
        return area, level
    return None


def holds(granted: frozenset[str], area: str, level: str) -> bool:
    """Whether keys with `granted` may `level` the area (`write` includes `read`)."""
    return f"{area}:{WRITE}" in granted or (level == READ and f"{area}:{READ}" in granted)


def internal_scopes(granted: frozenset[str]) -> frozenset[str]:
    """The internal scopes a key with these partner scopes holds."""
    found: set[str] = set()
    for scope in granted:
        parsed = parse(scope)
        if parsed is None:
            continue
        area, level = parsed
        found.update(_GRANTS[(area, READ)])
        if level == WRITE:
            found.update(_GRANTS[(area, WRITE)])
    return frozenset(found)


# Which area an event belongs to, by the kind of object it is about: a key hears of (feed,
# webhooks) only what it may read. Object types missing here (people: `user`) are internal.
EVENT_AREAS: dict[str, str] = {
    "sales_order": "sales",
    "customer": "customers",
    "purchase_order": "procurement",
    "receipt": "finance",
    "return": "finance",
    "shipment": "shipping",
    "stock": "inventory",
    "webhook_endpoint": "webhooks",
    "visit": "fieldsales",
    # The network's own events: distribution:read already reads every wallet, statement,
    # rebate and report, and the portal orders' payments (saas/distribution/events.py).
    "distributor_order": "distribution",
    "wallet_entry": "distribution",
    "commission_statement": "distribution",
    "rebate": "distribution",
    "channel_stock_report": "distribution",
}
