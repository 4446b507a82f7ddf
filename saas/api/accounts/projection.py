"""The shape of a person as a list's plain rows show them (saas/api/projection.py)."""

from __future__ import annotations

from saas.api.accounts.types import UserType
from saas.api.projection import Shape, columns

# roles and scopes are read through the model path.
USER = Shape(
    UserType,
    columns("full_name", "email", "phone", "language", "is_active", "date_joined", "last_login"),
)
