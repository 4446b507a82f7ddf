"""Mutations of customers. Each calls one service and returns a payload with typed `errors`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.customers.inputs import (
    AddressInput,
    AddressUpdateInput,
    CommunicationLogInput,
    ContactInput,
    ContactUpdateInput,
    CustomerCreateInput,
    CustomerLevelInput,
    CustomerLevelUpdateInput,
    CustomerUpdateInput,
)
from saas.api.customers.types import (
    CustomerAddressType,
    CustomerCommunicationType,
    CustomerContactType,
    CustomerLevelType,
    CustomerTagType,
    CustomerType,
)
from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_actor
from saas.customers import services
from saas.customers.models import Address, Contact, Customer


@strawberry.type
class CustomerPayload:
    customer: CustomerType | None
    errors: list[FieldError]


@strawberry.type
class CustomerContactPayload:
    contact: CustomerContactType | None
    customer: CustomerType | None = strawberry.field(description="With every contact, after the change.")
    errors: list[FieldError]


@strawberry.type
class CustomerAddressPayload:
    address: CustomerAddressType | None
    customer: CustomerType | None = strawberry.field(description="With every address, after the change.")
    errors: list[FieldError]


@strawberry.type
class CustomerTagPayload:
    tag: CustomerTagType | None
    errors: list[FieldError]


@strawberry.type
class CustomerLevelPayload:
    level: CustomerLevelType | None
    errors: list[FieldError]


@strawberry.type
class CommunicationLogPayload:
    communication: CustomerCommunicationType | None
    errors: list[FieldError]


def _contact(contact: ContactInput) -> services.ContactInput:
    return services.ContactInput(
        name=contact.name,
        title=contact.title,
        phone=contact.phone,
        email=contact.email,
        is_primary=contact.is_primary,
    )


def _address(address: AddressInput) -> services.AddressInput:
    return services.AddressInput(
        receiver=address.receiver,
        phone=address.phone,
        province=address.province,
        city=address.city,
        district=address.district,
        detail=address.detail,
        is_default=address.is_default,
    )


def _keep_unset(value: Any) -> Any:
    return services.KEEP if value is strawberry.UNSET else value


def _customer_payload(call: Callable[[], Customer]) -> CustomerPayload:
    customer, errors = run_service(call)
    return CustomerPayload(customer=cast(CustomerType | None, customer), errors=errors)


def _contact_payload(call: Callable[[], Contact]) -> CustomerContactPayload:
    contact, errors = run_service(call)
    return CustomerContactPayload(
        contact=cast(CustomerContactType | None, contact),
        customer=cast(CustomerType | None, contact.customer if contact else None),
        errors=errors,
    )


def _address_payload(call: Callable[[], Address]) -> CustomerAddressPayload:
    address, errors = run_service(call)
    return CustomerAddressPayload(
        address=cast(CustomerAddressType | None, address),
        customer=cast(CustomerType | None, address.customer if address else None),
        errors=errors,
    )


@strawberry.type
class CustomersMutations:
    @strawberry.mutation(
        description="A customer with contacts, addresses and tags, all or nothing. Refused with "
        "customer_duplicate when the phone or name exists, unless allowDuplicate; retrying with the "
        "same idempotencyKey returns the first customer."
    )
    def customer_create(self, info: Info, input: CustomerCreateInput) -> CustomerPayload:
        return _customer_payload(
            lambda: services.customer_create(
                actor=current_actor(info),
                name=input.name,
                kind=model_value(input.kind),
                phone=input.phone,
                owner_id=input.owner_id,
                level_id=input.level_id,
                tag_ids=list(input.tag_ids),
                credit_limit=input.credit_limit,
                payment_terms_days=input.payment_terms_days,
                source=model_value(input.source),
                notes=input.notes,
                invoice_title=input.invoice_title,
                taxpayer_id=input.taxpayer_id,
                contacts=[_contact(c) for c in input.contacts],
                addresses=[_address(a) for a in input.addresses],
                allow_duplicate=input.allow_duplicate,
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(description="Change what is given. The owner changes with customerAssignOwner.")
    def customer_update(self, info: Info, id: strawberry.ID, input: CustomerUpdateInput) -> CustomerPayload:
        return _customer_payload(
            lambda: services.customer_update(
                actor=current_actor(info),
                customer_id=id,
                name=input.name,
                kind=model_value(input.kind),
                phone=input.phone,
                level_id=_keep_unset(input.level_id),
                credit_limit=_keep_unset(input.credit_limit),
                payment_terms_days=input.payment_terms_days,
                source=model_value(input.source),
                notes=input.notes,
                invoice_title=input.invoice_title,
                taxpayer_id=input.taxpayer_id,
                allow_duplicate=input.allow_duplicate,
            )
        )

    @strawberry.mutation(description="The customer stays in history but takes no new orders.")
    def customer_deactivate(self, info: Info, id: strawberry.ID) -> CustomerPayload:
        return _customer_payload(
            lambda: services.customer_deactivate(actor=current_actor(info), customer_id=id)
        )

    @strawberry.mutation
    def customer_reactivate(self, info: Info, id: strawberry.ID) -> CustomerPayload:
        return _customer_payload(
            lambda: services.customer_reactivate(actor=current_actor(info), customer_id=id)
        )

    @strawberry.mutation(description="Managers: hand the customer to a colleague, or to the pool with null.")
    def customer_assign_owner(
        self, info: Info, id: strawberry.ID, owner_id: strawberry.ID | None
    ) -> CustomerPayload:
        return _customer_payload(
            lambda: services.customer_assign_owner(
                actor=current_actor(info), customer_id=id, owner_id=owner_id
            )
        )

    @strawberry.mutation(description="Replace every contact (an empty list removes them all).")
    def customer_contacts_set(
        self, info: Info, customer_id: strawberry.ID, contacts: list[ContactInput]
    ) -> CustomerPayload:
        return _customer_payload(
            lambda: services.customer_contacts_set(
                actor=current_actor(info), customer_id=customer_id, contacts=[_contact(c) for c in contacts]
            )
        )

    @strawberry.mutation
    def customer_contact_add(
        self,
        info: Info,
        customer_id: strawberry.ID,
        input: ContactInput,
        idempotency_key: str | None = None,
    ) -> CustomerContactPayload:
        # The key is an argument, not an input field: CustomerContactInput is also the shape of
        # the contacts inside customerCreate and customerContactsSet.
        return _contact_payload(
            lambda: services.contact_add(
                actor=current_actor(info),
                customer_id=customer_id,
                contact=_contact(input),
                idempotency_key=idempotency_key,
            )
        )

    @strawberry.mutation
    def customer_contact_update(
        self, info: Info, id: strawberry.ID, input: ContactUpdateInput
    ) -> CustomerContactPayload:
        return _contact_payload(
            lambda: services.contact_update(
                actor=current_actor(info),
                contact_id=id,
                name=input.name,
                title=input.title,
                phone=input.phone,
                email=input.email,
                is_primary=input.is_primary,
            )
        )

    @strawberry.mutation(description="The oldest remaining contact becomes primary if this one was.")
    def customer_contact_remove(self, info: Info, id: strawberry.ID) -> CustomerPayload:
        return _customer_payload(lambda: services.contact_remove(actor=current_actor(info), contact_id=id))

    @strawberry.mutation
    def customer_address_add(
        self,
        info: Info,
        customer_id: strawberry.ID,
        input: AddressInput,
        idempotency_key: str | None = None,
    ) -> CustomerAddressPayload:
        # An argument for the same reason as customerContactAdd's: the input is shared.
        return _address_payload(
            lambda: services.address_add(
                actor=current_actor(info),
                customer_id=customer_id,
                address=_address(input),
                idempotency_key=idempotency_key,
            )
        )

    @strawberry.mutation
    def customer_address_update(
        self, info: Info, id: strawberry.ID, input: AddressUpdateInput
    ) -> CustomerAddressPayload:
        return _address_payload(
            lambda: services.address_update(
                actor=current_actor(info),
                address_id=id,
                receiver=input.receiver,
                phone=input.phone,
                province=input.province,
                city=input.city,
                district=input.district,
                detail=input.detail,
            )
        )

    @strawberry.mutation(description="Make this the default address; the old default steps down.")
    def customer_address_set_default(self, info: Info, id: strawberry.ID) -> CustomerAddressPayload:
        return _address_payload(
            lambda: services.address_set_default(actor=current_actor(info), address_id=id)
        )

    @strawberry.mutation(description="The oldest remaining address becomes the default if this one was.")
    def customer_address_remove(self, info: Info, id: strawberry.ID) -> CustomerPayload:
        return _customer_payload(lambda: services.address_remove(actor=current_actor(info), address_id=id))

    @strawberry.mutation
    def customer_tag_create(
        self, info: Info, name: str, color: str = "", idempotency_key: str | None = None
    ) -> CustomerTagPayload:
        tag, errors = run_service(
            lambda: services.customer_tag_create(
                actor=current_actor(info), name=name, color=color, idempotency_key=idempotency_key
            )
        )
        return CustomerTagPayload(tag=cast(CustomerTagType | None, tag), errors=errors)

    @strawberry.mutation(description="Replace the customer's tags (an empty list removes them all).")
    def customer_tags_set(
        self, info: Info, customer_id: strawberry.ID, tag_ids: list[strawberry.ID]
    ) -> CustomerPayload:
        return _customer_payload(
            lambda: services.customer_tags_set(
                actor=current_actor(info), customer_id=customer_id, tag_ids=list(tag_ids)
            )
        )

    @strawberry.mutation(description="Managers.")
    def customer_level_create(self, info: Info, input: CustomerLevelInput) -> CustomerLevelPayload:
        level, errors = run_service(
            lambda: services.customer_level_create(
                actor=current_actor(info),
                code=input.code,
                name=input.name,
                sort_order=input.sort_order,
                idempotency_key=input.idempotency_key,
            )
        )
        return CustomerLevelPayload(level=cast(CustomerLevelType | None, level), errors=errors)

    @strawberry.mutation(description="Managers.")
    def customer_level_update(
        self, info: Info, id: strawberry.ID, input: CustomerLevelUpdateInput
    ) -> CustomerLevelPayload:
        level, errors = run_service(
            lambda: services.customer_level_update(
                actor=current_actor(info),
                level_id=id,
                code=input.code,
                name=input.name,
                sort_order=input.sort_order,
            )
        )
        return CustomerLevelPayload(level=cast(CustomerLevelType | None, level), errors=errors)

    @strawberry.mutation(description="Log a call, visit or message; retrying with the same key adds it once.")
    def communication_log_add(self, info: Info, input: CommunicationLogInput) -> CommunicationLogPayload:
        entry, errors = run_service(
            lambda: services.communication_log_add(
                actor=current_actor(info),
                customer_id=input.customer_id,
                kind=model_value(input.kind),
                content=input.content,
                happened_at=input.happened_at,
                next_follow_up=input.next_follow_up,
                idempotency_key=input.idempotency_key,
            )
        )
        return CommunicationLogPayload(
            communication=cast(CustomerCommunicationType | None, entry), errors=errors
        )
