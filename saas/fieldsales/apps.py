"""App config for saas.fieldsales."""

from django.apps import AppConfig


class FieldSalesConfig(AppConfig):
    name = "saas.fieldsales"
    label = "fieldsales"
    default_auto_field = "django.db.models.BigAutoField"
