"""Sales scopes: managers may approve over the credit limit; the warehouse sees orders to ship
(orders.view_shipping) instead of every order with its money (orders.view_all); reps get
reports of their own orders."""

from django.db import migrations

GRANTS = {
    "orders.credit_override": ["owner", "admin", "manager"],
    "orders.view_shipping": ["owner", "admin", "warehouse"],
    # Reports count only the orders their user may see, so a rep gets their own figures.
    "reports.view": ["sales"],
}
REVOKES = {"orders.view_all": ["warehouse"]}


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
    dependencies = [("accounts", "0003_grant_catalog_manage")]
    operations = [migrations.RunPython(forwards, backwards)]
