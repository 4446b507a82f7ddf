"""The shape of a customer as the lists' plain rows carry it (saas/api/projection.py): the
customers list, and the customer of every receipt. The customer-details rule reads `owner_id`
of each row, so every row carries it."""

from __future__ import annotations

from saas.api.accounts.projection import USER
from saas.api.customers.types import (
    CustomerAddressType,
    CustomerContactType,
    CustomerLevelType,
    CustomerTagType,
    CustomerType,
)
from saas.api.projection import Many, One, Shape, columns
from saas.customers.models import Address, Contact, CustomerTag

CUSTOMER_ROWS = Shape(
    CustomerType,
    {
        **columns("code", "name", "kind", "phone", "credit_limit", "payment_terms_days", "source", "notes"),
        **columns("invoice_title", "taxpayer_id", "is_active", "created_at", "updated_at"),
    },
    one={
        "owner": One("owner", USER),
        "level": One("level", Shape(CustomerLevelType, columns("code", "name", "sort_order"))),
    },
    many={
        "tags": Many("tags", CustomerTag, "customers", Shape(CustomerTagType, columns("name", "color"))),
        "contacts": Many(
            "contacts",
            Contact,
            "customer_id",
            Shape(CustomerContactType, columns("name", "title", "phone", "email", "is_primary")),
        ),
        "addresses": Many(
            "addresses",
            Address,
            "customer_id",
            # fullAddress (the model's str) is read through the model path.
            Shape(
                CustomerAddressType,
                columns("receiver", "phone", "province", "city", "district", "detail", "is_default"),
            ),
        ),
    },
    always=("owner_id", "updated_at"),
)
