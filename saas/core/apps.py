"""App config for saas.core: gathers the event catalogue from every app's `events` module."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "saas.core"
    label = "core"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each domain declares its events in `<app>/events.py` (saas/core/domain_events.py);
        # importing them all here makes the catalogue complete in every process.
        autodiscover_modules("events")
