"""Errors that services raise, each with a stable machine-readable code.

Resolvers and views turn these into typed error payloads or GraphQL errors; they never reach a
user as a traceback. Not-found and forbidden share one code so ids cannot be probed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldProblem:
    field: str | None
    code: str
    message: str


class DomainError(Exception):
    """Base for the errors a caller is expected to handle."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.field = field

    @property
    def problems(self) -> list[FieldProblem]:
        return [FieldProblem(field=self.field, code=self.code, message=self.message)]


class InvalidInput(DomainError):
    """Bad input; may carry several field problems."""

    code = "invalid"

    def __init__(
        self,
        message: str = "",
        *,
        code: str | None = None,
        field: str | None = None,
        problems: list[FieldProblem] | None = None,
    ) -> None:
        if problems:
            message = message or problems[0].message
            code = code or problems[0].code
            field = field if field is not None else problems[0].field
        super().__init__(message, code=code, field=field)
        self._problems = problems

    @property
    def problems(self) -> list[FieldProblem]:
        return self._problems or super().problems


class NotFound(DomainError):
    """The object does not exist, or the actor may not know it exists."""

    code = "not_found"


class Forbidden(DomainError):
    """The actor may see the object but not do this to it."""

    code = "forbidden"


class Unauthenticated(DomainError):
    code = "unauthenticated"
