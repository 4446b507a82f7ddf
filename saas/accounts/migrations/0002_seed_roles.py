"""Seeds the built-in roles with their scopes (runs in every tenant schema and the template)."""

from django.db import migrations


def seed_roles(apps, schema_editor):
    from saas.accounts.scopes import BUILT_IN_ROLES

    Role = apps.get_model("accounts", "Role")
    for code, (name_zh, name_en, scopes) in BUILT_IN_ROLES.items():
        Role.objects.update_or_create(
            code=code,
            defaults={"name_zh": name_zh, "name_en": name_en, "scopes": list(scopes), "is_system": True},
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed_roles, migrations.RunPython.noop)]
