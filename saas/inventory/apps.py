"""App config for saas.inventory."""

from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "saas.inventory"
    label = "inventory"

    def ready(self) -> None:
        from saas.accounts import scopes
        from saas.core.sheet_imports import import_kind_register
        from saas.inventory.imports import OPENING_STOCK

        import_kind_register(OPENING_STOCK)
        from saas.accounts.todos import TodoCounter, todo_counter_register
        from saas.inventory.selectors import low_stock_count

        todo_counter_register(
            TodoCounter(
                key="inventory.low_stock",
                scope=scopes.INVENTORY_MANAGE,
                count=lambda actor: low_stock_count(),
            )
        )
