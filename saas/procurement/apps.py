"""App config for saas.procurement."""

from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "saas.procurement"
    label = "procurement"

    def ready(self) -> None:
        # Low-stock alerts follow every stock change; the ledger calls back, so inventory
        # does not depend on procurement.
        from saas.inventory.services.ledger import after_post_register
        from saas.procurement.alerts import low_stock_notify_on_commit

        after_post_register(
            lambda levels, before: low_stock_notify_on_commit(levels, available_before=before)
        )

        from saas.accounts import scopes
        from saas.accounts.todos import TodoCounter, todo_counter_register
        from saas.procurement.models import PurchaseOrder, PurchaseOrderStatus

        todo_counter_register(
            TodoCounter(
                key="purchasing.awaiting_approval",
                scope=scopes.PURCHASING_MANAGE,
                count=lambda actor: PurchaseOrder.objects.filter(
                    status=PurchaseOrderStatus.SUBMITTED
                ).count(),
            )
        )
