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
