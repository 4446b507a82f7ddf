"""User (e-mail login) and Role (a named set of scopes), stored in each tenant's schema."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.Model):
    code = models.SlugField(max_length=30, unique=True)
    name_zh = models.CharField(max_length=30)
    name_en = models.CharField(max_length=30)
    scopes = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    is_system = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.code

    def display_name(self, language: str) -> str:
        return self.name_en if language.startswith("en") else self.name_zh


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)

    def create_user(
        self, email: str, password: str | None = None, *, password_hash: str | None = None, **fields: Any
    ) -> User:
        """`password_hash`: a hash already made by make_password (saas/accounts/hashers.py)."""
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password_hash is not None:
            user.password = password_hash
        else:
            user.set_password(password)
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    # Verbose names are what Django's password validator names when a password is too similar
    # to one of them ("密码跟 电子邮箱 太相似了。"), so they are translated like any other text.
    email = models.EmailField(_("E-mail"), max_length=254)
    full_name = models.CharField(_("Full name"), max_length=60)
    phone = models.CharField(_("Phone"), max_length=30, blank=True)
    language = models.CharField(max_length=10, default="zh-hans")
    roles = models.ManyToManyField(Role, related_name="users", blank=True)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    invited_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.email

    @property
    def scopes(self) -> frozenset[str]:
        """Every scope of every role; cached on the instance for the request."""
        cached: frozenset[str] | None = getattr(self, "_scopes_cache", None)
        if cached is None:
            cached = frozenset(scope for role in self.roles.all() for scope in role.scopes)
            self._scopes_cache = cached
        return cached

    def has_scope(self, scope: str) -> bool:
        return self.is_active and scope in self.scopes

    @property
    def role_codes(self) -> list[str]:
        return [role.code for role in self.roles.all()]


from saas.accounts.view_models import ListColumns, SavedView  # noqa: E402,F401
