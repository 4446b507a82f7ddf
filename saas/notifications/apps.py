"""App config for saas.notifications: its three consumers of the event fan-out."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "saas.notifications"
    label = "notifications"

    def ready(self) -> None:
        from saas.notifications import consumers

        consumers.register()
