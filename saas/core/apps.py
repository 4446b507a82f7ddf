"""App config for saas.core."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "saas.core"
    label = "core"
