"""Distribution scopes: owners, admins and managers see and manage the distributor network, its
price tiers and wallets; finance sees it too (it records the wallets' prepayments and payouts)."""

from django.db import migrations

GRANTS = {
    "distribution.view": ["owner", "admin", "manager", "finance"],
    "distribution.manage": ["owner", "admin", "manager"],
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
    dependencies = [("accounts", "0007_field_scopes")]
    operations = [migrations.RunPython(forwards, backwards)]
