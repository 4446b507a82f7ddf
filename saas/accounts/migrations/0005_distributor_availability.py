"""Distributors see availability as the workspace shows it (inventory.view_availability), no
longer the internal stock numbers of inventory.view; owners and admins hold every scope."""

from django.db import migrations

GRANTS = {"inventory.view_availability": ["owner", "admin", "distributor"]}
REVOKES = {"inventory.view": ["distributor"]}


def _change(apps, add, remove):
    Role = apps.get_model("accounts", "Role")
    for scope, codes in add.items():
        for role in Role.objects.filter(code__in=codes, is_system=True):
            if scope not in role.scopes:
                role.scopes = [*role.scopes, scope]
                role.save(update_fields=["scopes"])
    for scope, codes in remove.items():
        for role in Role.objects.filter(code__in=codes, is_system=True):
            role.scopes = [s for s in role.scopes if s != scope]
            role.save(update_fields=["scopes"])


def forwards(apps, schema_editor):
    _change(apps, GRANTS, REVOKES)


def backwards(apps, schema_editor):
    _change(apps, REVOKES, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_sales_scopes")]
    operations = [migrations.RunPython(forwards, backwards)]
