"""Field sales scopes: reps check in and see their own field data, managers their teams',
owners and admins everyone's (they hold every scope)."""

from django.db import migrations

GRANTS = {
    "field.view_own": ["sales"],
    "field.view_team": ["owner", "admin", "manager"],
    "field.view_all": ["owner", "admin"],
    "field.manage": ["owner", "admin", "manager"],
}


def forwards(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for scope, codes in GRANTS.items():
        for role in Role.objects.filter(code__in=codes, is_system=True):
            if scope not in role.scopes:
                role.scopes = [*role.scopes, scope]
                role.save(update_fields=["scopes"])


def backwards(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for scope, codes in GRANTS.items():
        for role in Role.objects.filter(code__in=codes, is_system=True):
            role.scopes = [s for s in role.scopes if s != scope]
            role.save(update_fields=["scopes"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_user_verbose_names")]
    operations = [migrations.RunPython(forwards, backwards)]
