"""How errors leave the API.

Mutations return typed payloads with `errors: [FieldError!]!`. Queries raise; every GraphQL
error then carries `extensions.code`, and anything unexpected is masked as `internal_error`
(logged and sent to Sentry) so no traceback or internal message ever reaches a caller.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import sentry_sdk
import strawberry
from django.db import DatabaseError, DataError
from django.utils.translation import gettext as _
from strawberry.extensions import SchemaExtension

from graphql import GraphQLError
from saas.accounts.visibility import MissingActor
from saas.core.errors import DomainError, camel_path
from saas.core.read_only import is_read_only_violation, read_only_error

logger = logging.getLogger(__name__)
T = TypeVar("T")


# Services name fields by their domain paths (`lines.3.unit_price`); the schema spells each segment
# as strawberry camel-cases the Python name (`lines.3.unitPrice`). Where an input's GraphQL name is
# not that camel-case, its domain path maps here, whole: {"domain.path": "graphql.path"}.
FIELD_NAMES: dict[str, str] = {}


def graphql_field(path: str | None) -> str | None:
    """The GraphQL spelling of a service's field path; a GraphQL name passes through unchanged."""
    if path is not None and path in FIELD_NAMES:
        return FIELD_NAMES[path]
    return camel_path(path)


def _graphql_path(root: Any) -> str | None:
    return graphql_field(root.path)


@strawberry.type(description="A problem with one input field (field is null for the whole request).")
class FieldError:
    # Built with the field as the service named it (`path`); `field` answers it in GraphQL names,
    # so the mapping holds for every payload that carries a FieldError, whoever built it.
    field: str | None = strawberry.field(resolver=_graphql_path)
    code: str
    message: str
    path: strawberry.Private[str | None]

    def __init__(self, *, field: str | None, code: str, message: str) -> None:
        self.path = field
        self.code = code
        self.message = message


def field_errors(exc: DomainError) -> list[FieldError]:
    return [FieldError(field=p.field, code=p.code, message=p.message) for p in exc.problems]


def _out_of_range_message() -> str:
    return _("A value is too long or too large for this field.")


def run_service(call: Callable[[], T]) -> tuple[T | None, list[FieldError]]:
    """Call one service; its expected errors become payload errors, anything else propagates."""
    try:
        return call(), []
    except MissingActor:
        return None, [FieldError(field=None, code="unauthenticated", message=_("Please sign in."))]
    except DomainError as exc:
        return None, field_errors(exc)
    except DatabaseError as exc:
        if is_read_only_violation(exc):  # a read-only workspace's session (saas/core/read_only.py)
            return None, field_errors(read_only_error())
        if not isinstance(exc, DataError):
            raise
        # The database refused a value a service let through (a column's digits or length). The
        # service's transaction has rolled back, so nothing is half-written; the caller is told
        # plainly, and the log tells us which rule the service is missing.
        logger.warning("A service passed a value the database refused", exc_info=True)
        return None, [FieldError(field=None, code="value_out_of_range", message=_out_of_range_message())]


def _code_for(error: GraphQLError) -> tuple[str, str | None]:
    """(code, replacement message or None to keep the message)."""
    original = error.original_error
    if original is None:
        return "query_invalid", None  # parse and validation errors, including the limiters
    if isinstance(original, MissingActor):
        return "unauthenticated", _("Please sign in.")
    if isinstance(original, DomainError):
        return original.code, original.message
    if isinstance(original, GraphQLError):
        return "query_invalid", None
    if is_read_only_violation(original):
        return "workspace_read_only", read_only_error().message
    if isinstance(original, DataError):
        logger.warning("A resolver passed a value the database refused", exc_info=original)
        return "value_out_of_range", _out_of_range_message()
    return "internal_error", None


class ErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        self._code(self.execution_context.result)

    def on_stream_result(self, result: Any) -> Iterator[None]:
        # Each result of a subscription leaves as it comes, before on_operation's end.
        self._code(result)
        yield

    def _code(self, result: Any) -> None:
        errors = getattr(result, "errors", None)
        if not result or not errors:
            return
        processed = []
        for error in errors:
            if error.extensions and "code" in error.extensions:
                processed.append(error)  # coded already (a subscription's streamed result)
                continue
            code, message = _code_for(error)
            if code == "internal_error":
                original = error.original_error
                logger.error("GraphQL resolver failed", exc_info=original)
                sentry_sdk.capture_exception(original)
                message = _("Something went wrong on our side. Please try again.")
            processed.append(
                GraphQLError(
                    message=message or error.message,
                    nodes=error.nodes,
                    source=error.source,
                    positions=error.positions,
                    path=error.path,
                    original_error=None,
                    extensions={**(error.extensions or {}), "code": code},
                )
            )
        result.errors = processed
