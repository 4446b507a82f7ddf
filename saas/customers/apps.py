"""App config for saas.customers."""

from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "saas.customers"
    label = "customers"

    def ready(self) -> None:
        from saas.core.sheet_imports import import_kind_register
        from saas.customers.imports import CUSTOMERS

        import_kind_register(CUSTOMERS)
