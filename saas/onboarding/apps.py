"""App config for saas.onboarding."""

from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "saas.onboarding"
    label = "onboarding"
    default_auto_field = "django.db.models.BigAutoField"
