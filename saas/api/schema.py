"""The GraphQL schema: every domain's queries and mutations, with the abuse limits switched on."""

from __future__ import annotations

from typing import Any

import strawberry
from django.conf import settings
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry_django.optimizer import DjangoOptimizerExtension

from saas.api.accounts.mutations import AccountMutations
from saas.api.accounts.queries import AccountQueries
from saas.api.accounts.table_settings import TableSettingsMutations, TableSettingsQueries
from saas.api.billing.checkout import BillingCheckoutMutations
from saas.api.billing.queries import BillingQueries
from saas.api.catalog.mutations import CatalogMutations
from saas.api.catalog.queries import CatalogQueries
from saas.api.cost_limit import CostLimit
from saas.api.customers.mutations import CustomersMutations
from saas.api.customers.queries import CustomersQueries
from saas.api.dashboard.mutations import DashboardMutations
from saas.api.dashboard.queries import DashboardQueries
from saas.api.descriptions import describe
from saas.api.distribution.channel_stock import ChannelStockMutations, ChannelStockQueries
from saas.api.distribution.commissions import CommissionMutations, CommissionQueries
from saas.api.distribution.mutations import DistributionMutations
from saas.api.distribution.portal import PortalMutations, PortalQueries
from saas.api.distribution.queries import DistributionQueries
from saas.api.distribution.rebates import RebateMutations, RebateQueries
from saas.api.distribution.rewards_portal import RewardsPortalQueries
from saas.api.distribution.wallet import WalletMutations
from saas.api.errors import ErrorCodes
from saas.api.fieldsales.mutations import FieldSalesMutations
from saas.api.fieldsales.plans import PlanMutations, PlanQueries
from saas.api.fieldsales.queries import FieldSalesQueries
from saas.api.fieldsales.rankings import RankingMutations, RankingQueries
from saas.api.fieldsales.targets import TargetQueries
from saas.api.fieldsales.team_day import TeamDayQueries
from saas.api.fieldsales.visit_records import VisitRecordMutations, VisitRecordQueries
from saas.api.finance.mutations import FinanceMutations
from saas.api.finance.queries import FinanceQueries
from saas.api.input_guard import InputGuard
from saas.api.inventory.mutations import InventoryMutations
from saas.api.inventory.queries import InventoryQueries
from saas.api.live.over_http import SubscriptionsOverWebSocket
from saas.api.live.subscriptions import LiveSubscriptions
from saas.api.messaging.mutations import MessagingMutations
from saas.api.messaging.order_text import OrderTextMutations, OrderTextQueries
from saas.api.messaging.queries import MessagingQueries
from saas.api.messaging.subscriptions import MessagingSubscriptions
from saas.api.notifications.mutations import NotificationMutations
from saas.api.notifications.queries import NotificationQueries
from saas.api.partner_access import PartnerAccess
from saas.api.partners.feed import FeedQueries
from saas.api.partners.keys import ApiKeyMutations, ApiKeyQueries
from saas.api.partners.webhooks import WebhookMutations, WebhookQueries
from saas.api.procurement.mutations import ProcurementMutations
from saas.api.procurement.queries import ProcurementQueries
from saas.api.projection_executor import PlainRowsExecutionContext
from saas.api.projection_fields import serve_plain_rows
from saas.api.read_only import ReadOnlyWorkspace
from saas.api.reports.mutations import ReportsMutations
from saas.api.reports.queries import ReportsQueries
from saas.api.restricted import Withheld
from saas.api.sales.mutations import SalesMutations
from saas.api.sales.print_settings import PrintSettingsMutations, PrintSettingsQueries
from saas.api.sales.queries import SalesQueries
from saas.api.shipping.mutations import ShippingMutations
from saas.api.shipping.queries import ShippingQueries
from saas.api.tenants.queries import TenantQueries
from saas.api.validated_once import ValidatedOnce


@strawberry.type
class Query(
    AccountQueries,
    TableSettingsQueries,
    TenantQueries,
    BillingQueries,
    DashboardQueries,
    CatalogQueries,
    InventoryQueries,
    ProcurementQueries,
    CustomersQueries,
    SalesQueries,
    PrintSettingsQueries,
    FinanceQueries,
    ReportsQueries,
    ShippingQueries,
    DistributionQueries,
    PortalQueries,
    ChannelStockQueries,
    CommissionQueries,
    RebateQueries,
    RewardsPortalQueries,
    NotificationQueries,
    ApiKeyQueries,
    WebhookQueries,
    FeedQueries,
    FieldSalesQueries,
    VisitRecordQueries,
    RankingQueries,
    PlanQueries,
    TeamDayQueries,
    TargetQueries,
    OrderTextQueries,
    MessagingQueries,
):
    pass


@strawberry.type
class Mutation(
    AccountMutations,
    TableSettingsMutations,
    DashboardMutations,
    CatalogMutations,
    InventoryMutations,
    ProcurementMutations,
    CustomersMutations,
    SalesMutations,
    PrintSettingsMutations,
    FinanceMutations,
    ReportsMutations,
    ShippingMutations,
    DistributionMutations,
    WalletMutations,
    PortalMutations,
    ChannelStockMutations,
    CommissionMutations,
    RebateMutations,
    NotificationMutations,
    ApiKeyMutations,
    WebhookMutations,
    FieldSalesMutations,
    VisitRecordMutations,
    RankingMutations,
    PlanMutations,
    OrderTextMutations,
    MessagingMutations,
    BillingCheckoutMutations,
):
    pass


@strawberry.type
class Subscription(LiveSubscriptions, MessagingSubscriptions):
    """Served over WebSocket at /graphql/ (graphql-transport-ws); saas/realtime runs them."""


# Factories, so each request gets fresh extension instances.
extensions: list[Any] = [
    ErrorCodes,
    lambda: QueryDepthLimiter(max_depth=settings.SPARROW_GRAPHQL_MAX_DEPTH),
    lambda: MaxTokensLimiter(max_token_count=settings.SPARROW_GRAPHQL_MAX_TOKENS),
    lambda: MaxAliasesLimiter(max_alias_count=settings.SPARROW_GRAPHQL_MAX_ALIASES),
    # A query text validated once under these limits is not validated again (saas/api/validated_once.py).
    ValidatedOnce,
    # Subscriptions run over WebSocket only; over HTTP they are refused with a code.
    SubscriptionsOverWebSocket,
    # A partner key calls only the areas its scopes name (saas/api/partner_access.py).
    PartnerAccess,
    # After parsing and validation, before any resolver: NUL bytes, NaN, malformed ids.
    InputGuard,
    # Then the caller's bucket pays for the operation's cost, or nothing runs (429 rate_limited).
    CostLimit,
    # A suspended workspace: mutations refused (workspace_read_only), the rest in a read-only session.
    ReadOnlyWorkspace,
    # Which fields came back null because the caller may not see them (saas/api/restricted.py).
    Withheld,
    DjangoOptimizerExtension,
]

schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    extensions=extensions,
    # Plain rows' leaf fields skip graphql-core's per-field machinery (saas/api/projection_executor.py).
    execution_context_class=PlainRowsExecutionContext,
)
# Descriptions the code does not give its fields come from saas/api/descriptions.
describe(schema._schema)
# The lists' plain rows answer their fields directly (saas/api/projection_fields.py).
serve_plain_rows(schema._schema, schema.config.info_class)
