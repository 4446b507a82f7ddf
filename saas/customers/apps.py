"""App config for saas.customers."""

from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "saas.customers"
    label = "customers"
