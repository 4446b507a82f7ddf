"""App config for saas.shipping."""

from django.apps import AppConfig


class ShippingConfig(AppConfig):
    name = "saas.shipping"
    label = "shipping"
