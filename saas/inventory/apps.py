"""App config for saas.inventory."""

from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "saas.inventory"
    label = "inventory"
