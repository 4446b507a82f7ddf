"""The sign-up form: field types only. The rules live in tenants.services, whose problems the
view puts back on the form, so the form and the service can never disagree."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from saas.core.errors import FieldProblem
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

    def add_problems(self, problems: list[FieldProblem]) -> None:
        for problem in problems:
            field = problem.field if problem.field in self.fields else None
            self.add_error(field, forms.ValidationError(problem.message, code=problem.code))
