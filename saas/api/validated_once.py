"""A query text that passed validation once is not validated again by this process.

Apps and partners send the same few query texts over and over; validating one (every GraphQL
rule, plus our depth and alias limits) costs 1 to 3 ms a request, as much as a page's SQL.
Validation depends only on the text, the schema and the limits, so a text known valid under
the same limits is valid again. Only successes are remembered: a failing text is validated
(and its errors translated) each time, and a hostile client sending endless new texts fills at
most `_MAX` entries before the memory starts over.

strawberry's own `ValidationCache` cannot serve here: it is keyed by the validation rules, and
our depth and alias limits are new rule classes in every request.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from strawberry.extensions import SchemaExtension

_MAX = 512
_VALID: set[tuple[int, str, int, int]] = set()


def _key(schema_id: int, query: str) -> tuple[int, str, int, int]:
    return (schema_id, query, settings.SPARROW_GRAPHQL_MAX_DEPTH, settings.SPARROW_GRAPHQL_MAX_ALIASES)


class ValidatedOnce(SchemaExtension):
    """Skips validation for a query text this process has validated under the same limits."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        key = _key(id(context.schema), context.query or "") if context.query else None
        if key is not None and key in _VALID and context.pre_execution_errors is None:
            context.pre_execution_errors = []  # strawberry then skips its own validation
            yield
            return
        yield
        if key is not None and context.pre_execution_errors == []:
            if len(_VALID) >= _MAX:
                _VALID.clear()
            _VALID.add(key)
