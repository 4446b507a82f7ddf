"""Grants the new catalog.manage scope to the built-in roles that maintain products."""

from django.db import migrations

GRANTED_TO = ["owner", "admin", "manager", "warehouse"]


def grant(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for role in Role.objects.filter(code__in=GRANTED_TO, is_system=True):
        if "catalog.manage" not in role.scopes:
            role.scopes = [*role.scopes, "catalog.manage"]
            role.save(update_fields=["scopes"])


def revoke(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for role in Role.objects.filter(code__in=GRANTED_TO, is_system=True):
        role.scopes = [scope for scope in role.scopes if scope != "catalog.manage"]
        role.save(update_fields=["scopes"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_seed_roles")]
    operations = [migrations.RunPython(grant, revoke)]
