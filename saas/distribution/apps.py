"""App config for saas.distribution: its consumers of the event fan-out (a portal order's wallet
payment reaches finance when the order is approved, and goes back to the wallet when it is
cancelled or its goods are returned; saas/distribution/consumers.py), and profit sharing's (a completed order accrues
commissions, a received return claws them back; saas/distribution/commission_consumers.py); a
portal order's sales and shipping events told as its own (saas/distribution/order_progress.py);
and, for the notification inbox, a distributor's people and who may see its wallet entries and
orders (saas/distribution/selectors/audience.py); and its tier prices for staff order entry
(saas/distribution/order_prices.py)."""

from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "saas.distribution"
    label = "distribution"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from saas.core.event_delivery import consumer_register
        from saas.distribution.consumers import wallet_payment_receipt, wallet_refund, wallet_return_refund

        consumer_register(
            "distribution_wallet_receipt", wallet_payment_receipt, events={"sales_order.approved"}
        )
        consumer_register("distribution_wallet_refund", wallet_refund, events={"sales_order.cancelled"})
        consumer_register(
            "distribution_wallet_return_refund", wallet_return_refund, events={"return.received"}
        )

        from saas.distribution.commission_consumers import commission_accrual, commission_clawback

        consumer_register(
            "distribution_commission_accrual", commission_accrual, events={"sales_order.completed"}
        )
        consumer_register("distribution_commission_clawback", commission_clawback, events={"return.received"})

        from saas.core.object_audiences import audience_register
        from saas.core.object_visibility import visibility_register
        from saas.distribution import events  # noqa: F401  (the catalogue)
        from saas.distribution.order_progress import CHANGES, order_progress
        from saas.distribution.selectors.audience import (
            distributor_order_visible,
            distributor_people,
            wallet_entry_visible,
        )

        consumer_register("distribution_order_progress", order_progress, events=set(CHANGES))
        audience_register("distributor", distributor_people)
        visibility_register("wallet_entry", wallet_entry_visible)
        visibility_register("distributor_order", distributor_order_visible)

        from saas.distribution.order_prices import distributor_tier_prices
        from saas.sales.customer_prices import customer_price_source_register

        # A staff order for a distributor's customer record shows and fills in its tier price.
        customer_price_source_register("distribution_tier", distributor_tier_prices)
