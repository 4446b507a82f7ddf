"""Subscriptions are served over WebSocket only: one sent over HTTP is refused with a code.

Over HTTP strawberry would run it like a query and its stream would resolve to null for a
non-null field (an internal_error). The same endpoint, /graphql/, serves them over WebSocket
(graphql-transport-ws): saas/realtime/consumer.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.http import HttpRequest
from django.utils.translation import gettext as _
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from graphql import GraphQLError
from saas.core.errors import InvalidInput


class SubscriptionsOverWebSocket(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        request = getattr(context.context, "request", None)
        if (
            context.result is None
            and isinstance(request, HttpRequest)
            and context.operation_type == OperationType.SUBSCRIPTION
        ):
            message = _("Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql/.")
            context.result = ExecutionResult(
                data=None,
                errors=[
                    GraphQLError(message, original_error=InvalidInput(message, code="subscription_over_http"))
                ],
            )
        yield
