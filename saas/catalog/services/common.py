"""What every catalog service shares: the permission checks, locking look-ups, constraint errors.

A unique constraint is the last word on codes and barcodes: the services check first to give a
friendly error, and a concurrent writer that slips past the check still gets the same typed
error from the constraint instead of a 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor
from saas.catalog.models import SKU, PackUnit, Product
from saas.core.errors import Forbidden, InvalidInput, NotFound

_CATEGORY_NAME_TAKEN = (
    "category_name_taken",
    "name",
    gettext_noop("A category with this name already exists here."),
)
_PACK_UNIT_DUPLICATE = (
    "pack_unit_duplicate",
    "name",
    gettext_noop("Each pack unit name appears once per product."),
)
_SKU_EXISTS = ("sku_exists", "specs", gettext_noop("A SKU with these specification values already exists."))
_BARCODE_TAKEN = ("barcode_taken", "barcode", gettext_noop("Another item already has this barcode."))

# constraint name -> (code, field, message). Schemas cloned from the template (tenants/provisioning)
# get PostgreSQL's default names for multi-column constraints, the template keeps Django's: both.
CONSTRAINT_ERRORS: dict[str, tuple[str, str, str]] = {
    "catalog_product_code_key": (
        "code_taken",
        "code",
        gettext_noop("Another product already has this code."),
    ),
    "catalog_sku_code_key": ("sku_code_taken", "code", gettext_noop("Another SKU already has this code.")),
    "catalog_sku_barcode_key": _BARCODE_TAKEN,
    "catalog_packunit_barcode_key": _BARCODE_TAKEN,
    "category_unique_name_per_parent": _CATEGORY_NAME_TAKEN,
    "catalog_category_parent_id_name_key": _CATEGORY_NAME_TAKEN,
    "packunit_unique_name_per_product": _PACK_UNIT_DUPLICATE,
    "catalog_packunit_product_id_name_key": _PACK_UNIT_DUPLICATE,
    "sku_unique_specs_per_product": _SKU_EXISTS,
    "catalog_sku_product_id_spec_values_key": _SKU_EXISTS,
}


def require_manager(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.CATALOG_MANAGE)


def require_cost_viewer(actor: Actor, *, field: str) -> None:
    """Whoever may not see cost prices may not set them either."""
    if not actor.has_scope(scopes.COST_VIEW):
        raise Forbidden(_("You are not allowed to see or change cost prices."), code="forbidden", field=field)


def _constraint_name(exc: IntegrityError) -> str:
    diag = getattr(exc.__cause__, "diag", None)
    return str(getattr(diag, "constraint_name", "") or "")


@contextmanager
def constraint_errors(field_prefix: str = "") -> Iterator[None]:
    """Run a write in a savepoint; a known unique constraint becomes InvalidInput."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        known = CONSTRAINT_ERRORS.get(_constraint_name(exc))
        if known is None:
            raise
        code, field, message = known
        raise InvalidInput(_(message), code=code, field=f"{field_prefix}{field}") from exc


def locked_product(product_id: int) -> Product:
    try:
        return Product.objects.select_for_update().get(pk=product_id)
    except Product.DoesNotExist as exc:
        raise NotFound(_("Product not found."), field="id") from exc


def barcodes_in_use(
    barcodes: list[str], *, except_sku: int | None = None, except_product_packs: int | None = None
) -> set[str]:
    """Which of these barcodes another SKU or pack unit already carries: a scan must mean one thing."""
    if not barcodes:
        return set()
    skus = SKU.objects.filter(barcode__in=barcodes)
    if except_sku is not None:
        skus = skus.exclude(pk=except_sku)
    packs = PackUnit.objects.filter(barcode__in=barcodes)
    if except_product_packs is not None:
        packs = packs.exclude(product_id=except_product_packs)
    used = set(skus.values_list("barcode", flat=True)) | set(packs.values_list("barcode", flat=True))
    return {barcode for barcode in used if barcode}


def barcode_taken(field: str) -> InvalidInput:
    return InvalidInput(_("Another item already has this barcode."), code="barcode_taken", field=field)
