"""App config for saas.accounts: its event consumers (invitation e-mail, closing sockets)."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "saas.accounts"
    label = "accounts"

    def ready(self) -> None:
        from saas.accounts import consumers

        consumers.register()
