"""The customer import's sheet: its columns, the template's example row, and who may import
(whoever may create customers). Registered with saas/core/sheet_imports.py from the app's ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from saas.accounts.actors import Actor
from saas.core.sheet_imports import ImportColumn, ImportKind, ImportOutcome, ImportRow
from saas.customers.access import require_customer_user
from saas.customers.services.imports import customers_import

COLUMNS = (
    ImportColumn(
        "name",
        _("Customer name"),
        "杭州鑫达商贸有限公司",
        required=True,
        hint=_("Up to 120 characters; unique in the workspace."),
    ),
    ImportColumn(
        "kind", _("Customer type"), "公司", hint=_("公司 (company) or 个人 (person); company when empty.")
    ),
    ImportColumn("phone", _("Phone"), "0571-88886666", hint=_("7-20 digits; unique in the workspace.")),
    ImportColumn("level", _("Customer level"), "", hint=_("The name or code of an existing level.")),
    ImportColumn("credit_limit", _("Credit limit"), "", hint=_("An amount; managers only.")),
    ImportColumn("payment_terms_days", _("Payment terms (days)"), "", hint=_("0-365; managers only.")),
    ImportColumn("contact_name", _("Contact name"), "王经理"),
    ImportColumn("contact_title", _("Contact title"), "采购"),
    ImportColumn("contact_phone", _("Contact phone"), "13800138000"),
    ImportColumn("contact_email", _("Contact e-mail"), ""),
    ImportColumn("receiver", _("Receiver"), "", hint=_("The contact (or the customer) when empty.")),
    ImportColumn("receiver_phone", _("Receiver phone"), "", hint=_("The contact's phone when empty.")),
    ImportColumn("province", _("Province"), "浙江省"),
    ImportColumn("city", _("City"), "杭州市"),
    ImportColumn("district", _("District"), "西湖区"),
    ImportColumn("address", _("Street address"), "文三路 100 号"),
    ImportColumn("invoice_title", _("Invoice title"), ""),
    ImportColumn("taxpayer_id", _("Taxpayer id"), "", hint=_("15-20 letters or digits.")),
    ImportColumn("notes", _("Notes"), ""),
)


def _permit(actor: Actor) -> None:
    require_customer_user(actor)


def _apply(actor: Actor, rows: list[ImportRow]) -> ImportOutcome:
    return customers_import(actor=actor, rows=rows)


CUSTOMERS = ImportKind(name="customers", title=_("Customers"), columns=COLUMNS, permit=_permit, apply=_apply)
