"""App config for saas.shipping: registers the overdue sign-back to-do counter."""

from django.apps import AppConfig


class ShippingConfig(AppConfig):
    name = "saas.shipping"
    label = "shipping"

    def ready(self) -> None:
        from saas.accounts import scopes
        from saas.accounts.todos import TodoCounter, todo_counter_register
        from saas.shipping.selectors import signback_overdue_count

        # Beside sales' own "pending sign-back" queue: the ones waiting longer than the
        # workspace's limit (ShippingSettings.signback_overdue_days), for those who chase them.
        todo_counter_register(
            TodoCounter(
                key="shipping.signback_overdue",
                scope=scopes.ORDERS_VIEW_SHIPPING,
                count=lambda actor: signback_overdue_count(actor),
            )
        )
