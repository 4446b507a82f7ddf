"""App config for saas.catalog."""

from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "saas.catalog"
    label = "catalog"

    def ready(self) -> None:
        from saas.catalog.imports import PRODUCTS
        from saas.core.sheet_imports import import_kind_register

        import_kind_register(PRODUCTS)
