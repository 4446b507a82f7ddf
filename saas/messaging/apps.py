"""App config for saas.messaging: its consumers of the event fan-out (live delivery of messages
and recalls, and the inbox notification of people away; saas/messaging/delivery.py)."""

from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "saas.messaging"
    label = "messaging"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from saas.messaging import events  # noqa: F401  (the catalogue)
        from saas.messaging.delivery import register

        register()
