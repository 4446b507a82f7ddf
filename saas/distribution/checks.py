"""`sparrow distribution-wallet-check`: proves every wallet balance equals the sum of its entries,
in every workspace (or one), the way the stock ledger's check does for stock levels."""

from __future__ import annotations

from django_tenants.utils import get_public_schema_name, get_tenant_model

from saas.core.tenancy import tenant_context
from saas.distribution.selectors.wallet import wallet_mismatches


def wallet_check(workspace: str | None = None) -> tuple[list[str], int]:
    """The report's lines and how many pockets disagree with their ledger."""
    tenants = get_tenant_model().objects.exclude(schema_name=get_public_schema_name())
    if workspace:
        tenants = tenants.filter(slug=workspace)
    lines: list[str] = []
    failures = 0
    for tenant in tenants.order_by("slug"):
        with tenant_context(tenant):
            found = wallet_mismatches()
        for mismatch in found:
            balance = "no balance row" if mismatch.balance_fen is None else f"balance {mismatch.balance_fen}"
            lines.append(
                f"{tenant.slug}: distributor {mismatch.distributor_id} {mismatch.pocket}: "
                f"{balance} fen vs entries {mismatch.ledger_fen} fen"
            )
        failures += len(found)
        lines.append(f"{tenant.slug}: {'ok' if not found else f'{len(found)} mismatches'}")
    if workspace and not lines:
        lines.append(f"No workspace {workspace}.")
        failures += 1
    return lines, failures
