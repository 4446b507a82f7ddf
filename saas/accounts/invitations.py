"""The e-mail that invites a colleague: a link on the workspace's host to choose a password."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
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


def send_invitation(*, user: User, invited_by: str) -> None:
    """E-mail the link now (a job does: the `invitation_email` consumer of `user.invited`);
    `invited_by` is the inviter's name (a person's, a key's)."""
    tenant = current_tenant()
    with translation.override(user.language):
        context = {"user": user, "invited_by": invited_by, "tenant": tenant, "link": invitation_link(user)}
        subject = render_to_string("accounts/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/invitation_email.txt", context)
        from_email = sender()
    send_mail(subject, body, from_email, [user.email])
