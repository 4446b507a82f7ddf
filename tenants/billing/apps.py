"""App config for billing (public schema only)."""

from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "tenants.billing"
    label = "billing"
    verbose_name = "Billing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The domains check plan limits through the kernel (they may not import billing).
        from saas.core.plan_limits import limits_register
        from tenants.billing.selectors import current_plan_limits
        from tenants.billing.usage import counters_register

        limits_register(current_plan_limits)
        counters_register()
