"""The supplier import's sheet: its columns and who may import (whoever may create suppliers);
each row goes through supplier_create, so every rule of a supplier entered by hand holds.
Registered with saas/core/sheet_imports.py from the app's ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from saas.accounts.actors import Actor
from saas.core.sheet_imports import ImportColumn, ImportKind, ImportOutcome, ImportRow, import_each
from saas.procurement.access import require_buyer
from saas.procurement.services.suppliers import ContactInput, supplier_create

COLUMNS = (
    ImportColumn(
        "code", _("Supplier code"), "GYS001", required=True, hint=_("Up to 20 letters or digits; unique.")
    ),
    ImportColumn("name", _("Supplier name"), "义乌市华美日用品厂", required=True),
    ImportColumn("contact_name", _("Contact name"), "李经理"),
    ImportColumn("contact_phone", _("Contact phone"), "13600000000"),
    ImportColumn("contact_email", _("Contact e-mail"), ""),
    ImportColumn("payment_terms_days", _("Payment terms (days)"), "30", hint=_("0-365.")),
    ImportColumn("address", _("Address"), "浙江省义乌市稠州北路 1 号"),
    ImportColumn("notes", _("Notes"), ""),
)
# supplier_create's field paths → the sheet's columns.
FIELDS = {
    "code": "code",
    "name": "name",
    "contacts.0.name": "contact_name",
    "contacts.0.phone": "contact_phone",
    "contacts.0.email": "contact_email",
    "payment_terms_days": "payment_terms_days",
    "address": "address",
    "notes": "notes",
}


def _create(actor: Actor, row: ImportRow) -> None:
    has_contact = any(row.get(key) for key in ("contact_name", "contact_phone", "contact_email"))
    terms = row.get("payment_terms_days")
    supplier_create(
        actor=actor,
        code=row.get("code"),
        name=row.get("name"),
        contacts=[
            ContactInput(
                name=row.get("contact_name"), phone=row.get("contact_phone"), email=row.get("contact_email")
            )
        ]
        if has_contact
        else [],
        payment_terms_days=int(terms) if terms.isdigit() else (terms or 0),  # type: ignore[arg-type]
        address=row.get("address"),
        notes=row.get("notes"),
    )


def _permit(actor: Actor) -> None:
    require_buyer(actor)


def _apply(actor: Actor, rows: list[ImportRow]) -> ImportOutcome:
    return import_each(rows, lambda row: _create(actor, row), FIELDS)


SUPPLIERS = ImportKind(name="suppliers", title=_("Suppliers"), columns=COLUMNS, permit=_permit, apply=_apply)
