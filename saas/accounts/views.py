"""Tenant-host pages: login, logout, the sign-up handoff, and password reset."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saas.accounts.authentication import session_login, session_logout
from saas.accounts.forms import LoginForm
from saas.accounts.handoff import handoff_user
from saas.accounts.models import User
from saas.core.errors import InvalidInput
from saas.core.mail import sender
from saas.core.tenancy import tenant_db


class ResetForm(auth_forms.PasswordResetForm):
    # Invited colleagues have no password yet; they may use "forgot password" too when the
    # invitation link has expired.
    def get_users(self, email: str):  # type: ignore[no-untyped-def]
        return User.objects.filter(email__iexact=email.strip(), is_active=True)


class ResetView(auth_views.PasswordResetView):
    def form_valid(self, form: auth_forms.PasswordResetForm) -> HttpResponse:
        self.from_email = sender()  # the brand in the language of the page, as the e-mail is
        return super().form_valid(form)


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return str(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def login_page(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                session_login(
                    request=request, email=form.cleaned_data["email"], password=form.cleaned_data["password"]
                )
            except InvalidInput as exc:
                form.add_error(None, exc.message)
                status = 429 if exc.code == "login_throttled" else 400
            else:
                return HttpResponseRedirect(_next_url(request))
    context = {"form": form, "next": _next_url(request), "tenant": request.tenant}  # type: ignore[attr-defined]
    return render(request, "accounts/login.html", context, status=status)


@require_POST
def logout_page(request: HttpRequest) -> HttpResponse:
    session_logout(request=request)
    return HttpResponseRedirect(str(settings.LOGOUT_REDIRECT_URL))


@require_GET
def login_handoff(request: HttpRequest) -> HttpResponse:
    user = handoff_user(token=request.GET.get("token", ""), schema_name=str(tenant_db().schema_name))
    if user is None:
        return HttpResponseRedirect(str(settings.LOGIN_URL))
    login(request, user, backend="saas.accounts.backends.EmailBackend")
    return HttpResponseRedirect(str(settings.LOGIN_REDIRECT_URL))


urlpatterns = [
    path("login/", login_page, name="login"),
    path("logout/", logout_page, name="logout"),
    path("login/handoff/", login_handoff, name="login-handoff"),
    path(
        "password-reset/",
        ResetView.as_view(
            form_class=ResetForm,
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(template_name="accounts/password_reset_confirm.html"),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
