"""First check of the fixtures: two workspaces, each with its own users."""

from django_tenants.utils import tenant_context

from saas.accounts.models import User


def test_each_workspace_has_its_own_users(alpha, beta):
    with tenant_context(alpha.tenant):
        alpha_emails = set(User.objects.values_list("email", flat=True))
    with tenant_context(beta.tenant):
        beta_emails = set(User.objects.values_list("email", flat=True))
    assert "owner@alpha.test" in alpha_emails and "owner@alpha.test" not in beta_emails
    assert "owner@beta.test" in beta_emails and "owner@beta.test" not in alpha_emails
