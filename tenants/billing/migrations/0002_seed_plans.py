"""Seeds the three plans (operators edit names, prices and limits afterwards; this never overwrites)."""

from django.db import migrations

ALL_MODULES = [
    "orders",
    "inventory",
    "procurement",
    "shipping",
    "finance",
    "reports",
    "fieldsales",
    "distribution",
    "messaging",
    "api",
]
PLANS = [
    {
        "code": "trial",
        "name_zh": "免费试用",
        "name_en": "Trial",
        "monthly_price_fen": 0,
        "yearly_price_fen": 0,
        # A trial tries everything, at the size of a small business.
        "limits": {
            "users": 20,
            "orders_per_month": 2000,
            "warehouses": 5,
            "api_keys": 5,
            "distributors": 50,
            "field_reps": 20,
        },
        "modules": ALL_MODULES,
        "sort_order": 0,
    },
    {
        "code": "basic",
        "name_zh": "基础",
        "name_en": "Basic",
        "monthly_price_fen": 19900,
        "yearly_price_fen": 199000,
        "limits": {
            "users": 10,
            "orders_per_month": 3000,
            "warehouses": 3,
            "api_keys": 2,
            "distributors": 20,
            "field_reps": 5,
        },
        "modules": ["orders", "inventory", "procurement", "shipping", "finance", "reports", "messaging"],
        "sort_order": 10,
    },
    {
        "code": "pro",
        "name_zh": "专业",
        "name_en": "Pro",
        "monthly_price_fen": 49900,
        "yearly_price_fen": 499000,
        "limits": {
            "users": 50,
            "orders_per_month": None,
            "warehouses": 20,
            "api_keys": 20,
            "distributors": None,
            "field_reps": 50,
        },
        "modules": ALL_MODULES,
        "sort_order": 20,
    },
]


def seed_plans(apps, schema_editor):
    Plan = apps.get_model("billing", "Plan")
    for plan in PLANS:
        Plan.objects.get_or_create(code=plan["code"], defaults={k: v for k, v in plan.items() if k != "code"})


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]
    operations = [migrations.RunPython(seed_plans, migrations.RunPython.noop)]
