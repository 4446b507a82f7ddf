"""App config for saas.procurement."""

from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "saas.procurement"
    label = "procurement"

    def ready(self) -> None:
        from saas.accounts import scopes
        from saas.core.sheet_imports import import_kind_register
        from saas.procurement.imports import SUPPLIERS

        import_kind_register(SUPPLIERS)
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
