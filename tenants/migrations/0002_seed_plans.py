"""Seeds the plans a new workspace can be on."""

from decimal import Decimal

from django.db import migrations

PLANS = [
    ("free", "免费版", Decimal("0"), 3, True),
    ("standard", "标准版", Decimal("199"), 10, False),
    ("pro", "专业版", Decimal("499"), 30, False),
]


def seed_plans(apps, schema_editor):
    Plan = apps.get_model("tenants", "Plan")
    for code, name, price, max_users, is_default in PLANS:
        Plan.objects.update_or_create(
            code=code,
            defaults={"name": name, "monthly_price": price, "max_users": max_users, "is_default": is_default},
        )


class Migration(migrations.Migration):
    dependencies = [("tenants", "0001_initial")]
    operations = [migrations.RunPython(seed_plans, migrations.RunPython.noop)]
