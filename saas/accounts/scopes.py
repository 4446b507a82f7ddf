"""The scopes a role can grant, and the built-in roles. Roles are rows; this seeds them.

A domain adds its scopes here and grants them to the built-in roles in a data migration.
Scope names read `<area>.<action>`; `*.view_all` versus `*.view_own` drive row visibility.
"""

from __future__ import annotations

TENANT_MANAGE = "tenant.manage"  # workspace settings, billing
USERS_VIEW_ALL = "users.view_all"
USERS_MANAGE = "users.manage"  # invite, change roles, deactivate
CUSTOMERS_VIEW_ALL = "customers.view_all"
CUSTOMERS_VIEW_OWN = "customers.view_own"
ORDERS_VIEW_ALL = "orders.view_all"
ORDERS_VIEW_OWN = "orders.view_own"
ORDERS_EDIT = "orders.edit"
ORDERS_REVIEW = "orders.review"
ORDERS_CREDIT_OVERRIDE = "orders.credit_override"  # approve an order over the credit limit
# Orders waiting to ship and being shipped, without their money: what a warehouse works from.
ORDERS_VIEW_SHIPPING = "orders.view_shipping"
CATALOG_MANAGE = "catalog.manage"  # products, SKUs, categories, prices
INVENTORY_VIEW = "inventory.view"  # internal stock: on hand, reserved, available, warning levels
# Availability only as the workspace shows it to outsiders (a band or nothing), never numbers:
# what a distributor gets. saas.inventory.availability decides what each actor sees.
INVENTORY_VIEW_AVAILABILITY = "inventory.view_availability"
INVENTORY_MANAGE = "inventory.manage"
COST_VIEW = "cost.view"
PURCHASING_MANAGE = "purchasing.manage"
SHIPPING_MANAGE = "shipping.manage"
FINANCE_VIEW = "finance.view"
FINANCE_MANAGE = "finance.manage"
REPORTS_VIEW = "reports.view"
DISTRIBUTOR_PORTAL = "distributor.portal"  # orders on its own account at its own price tier
# Field sales (saas/fieldsales): a rep checks in and sees their own field data, a manager everyone's.
FIELD_VIEW_OWN = "field.view_own"
FIELD_VIEW_TEAM = "field.view_team"  # a manager: the teams they manage (saas/fieldsales)
FIELD_VIEW_ALL = "field.view_all"
FIELD_MANAGE = "field.manage"  # field settings (radius, retention), customers' locations for anyone
# Distribution (saas/distribution): the network, price tiers and wallets, for the workspace's staff.
DISTRIBUTION_VIEW = "distribution.view"
DISTRIBUTION_MANAGE = "distribution.manage"  # distributors, levels, price lists, their people

ALL_SCOPES: tuple[str, ...] = (
    TENANT_MANAGE,
    USERS_VIEW_ALL,
    USERS_MANAGE,
    CUSTOMERS_VIEW_ALL,
    CUSTOMERS_VIEW_OWN,
    ORDERS_VIEW_ALL,
    ORDERS_VIEW_OWN,
    ORDERS_EDIT,
    ORDERS_REVIEW,
    ORDERS_CREDIT_OVERRIDE,
    ORDERS_VIEW_SHIPPING,
    CATALOG_MANAGE,
    INVENTORY_VIEW,
    INVENTORY_VIEW_AVAILABILITY,
    INVENTORY_MANAGE,
    COST_VIEW,
    PURCHASING_MANAGE,
    SHIPPING_MANAGE,
    FINANCE_VIEW,
    FINANCE_MANAGE,
    REPORTS_VIEW,
    DISTRIBUTOR_PORTAL,
    FIELD_VIEW_OWN,
    FIELD_VIEW_TEAM,
    FIELD_VIEW_ALL,
    FIELD_MANAGE,
    DISTRIBUTION_VIEW,
    DISTRIBUTION_MANAGE,
)

OWNER = "owner"
ADMIN = "admin"
MANAGER = "manager"
SALES = "sales"
WAREHOUSE = "warehouse"
FINANCE = "finance"
DISTRIBUTOR = "distributor"

# code -> (Chinese name, English name, scopes)
BUILT_IN_ROLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    OWNER: ("老板", "Owner", ALL_SCOPES),
    ADMIN: ("管理员", "Administrator", tuple(s for s in ALL_SCOPES if s != DISTRIBUTOR_PORTAL)),
    MANAGER: (
        "经理",
        "Manager",
        (
            USERS_VIEW_ALL,
            CUSTOMERS_VIEW_ALL,
            ORDERS_VIEW_ALL,
            ORDERS_EDIT,
            ORDERS_REVIEW,
            ORDERS_CREDIT_OVERRIDE,
            CATALOG_MANAGE,
            INVENTORY_VIEW,
            COST_VIEW,
            FINANCE_VIEW,
            REPORTS_VIEW,
            FIELD_VIEW_TEAM,
            FIELD_MANAGE,
            DISTRIBUTION_VIEW,
            DISTRIBUTION_MANAGE,
        ),
    ),
    SALES: (
        "销售",
        "Sales",
        (CUSTOMERS_VIEW_OWN, ORDERS_VIEW_OWN, ORDERS_EDIT, INVENTORY_VIEW, REPORTS_VIEW, FIELD_VIEW_OWN),
    ),
    WAREHOUSE: (
        "仓管",
        "Warehouse",
        (
            CATALOG_MANAGE,
            INVENTORY_VIEW,
            INVENTORY_MANAGE,
            COST_VIEW,
            PURCHASING_MANAGE,
            SHIPPING_MANAGE,
            ORDERS_VIEW_SHIPPING,
        ),
    ),
    FINANCE: (
        "财务",
        "Finance",
        (
            CUSTOMERS_VIEW_ALL,
            ORDERS_VIEW_ALL,
            FINANCE_VIEW,
            FINANCE_MANAGE,
            COST_VIEW,
            REPORTS_VIEW,
            DISTRIBUTION_VIEW,  # wallets: finance records prepayments and payouts
        ),
    ),
    # Not inventory.view: a distributor is an outsider and sees no internal stock numbers.
    DISTRIBUTOR: ("经销商", "Distributor", (DISTRIBUTOR_PORTAL, INVENTORY_VIEW_AVAILABILITY)),
}
