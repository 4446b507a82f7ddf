"""App config for the public-schema tenants app."""

from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Tenants"

    def ready(self) -> None:
        # Not domain logic: the per-process host cache (tenants/routing.py) hears of every change.
        from django.db.models.signals import post_delete, post_save

        from tenants.models import Domain, Tenant
        from tenants.routing import routing_changed

        for model in (Tenant, Domain):
            post_save.connect(routing_changed, sender=model, dispatch_uid=f"routing-{model.__name__}-save")
            post_delete.connect(
                routing_changed, sender=model, dispatch_uid=f"routing-{model.__name__}-delete"
            )
