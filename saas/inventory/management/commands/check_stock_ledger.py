"""`manage.py check_stock_ledger`: proves stock levels equal the sum of movements in every tenant."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import get_tenant_model, tenant_context

from saas.inventory.services.checks import ledger_mismatches


class Command(BaseCommand):
    help = "Check that stock levels equal the sum of stock movements, for every tenant."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--tenant", help="only this tenant's slug")

    def handle(self, *args: Any, **options: Any) -> None:
        tenants = get_tenant_model().objects.exclude(schema_name="public")
        if options.get("tenant"):
            tenants = tenants.filter(slug=options["tenant"])
        failures = 0
        for tenant in tenants:
            with tenant_context(tenant):
                mismatches = ledger_mismatches()
            for m in mismatches:
                failures += 1
                self.stderr.write(
                    f"{tenant.slug}: sku {m.sku_id} warehouse {m.warehouse_id}: "
                    f"on hand {m.level_on_hand} vs ledger {m.ledger_on_hand}, "
                    f"reserved {m.level_reserved} vs {m.ledger_reserved}, "
                    f"in transit {m.level_in_transit} vs {m.ledger_in_transit}"
                )
            self.stdout.write(f"{tenant.slug}: {'ok' if not mismatches else f'{len(mismatches)} mismatches'}")
        if failures:
            raise CommandError(f"{failures} stock level(s) disagree with the ledger")
