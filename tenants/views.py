"""The public site: landing page and sign-up portal."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from saas.accounts.handoff import handoff_token
from saas.core.errors import InvalidInput
from tenants import services
from tenants.addresses import tenant_url
from tenants.forms import SignupForm


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "tenants/landing.html")


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.tenant_signup(
                company_name=data["company_name"],
                slug=data["slug"],
                owner_name=data["owner_name"],
                email=data["email"],
                password=data["password"],
                language=get_language() or "zh-hans",
            )
        except InvalidInput as exc:
            form.add_problems(exc.problems)
        else:
            token = handoff_token(schema_name=result.tenant.schema_name, user=result.owner)
            return HttpResponseRedirect(tenant_url(result.tenant, f"/login/handoff/?token={token}"))
    status = 400 if request.method == "POST" else 200
    return render(request, "tenants/signup.html", {"form": form}, status=status)
