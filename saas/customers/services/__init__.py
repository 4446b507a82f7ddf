"""The only code that changes customer data: customers, contacts, addresses, tags, levels and
the communication log. Import from here; the submodules are an implementation detail.
"""

from __future__ import annotations

from saas.customers.services.communications import communication_log_add
from saas.customers.services.customers import (
    customer_assign_owner,
    customer_create,
    customer_deactivate,
    customer_reactivate,
    customer_update,
)
from saas.customers.services.details import (
    address_add,
    address_remove,
    address_set_default,
    address_update,
    contact_add,
    contact_remove,
    contact_update,
    customer_contacts_set,
)
from saas.customers.services.inputs import KEEP, AddressInput, ContactInput, Keep
from saas.customers.services.taxonomy import (
    customer_level_create,
    customer_level_update,
    customer_tag_create,
    customer_tags_set,
)

__all__ = [
    "KEEP",
    "AddressInput",
    "ContactInput",
    "Keep",
    "address_add",
    "address_remove",
    "address_set_default",
    "address_update",
    "communication_log_add",
    "contact_add",
    "contact_remove",
    "contact_update",
    "customer_assign_owner",
    "customer_contacts_set",
    "customer_create",
    "customer_deactivate",
    "customer_level_create",
    "customer_level_update",
    "customer_reactivate",
    "customer_tag_create",
    "customer_tags_set",
    "customer_update",
]
