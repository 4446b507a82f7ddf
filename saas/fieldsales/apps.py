"""App config for saas.fieldsales: the rollup consumer of the event fan-out (rankings)."""

from django.apps import AppConfig


class FieldSalesConfig(AppConfig):
    name = "saas.fieldsales"
    label = "fieldsales"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from saas.core.event_delivery import consumer_register
        from saas.fieldsales import events  # noqa: F401  (the catalogue)
        from saas.fieldsales.rollup import ROLLUP_EVENTS, on_event

        consumer_register("field_rollup", on_event, events=ROLLUP_EVENTS)
