"""A trial counts no orders: trying the product must never stop at an order (an operator's own
edit of the trial plan is kept)."""

from django.db import migrations

SEEDED = 2000


def orders_unlimited(apps, schema_editor):
    Plan = apps.get_model("billing", "Plan")
    plan = Plan.objects.filter(code="trial").first()
    if plan is not None and (plan.limits or {}).get("orders_per_month") == SEEDED:
        plan.limits = {**plan.limits, "orders_per_month": None}
        plan.save(update_fields=["limits"])


class Migration(migrations.Migration):
    dependencies = [("billing", "0003_stripeevent")]
    operations = [migrations.RunPython(orders_unlimited, migrations.RunPython.noop)]
