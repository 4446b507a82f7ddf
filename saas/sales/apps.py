"""App config for saas.sales: the reservation retry consumer, the replenishment demand, the to-dos."""

from functools import partial

from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "saas.sales"
    label = "sales"

    def ready(self) -> None:
        from saas.core.event_delivery import consumer_register
        from saas.core.settings_cache import settings_cache_register
        from saas.procurement.replenishment import demand_source_register
        from saas.sales.models import SalesSettings
        from saas.sales.stock_hooks import SHORTFALL_SQL, reservation_retry

        # Stock that arrives (a goods receipt, a transfer in, a cancelled order's release) goes to
        # the orders waiting for it, in the event's fan-out job; what they still lack is demand
        # for replenishment.
        consumer_register("reservation_retry", reservation_retry, events={"stock.increased"})
        # Every order operation reads the sales settings: kept per process until they change.
        settings_cache_register(SalesSettings)
        demand_source_register("sales.pending_purchase", SHORTFALL_SQL)

        from saas.accounts import scopes
        from saas.accounts.todos import TodoCounter, todo_counter_register
        from saas.sales.models import OrderStatus as S
        from saas.sales.selectors.orders import queue_count

        # The shipping queues go to those who ship and to managers, the purchase queue to those
        # who see every order. Each counts only the orders its user may see.
        shipping_or_all = (scopes.ORDERS_VIEW_SHIPPING, scopes.ORDERS_VIEW_ALL)
        for key, scope, status in (
            ("sales.pending_review", scopes.ORDERS_REVIEW, S.PENDING_REVIEW),
            ("sales.pending_purchase", scopes.ORDERS_VIEW_ALL, S.PENDING_PURCHASE),
            ("sales.pending_shipment", shipping_or_all, S.PENDING_SHIPMENT),
            ("sales.pending_signback", shipping_or_all, S.PENDING_SIGNBACK),
        ):
            todo_counter_register(
                TodoCounter(key=key, scope=scope, count=partial(queue_count, status=status))
            )
