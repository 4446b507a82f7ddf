"""Rate limits by query cost: each caller's leaky bucket pays for each operation before it runs.

After validation and before any resolver, `CostLimit` prices the operation (saas/api/cost.py) and
takes that many points from the caller's bucket (saas/core/leaky_bucket.py, shared by every
process through Redis). Every HTTP answer that got this far carries, as Shopify's API does:

    "extensions": {"cost": {
        "requestedQueryCost": 101,       # what this operation costs (saas/api/cost.py)
        "maximumAvailable": 2000,        # the bucket's capacity: the most a burst may cost
        "throttleStatus": {
            "currentlyAvailable": 1899,  # points left after this operation
            "restoreRate": 100.0         # points that come back each second
        }}}

Refusals run nothing:
- `rate_limited`: the bucket has not enough points now. HTTP 429 with `Retry-After` (whole
  seconds, rounded up) and the same number in the error's `extensions.retryAfter`.
- `query_too_costly`: the operation costs more than one operation may
  (SPARROW_API_MAX_QUERY_COST) or than the bucket holds: waiting never helps, so no 429; ask
  for fewer rows or fields.

An operation another guard refused before (InputGuard) costs nothing. Subscriptions (WebSocket)
are not priced here.
"""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from graphql import GraphQLError
from saas.api.cost import query_cost
from saas.core.client_address import client_address
from saas.core.leaky_bucket import BucketAnswer, take


def _address_bucket(address: str) -> str:
    # One IPv6 host usually holds a whole /64: a bucket per address there would be one per
    # request for anyone who rotates through it.
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    return str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)


def caller_bucket(request: HttpRequest) -> tuple[str, int, float]:
    """(bucket, capacity, rate) of whoever sent the request: a partner key, a signed-in person
    (SPARROW_API_SESSION_FACTOR times more, still finite: a stolen cookie cannot flood), or an
    anonymous client address. Buckets carry the workspace's schema."""
    schema = connection.schema_name  # type: ignore[attr-defined]
    capacity = settings.SPARROW_API_COST_CAPACITY
    rate = float(settings.SPARROW_API_COST_RATE)
    api_key = getattr(request, "api_key", None)
    if api_key is not None:
        return f"cost:{schema}:key:{api_key.pk}", capacity, rate
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        factor = settings.SPARROW_API_SESSION_FACTOR
        return f"cost:{schema}:user:{user.pk}", capacity * factor, rate * factor
    return f"cost:{schema}:address:{_address_bucket(client_address(request))}", capacity, rate


def _error(code: str, message: str, **extensions: Any) -> ExecutionResult:
    return ExecutionResult(data=None, errors=[GraphQLError(message, extensions={"code": code, **extensions})])


def _refusal(cost: int, most: int, answer: BucketAnswer, response: Any) -> ExecutionResult | None:
    """The answer to an operation that may not run, or None when it may."""
    if cost > most:
        message = _(
            "This query costs %(cost)d points; one query may cost at most %(most)d. "
            "Ask for fewer rows or fewer fields."
        ) % {"cost": cost, "most": most}
        return _error("query_too_costly", message, maximumCost=most)
    if answer.allowed:
        return None
    seconds = max(1, math.ceil(answer.retry_after_seconds))
    # strawberry's Django view copies its sub-response's status and headers onto the answer.
    if isinstance(response, HttpResponseBase):
        response.status_code = 429
        response["Retry-After"] = str(seconds)
    message = _("Too many requests. Please try again in %(seconds)d seconds.") % {"seconds": seconds}
    return _error("rate_limited", message, retryAfter=seconds)


class CostLimit(SchemaExtension):
    cost: dict[str, Any] | None = None

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        request = getattr(context.context, "request", None)
        document = context.graphql_document
        if (
            not settings.SPARROW_API_COST_LIMITS
            or document is None
            or not isinstance(request, HttpRequest)
            or context.operation_type == OperationType.SUBSCRIPTION
        ):
            yield
            return
        cost = query_cost(context.schema._schema, document, context.variables, context.operation_name)
        bucket, capacity, rate = caller_bucket(request)
        most = min(capacity, settings.SPARROW_API_MAX_QUERY_COST)
        refused_before = context.result is not None
        charge = 0 if refused_before or cost > most else cost
        answer = take(bucket, charge, capacity=capacity, rate=rate)
        self.cost = _cost_extension(cost, answer, rate)
        if not refused_before:
            context.result = _refusal(cost, most, answer, getattr(context.context, "response", None))
        yield

    def get_results(self) -> dict[str, Any]:
        return {"cost": self.cost} if self.cost is not None else {}


def _cost_extension(cost: int, answer: BucketAnswer, rate: float) -> dict[str, Any]:
    return {
        "requestedQueryCost": cost,
        "maximumAvailable": answer.capacity,
        "throttleStatus": {"currentlyAvailable": math.floor(answer.remaining), "restoreRate": rate},
    }
