"""Duplicate detection and search for customers: the name key, one primary contact per customer,
and a trigram index on search_text where the server offers pg_trgm (as catalog 0003 does)."""

from django.conf import settings
from django.db import migrations, models

TRGM_FORWARD = """
DO $customers_trgm$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
         WHERE e.extname = 'pg_trgm' AND n.nspname = 'public'
    ) THEN
        RAISE NOTICE 'pg_trgm is not installed in public: customer search runs without a trigram index';
        RETURN;
    END IF;
    CREATE INDEX IF NOT EXISTS customers_customer_search_trgm
        ON customers_customer USING gin (search_text public.gin_trgm_ops);
END
$customers_trgm$;
"""

TRGM_BACKWARD = "DROP INDEX IF EXISTS customers_customer_search_trgm;"


def fill_keys(apps, schema_editor):
    """Rows written before this migration get their name key; extra primary contacts step down."""
    from saas.customers.duplicates import name_key

    Customer = apps.get_model("customers", "Customer")
    Contact = apps.get_model("customers", "Contact")
    for customer in Customer.objects.only("id", "name"):
        Customer.objects.filter(pk=customer.pk).update(name_key=name_key(customer.name))
    seen = set()
    for contact in Contact.objects.filter(is_primary=True).order_by("customer_id", "id"):
        if contact.customer_id in seen:
            Contact.objects.filter(pk=contact.pk).update(is_primary=False)
        seen.add(contact.customer_id)


class Migration(migrations.Migration):

    dependencies = [
        ('customers', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='customer',
            name='name_key',
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.AddIndex(
            model_name='customer',
            index=models.Index(fields=['name_key'], name='customer_name_key_idx'),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='contact',
            constraint=models.UniqueConstraint(condition=models.Q(('is_primary', True)), fields=('customer',), name='contact_one_primary_per_customer'),
        ),
        migrations.RunSQL(TRGM_FORWARD, TRGM_BACKWARD, elidable=False),
    ]
