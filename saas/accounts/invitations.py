"""The e-mail that invites a colleague: a link on the workspace's host to choose a password."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from saas.accounts.models import User
from saas.core.mail import sender
from saas.core.tenancy import current_tenant
from tenants.addresses import tenant_url


def invitation_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return tenant_url(current_tenant(), f"/reset/{uid}/{token}/")


def send_invitation_on_commit(*, user: User, invited_by: str) -> None:
    """E-mail the link after commit; `invited_by` is the inviter's name (a person's, a key's)."""
    tenant = current_tenant()
    link = invitation_link(user)

    def send() -> None:
        with translation.override(user.language):
            context = {"user": user, "invited_by": invited_by, "tenant": tenant, "link": link}
            subject = render_to_string("accounts/invitation_subject.txt", context).strip()
            body = render_to_string("accounts/invitation_email.txt", context)
            from_email = sender()
        send_mail(subject, body, from_email, [user.email])

    transaction.on_commit(send)
