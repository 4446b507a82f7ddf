"""Rate limits by query cost (issue 13): what an operation costs before it runs, leaky buckets shared
through Redis (and in memory without it), and the HTTP answer: `extensions.cost` on every
response, 429 with Retry-After and `rate_limited` when a bucket is empty, nothing run or written."""

from __future__ import annotations

import math
import threading
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory, override_settings
from django_tenants.utils import tenant_context

from graphql import OperationDefinitionNode, parse
from saas.api.cost import query_cost
from saas.api.cost_limit import caller_bucket
from saas.api.schema import schema
from saas.core.cache import ResilientRedisCache
from saas.core.leaky_bucket import take
from saas.customers.models import Customer
from tests.fixtures.partners import issue_key, key_client, key_post
from tests.fixtures.tenants import Workspace, client_for, graphql
from tests.test_shell_operations import load_api

DEAD_REDIS = "redis://127.0.0.1:1/0"  # port 1: connection refused at once


def cost(document: str, variables: dict[str, Any] | None = None, operation: str | None = None) -> int:
    return query_cost(schema._schema, parse(document), variables or {}, operation)


# --- what a document costs --------------------------------------------------------------------


def test_an_object_costs_one_and_its_scalars_nothing():
    assert cost("{ me { email fullName } }") == 1
    assert cost("{ __typename }") == 0


def test_a_page_multiplies_its_items_and_a_nested_list_counts_three():
    # products: 1; 50 items × (1 + skus: 3 × 1)
    assert cost("{ products(limit: 50) { totalCount items { name skus { code } } } }") == 1 + 50 * (1 + 3)
    # no limit: the schema's default page (50); `first` wins over `limit` when given
    assert cost("{ products { items { id } } }") == 1 + 50
    assert cost("{ products(first: 7, limit: 50) { items { id } } }") == 1 + 7
    # a limit below zero never pays points back (the page rule refuses it anyway)
    assert cost("{ products(limit: -5) { items { id skus { id } } } }") == 1


def test_a_limit_from_a_variable_or_its_default():
    document = "query($n: Int = 7) { products(limit: $n) { items { id skus { id } } } }"
    assert cost(document, {"n": 2}) == 1 + 2 * (1 + 3)
    assert cost(document) == 1 + 7 * (1 + 3)
    assert cost("query($n: Int!) { products(limit: $n) { items { id } } }", {"n": 20.0}) == 1 + 20


def test_fragments_cost_what_they_select_each_time_they_are_spread():
    inline = "{ salesOrders(limit: 20) { items { id customer { name } lines { id } } } }"
    spread = """
        { salesOrders(limit: 20) { items { ...Order } } }
        fragment Order on SalesOrder { id customer { name } lines { id } }
    """
    typed = "{ salesOrders(limit: 20) { items { ... on SalesOrder { id customer { name } lines { id } } } } }"
    assert cost(inline) == cost(spread) == cost(typed) == 1 + 20 * (1 + 1 + 3)
    twice = "{ a: me { ...Me } b: me { ...Me } } fragment Me on User { roles { code } }"
    assert cost(twice) == 2 * (1 + 3)


def test_fragments_spread_twice_over_are_priced_without_walking_every_path():
    # 2^200 paths to `me`; the price is still exact, and computed once per fragment.
    chain = "".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}\n" for i in range(200))
    document = "{ ...F0 }\n" + chain + "fragment F200 on Query { me { id } }"
    assert cost(document) == 2**200


def test_mutations_and_introspection_have_their_own_price():
    mutation = 'mutation { customerCreate(input: {name: "x"}) { customer { id } errors { field code } } }'
    assert cost(mutation) == 10 + 1 + 1 + 3 * 1  # base, payload, customer, errors list
    assert cost("{ __schema { types { name fields { name } } } }") == 100
    assert cost('{ __type(name: "Product") { name } me { id } }') == 100 + 1


def test_the_named_operation_is_priced():
    document = "query A { me { id } } query B { products { items { id } } }"
    assert cost(document, operation="A") == 1
    assert cost(document, operation="B") == 51
    assert cost(document) == 0  # two operations and no name: nothing to run


def test_every_operation_of_the_app_fits_in_one_query_at_its_default_page_size():
    found, _problems = load_api()
    too_costly = {}
    for name, (_module, text) in found.items():
        document = parse(text)
        if any(isinstance(d, OperationDefinitionNode) for d in document.definitions):
            price = query_cost(schema._schema, document, {}, None)
            if price > settings.SPARROW_API_MAX_QUERY_COST:
                too_costly[name] = price
    assert too_costly == {}


# --- leaky buckets -------------------------------------------------------------------------


def _redis_state(bucket: str) -> tuple[dict[bytes, bytes], int]:
    backend = caches["default"]
    assert isinstance(backend, ResilientRedisCache), "these tests need REDIS_URL"
    key = backend.make_key(bucket)
    client = backend._cache.get_client(key)
    return client.hgetall(key), client.pttl(key)


def test_a_bucket_in_redis_allows_until_full_then_says_when_to_retry():
    first = take("t:fill", 4, capacity=10, rate=0.5, now=1000.0)
    second = take("t:fill", 4, capacity=10, rate=0.5, now=1000.0)
    refused = take("t:fill", 4, capacity=10, rate=0.5, now=1000.0)
    assert (first.allowed, first.level, first.remaining) == (True, 4.0, 6.0)
    assert (second.allowed, second.level) == (True, 8.0)
    # 2 points too many at 0.5 points a second: 4 seconds, and the refused request added nothing
    assert (refused.allowed, refused.level, refused.retry_after_seconds) == (False, 8.0, 4.0)
    state, ttl = _redis_state("t:fill")
    assert state == {b"level": b"8", b"at": b"1000.0"}
    assert 0 < ttl <= 8 / 0.5 * 1000 + 1000  # gone once it would have drained


def test_a_bucket_in_redis_drains_at_its_rate():
    take("t:drain", 10, capacity=10, rate=0.5, now=1000.0)
    assert not take("t:drain", 1, capacity=10, rate=0.5, now=1001.0).allowed  # 0.5 back: not enough
    later = take("t:drain", 1, capacity=10, rate=0.5, now=1002.0)
    assert (later.allowed, later.level) == (True, 10.0)
    # a host whose clock is behind neither refills the bucket nor lets time run back
    assert not take("t:drain", 1, capacity=10, rate=0.5, now=990.0).allowed
    assert take("t:drain", 0, capacity=10, rate=0.5, now=1004.0).level == 9.0


def test_a_cost_larger_than_the_bucket_never_fits_and_takes_nothing():
    answer = take("t:huge", 11, capacity=10, rate=1.0, now=1000.0)
    assert not answer.allowed and answer.retry_after_seconds == math.inf
    assert take("t:huge", 10, capacity=10, rate=1.0, now=1000.0).allowed


def test_a_redis_that_forgot_the_script_is_given_it_again():
    backend = caches["default"]
    take("t:script", 1, capacity=10, rate=1.0, now=1000.0)
    backend._cache.get_client(write=True).script_flush()
    assert take("t:script", 1, capacity=10, rate=1.0, now=1000.0).level == 2.0


@pytest.mark.parametrize("where", ["redis", "memory"])
def test_threads_taking_from_one_bucket_never_overspend_it(where: str):
    capacity, threads = 60, 6
    allowed: list[int] = []
    start = threading.Barrier(threads)

    def spend() -> None:
        # Each thread gets its own cache object and Redis connections, as another process would.
        backend = caches["default"] if where == "redis" else LocMemCache("cost-test", {})
        start.wait()
        taken = 0
        for _ in range(capacity):
            if take("t:race", 1, capacity=capacity, rate=0.001, now=1000.0, backend=backend).allowed:
                taken += 1
        allowed.append(taken)

    workers = [threading.Thread(target=spend) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sum(allowed) == capacity


def test_buckets_live_in_process_memory_without_redis():
    backend = LocMemCache("cost-test-memory", {})
    assert take("t:mem", 6, capacity=10, rate=2.0, now=1000.0, backend=backend).allowed
    refused = take("t:mem", 6, capacity=10, rate=2.0, now=1000.0, backend=backend)
    assert (refused.allowed, refused.retry_after_seconds) == (False, 1.0)
    assert take("t:mem", 6, capacity=10, rate=2.0, now=1001.0, backend=backend).allowed
    assert _redis_state("t:mem") == ({}, -2)  # nothing went to Redis


def test_an_unreachable_redis_falls_back_to_memory_instead_of_failing():
    backend = ResilientRedisCache(DEAD_REDIS, {"OPTIONS": {"socket_connect_timeout": 1}})
    backend.retry_now()
    try:
        first = take("t:outage", 7, capacity=10, rate=1.0, now=1000.0, backend=backend)
        assert first.allowed and backend.degraded
        # still counted, in this process's memory, while Redis is away
        assert not take("t:outage", 7, capacity=10, rate=1.0, now=1000.0, backend=backend).allowed
    finally:
        backend.retry_now()


# --- whose bucket --------------------------------------------------------------------------


@override_settings(SPARROW_API_COST_CAPACITY=2000, SPARROW_API_COST_RATE=100, SPARROW_API_SESSION_FACTOR=5)
def test_keys_people_and_addresses_have_buckets_of_their_own(in_alpha: Workspace):
    schema_name = in_alpha.tenant.schema_name
    request = RequestFactory().post("/graphql/", REMOTE_ADDR="203.0.113.9")
    request.user = AnonymousUser()
    assert caller_bucket(request) == (f"cost:{schema_name}:address:203.0.113.9", 2000, 100.0)
    request.user = in_alpha.users["sales"]
    assert caller_bucket(request) == (f"cost:{schema_name}:user:{in_alpha.users['sales'].pk}", 10_000, 500.0)
    request.api_key = SimpleNamespace(pk=7)
    assert caller_bucket(request) == (f"cost:{schema_name}:key:7", 2000, 100.0)
    # an IPv6 host holds its whole /64: rotating through it is one bucket
    ipv6 = RequestFactory().post("/graphql/", REMOTE_ADDR="2001:db8:1:2:aaaa::9")
    ipv6.user = AnonymousUser()
    assert caller_bucket(ipv6)[0] == f"cost:{schema_name}:address:2001:db8:1:2::/64"


# --- through HTTP ----------------------------------------------------------------------------

CREATE = 'mutation { customerCreate(input: {name: "限流客户"}) { customer { id } errors { field code } } }'


def _customers(workspace: Workspace) -> int:
    with tenant_context(workspace.tenant):
        return Customer.objects.filter(name="限流客户").count()


@override_settings(SPARROW_API_COST_CAPACITY=18, SPARROW_API_COST_RATE=0.001, SPARROW_API_SESSION_FACTOR=1)
def test_an_empty_bucket_is_429_with_retry_after_and_runs_nothing(alpha: Workspace):
    client = client_for(alpha, alpha.users["manager"])
    me = graphql(client, "{ me { email } }")
    assert me["data"] == {"me": {"email": alpha.email("manager")}}
    assert me["extensions"]["cost"] == {
        "requestedQueryCost": 1,
        "maximumAvailable": 18,
        "throttleStatus": {"currentlyAvailable": 17, "restoreRate": 0.001},
    }
    roles = graphql(client, "{ me { roles { code } } }")
    assert roles["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] == 13  # 18 - 1 - 4

    response = client.post("/graphql/", {"query": CREATE}, content_type="application/json")
    body = response.json()
    assert response.status_code == 429
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "rate_limited"
    # 15 points asked, 13 there: 2 points at 0.001 a second, less what drained meanwhile
    retry = int(response["Retry-After"])
    assert retry == body["errors"][0]["extensions"]["retryAfter"] and 1_900 <= retry <= 2_000
    assert body["extensions"]["cost"]["requestedQueryCost"] == 15
    assert _customers(alpha) == 0

    with override_settings(SPARROW_API_COST_CAPACITY=100):  # the same mutation, with room for it
        created = graphql(client, CREATE)
    assert created["data"]["customerCreate"]["errors"] == []
    assert _customers(alpha) == 1


@override_settings(SPARROW_API_COST_CAPACITY=5, SPARROW_API_COST_RATE=0.001, SPARROW_API_SESSION_FACTOR=5)
def test_a_partner_key_has_a_bucket_of_its_own_apart_from_people(alpha: Workspace):
    key = key_client(alpha, issue_key(alpha, "catalog:read").secret)
    status, answer = key_post(key, "{ products(limit: 4) { items { id } } }")  # 1 + 4
    assert status == 200 and "errors" not in answer
    assert answer["extensions"]["cost"]["maximumAvailable"] == 5
    assert answer["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] == 0
    status, answer = key_post(key, "{ products(limit: 1) { items { id } } }")
    assert status == 429 and answer["errors"][0]["extensions"]["code"] == "rate_limited"
    # another key from the same address has its own bucket
    other = key_client(alpha, issue_key(alpha, "catalog:read", name="WMS").secret)
    assert key_post(other, "{ products(limit: 4) { items { id } } }")[0] == 200
    # the owner who made the keys still has a person's bucket, five times as large
    person = graphql(client_for(alpha, alpha.users["owner"]), "{ products(limit: 4) { items { id } } }")
    assert "errors" not in person and person["extensions"]["cost"]["maximumAvailable"] == 25


@override_settings(SPARROW_API_MAX_QUERY_COST=100)
def test_a_query_costlier_than_allowed_is_refused_outright_and_charges_nothing(alpha: Workspace):
    client = client_for(alpha, alpha.users["manager"])
    body = graphql(client, "{ products(limit: 50) { items { id skus { id } } } }")  # 201
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "query_too_costly"  # not retryable: HTTP 200
    factor = settings.SPARROW_API_SESSION_FACTOR
    capacity, rate = settings.SPARROW_API_COST_CAPACITY * factor, settings.SPARROW_API_COST_RATE * factor
    assert body["extensions"]["cost"] == {
        "requestedQueryCost": 201,
        "maximumAvailable": capacity,
        "throttleStatus": {"currentlyAvailable": capacity, "restoreRate": rate},
    }


def test_an_operation_refused_by_the_input_guard_costs_nothing(alpha: Workspace):
    client = client_for(alpha, alpha.users["manager"])
    body = graphql(client, 'query { customers(search: "a\\u0000b") { items { id } } }')
    assert body["errors"][0]["extensions"]["code"] == "text_invalid"
    capacity = settings.SPARROW_API_COST_CAPACITY * settings.SPARROW_API_SESSION_FACTOR
    assert body["extensions"]["cost"]["requestedQueryCost"] == 51
    assert body["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] == capacity
