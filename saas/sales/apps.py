"""App config for saas.sales."""

from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "saas.sales"
    label = "sales"
