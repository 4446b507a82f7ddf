"""Sign-up and the other writes to the public schema's tenants."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from saas.accounts import services as account_services
from saas.accounts.hashers import password_hash_started
from saas.accounts.models import User
from saas.core.errors import FieldProblem, InvalidInput
from saas.core.tenancy import public_schema, schema_context
from tenants import provisioning
from tenants.addresses import tenant_host
from tenants.billing import services as billing
from tenants.models import Domain, Plan, Tenant, TenantStatus
from tenants.slugs import schema_name_for, slug_problem

SLUG_MESSAGES = {
    "slug_length": gettext_noop("The workspace address must be 3 to 30 characters long."),
    "slug_format": gettext_noop(
        "Use lower-case letters, digits and single hyphens; start and end with a letter or digit."
    ),
    "slug_reserved": gettext_noop("This address is reserved; please choose another."),
    "slug_taken": gettext_noop("This address is already taken; please choose another."),
}
MAX_COMPANY_NAME = 100


@dataclass(frozen=True)
class SignupResult:
    tenant: Tenant
    owner: User
    provisioned_from: str  # "pool" or "clone"


def slug_check(slug: str, *, allow_reserved: bool = False) -> FieldProblem | None:
    code = slug_problem(slug)
    if code == "slug_reserved" and allow_reserved:
        code = None
    if code is None and Tenant.objects.filter(slug=slug).exists():
        code = "slug_taken"
    if code is None:
        return None
    return FieldProblem(field="slug", code=code, message=_(SLUG_MESSAGES[code]))


def signup_problems(
    *, company_name: str, slug: str, owner_name: str, email: str, password: str, allow_reserved: bool = False
) -> list[FieldProblem]:
    """Every problem with a sign-up at once, so the form can show them all."""
    problems: list[FieldProblem] = []
    if not company_name.strip():
        problems.append(FieldProblem("company_name", "company_name_required", _("Enter your company name.")))
    elif len(company_name.strip()) > MAX_COMPANY_NAME:
        problems.append(
            FieldProblem("company_name", "company_name_too_long", _("The company name is too long."))
        )
    slug_issue = slug_check(slug, allow_reserved=allow_reserved)
    if slug_issue:
        problems.append(slug_issue)
    if not owner_name.strip():
        problems.append(FieldProblem("owner_name", "name_required", _("Enter your name.")))
    elif len(owner_name.strip()) > account_services.MAX_NAME_LENGTH:
        problems.append(FieldProblem("owner_name", "name_too_long", _("The name is too long.")))
    try:
        validate_email(email.strip())
    except DjangoValidationError:
        problems.append(FieldProblem("email", "email_invalid", _("Enter a valid e-mail address.")))
    try:
        account_services.password_check(password, User(email=email.strip().lower(), full_name=owner_name))
    except InvalidInput as exc:
        problems.append(FieldProblem("password", exc.code, exc.message))
    return problems


def tenant_signup(
    *,
    company_name: str,
    slug: str,
    owner_name: str,
    email: str,
    password: str,
    language: str = "zh-hans",
    allow_reserved: bool = False,
) -> SignupResult:
    """Create a workspace: tenant row, schema, domain and owner, all or nothing."""
    slug = slug.strip().lower()
    problems = signup_problems(
        company_name=company_name,
        slug=slug,
        owner_name=owner_name,
        email=email,
        password=password,
        allow_reserved=allow_reserved,
    )
    if problems:
        raise InvalidInput(problems=problems)

    # The owner's password is hashed in a thread while the workspace's rows are written.
    password_hash = password_hash_started(password)
    with public_schema(), transaction.atomic():
        try:
            with transaction.atomic():
                tenant = Tenant.objects.create(
                    slug=slug,
                    name=company_name.strip(),
                    schema_name=schema_name_for(slug),
                    status=TenantStatus.TRIALING,
                    plan=Plan.objects.filter(is_default=True).first(),
                )
        except IntegrityError as exc:  # another sign-up took the slug between check and insert
            raise InvalidInput(
                problems=[FieldProblem("slug", "slug_taken", _(SLUG_MESSAGES["slug_taken"]))]
            ) from exc
        provisioned_from = provisioning.schema_provision(tenant.schema_name)
        Domain.objects.create(domain=tenant_host(slug), tenant=tenant, is_primary=True)
        # Local rows only: no Stripe call, so neither an outage nor its absence blocks a sign-up.
        billing.start_trial(tenant)
        with schema_context(tenant.schema_name):
            owner = account_services.owner_create(
                email=email, full_name=owner_name, password_hash=password_hash.result(), language=language
            )
        transaction.on_commit(provisioning.pool_refill_later)
    return SignupResult(tenant=tenant, owner=owner, provisioned_from=provisioned_from)


def public_tenant_ensure() -> Tenant:
    """The public site is itself a tenant row on the public schema, at the bare base domain."""
    from django.conf import settings

    with public_schema():
        tenant, _created = Tenant.objects.get_or_create(
            schema_name="public",
            defaults={"slug": "public", "name": "Sparrow", "status": TenantStatus.ACTIVE},
        )
        Domain.objects.get_or_create(
            domain=settings.SPARROW_BASE_DOMAIN, defaults={"tenant": tenant, "is_primary": True}
        )
    return tenant
