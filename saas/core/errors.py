"""Errors that services raise, each with a stable machine-readable code.

Resolvers and views turn these into typed error payloads or GraphQL errors; they never reach a
user as a traceback. Not-found and forbidden share one code so ids cannot be probed.
"""

from __future__ import annotations

from collections.abc import Iterable
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


def camel_path(path: str | None) -> str | None:
    """A domain field path as the app's forms and the schema spell it: `lines.3.unit_price` →
    `lines.3.unitPrice` (each segment camel-cased, as strawberry names fields). Services never
    use this: the API and the JSON endpoints call it where an error leaves the server."""
    if path is None:
        return None
    return ".".join(_camel(segment) for segment in path.split("."))


def _camel(segment: str) -> str:
    head, *rest = segment.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def problems_json(problems: Iterable[FieldProblem]) -> list[dict[str, str | None]]:
    """Field problems as the JSON endpoints (uploads, exports, imports) answer them."""
    return [{"field": camel_path(p.field), "code": p.code, "message": p.message} for p in problems]
