"""The sign-up form; the rules themselves live in tenants.services so every entry point shares them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants import services


class SignupForm(forms.Form):
    company_name = forms.CharField(label=_("Company name"), max_length=services.MAX_COMPANY_NAME, strip=True)
    slug = forms.CharField(
        label=_("Workspace address"),
        max_length=30,
        help_text=_("3-30 lower-case letters, digits or hyphens."),
    )
    owner_name = forms.CharField(label=_("Your name"), max_length=60)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(render_value=False), strip=False
    )

    def clean_slug(self) -> str:
        return str(self.cleaned_data["slug"]).strip().lower()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        problems = services.signup_problems(
            company_name=cleaned.get("company_name", ""),
            slug=cleaned.get("slug", ""),
            owner_name=cleaned.get("owner_name", ""),
            email=cleaned.get("email", ""),
            password=cleaned.get("password", ""),
        )
        for problem in problems:
            field = problem.field if problem.field in self.fields else None
            if field is None or field not in self.errors:
                self.add_error(field, forms.ValidationError(problem.message, code=problem.code))
        return cleaned
