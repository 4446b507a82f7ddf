"""App config for saas.partners: registers the webhook consumer of the event fan-out."""

from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "saas.partners"
    label = "partners"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from saas.core.event_delivery import consumer_register
        from saas.partners import events  # noqa: F401  (the catalogue)
        from saas.partners.services.deliveries import on_event

        # Every event: the feed needs each partner event's place, deliveries follow.
        consumer_register("partners", on_event)
