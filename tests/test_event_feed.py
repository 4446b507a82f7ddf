"""The partner event feed (`events(after, types, limit)`): the order events became visible, paging
by the last id seen, filtered by type and by the areas a key may read, bound to its workspace,
and never skipping an event whose transaction committed after a later one's."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, connections, transaction
from django.test import TestCase
from django_tenants.utils import tenant_context

from saas.core.event_delivery import deliver
from saas.core.models import LoggedEvent
from saas.customers.services.customers import customer_create
from saas.inventory.models import Warehouse
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.partners.models import FeedEntry
from saas.partners.services.endpoints import endpoint_create
from tests.fixtures.events import deliver_events, queued_fan_outs
from tests.fixtures.inventory import make_sku
from tests.fixtures.jobs import queued_job, run_job
from tests.fixtures.parallel import scratch_workspace
from tests.fixtures.partners import issue_key, key_client, key_post
from tests.fixtures.tenants import Workspace, client_for, graphql

FEED = """
query($after: ID, $types: [String!], $limit: Int) {
  events(after: $after, types: $types, limit: $limit) {
    items { id type version occurredAt actor { kind label } data }
    endCursor
    hasMore
  }
}"""


def _page(client: Any, **variables: Any) -> dict[str, Any]:
    status, answer = key_post(client, FEED, variables)
    assert status == 200 and "errors" not in answer, answer
    page: dict[str, Any] = answer["data"]["events"]
    return page


def _error(client: Any, **variables: Any) -> str:
    answer = key_post(client, FEED, variables)[1]
    assert answer["data"] is None
    code: str = answer["errors"][0]["extensions"]["code"]
    return code


def _read_all(
    client: Any, after: str | None = None, **variables: Any
) -> tuple[list[dict[str, Any]], str | None]:
    """Every page from `after` on, as a partner catching up would read them."""
    items: list[dict[str, Any]] = []
    while True:
        page = _page(client, after=after, **variables)
        items += page["items"]
        after = page["endCursor"]
        if not page["hasMore"]:
            return items, after


def _visible_order(*names: str) -> list[str]:
    """Event ids of these types in the order the fan-out made them visible."""
    entries = FeedEntry.objects.filter(event_type__in=names).order_by("position")
    return [str(event_id) for event_id in entries.values_list("event_id", flat=True)]


# --- reading --------------------------------------------------------------------------------------


def test_a_partner_pages_through_the_feed_in_order_and_continues_after_its_cursor(selling):
    workspace = selling.room.workspace
    for status in ("draft", "draft", "pending_review", "approved"):
        selling.order([(selling.shirt, "1")], status=status)
    deliver_events()
    sales = _visible_order("sales_order.created", "sales_order.submitted", "sales_order.approved")
    assert len(sales) == 4 + 2 + 1
    client = key_client(workspace, issue_key(workspace, "sales:read").secret)

    # Pages of two, each continuing from the last one's endCursor
    first = _page(client, limit=2)
    assert [item["id"] for item in first["items"]] == sales[:2]
    assert first["endCursor"] == sales[1] and first["hasMore"] is True
    second = _page(client, after=first["endCursor"], limit=2)
    assert [item["id"] for item in second["items"]] == sales[2:4]
    items, end = _read_all(client, after=second["endCursor"], limit=2)
    assert [item["id"] for item in items] == sales[4:] and end == sales[-1]

    # At the end: an empty page that keeps the cursor
    assert _page(client, after=end) == {"items": [], "endCursor": end, "hasMore": False}

    # What an item carries: the log row as webhooks send it
    with tenant_context(workspace.tenant):
        record = LoggedEvent.objects.get(pk=first["items"][0]["id"])
    item = first["items"][0]
    assert (item["type"], item["version"], item["data"]) == (record.name, record.version, record.payload)
    assert item["actor"] == {"kind": "USER", "label": record.actor_label}

    # A type filter keeps the order and the cursor works across it
    submitted, _end = _read_all(client, types=["sales_order.submitted"])
    assert [item["id"] for item in submitted] == _visible_order("sales_order.submitted")
    after_first = _page(client, after=sales[0], types=["sales_order.created"])
    assert [item["id"] for item in after_first["items"]] == _visible_order("sales_order.created")[1:]


def test_a_key_reads_only_the_events_of_areas_it_may_read(selling):
    workspace = selling.room.workspace
    selling.order([(selling.shirt, "1")])
    deliver_events()
    sales = key_client(workspace, issue_key(workspace, "sales:read", name="sales").secret)
    stock = key_client(workspace, issue_key(workspace, "inventory:read", name="stock").secret)
    both = key_client(workspace, issue_key(workspace, "inventory:read", "sales:write", name="both").secret)
    catalog = key_client(workspace, issue_key(workspace, "catalog:read", name="catalog").secret)

    assert {item["type"] for item in _read_all(sales)[0]} == {"sales_order.created"}
    assert {item["type"] for item in _read_all(stock)[0]} == {"stock.increased"}
    assert {item["type"] for item in _read_all(both)[0]} == {"sales_order.created", "stock.increased"}
    assert _read_all(catalog)[0] == []

    # Asking for a type it may not read is refused, not answered with an empty page
    assert _error(sales, types=["stock.increased"]) == "event_unknown"
    assert _error(sales, types=["sales_order.created", "user.invited"]) == "event_unknown"
    assert _error(sales, types=["sales_order.exploded"]) == "event_unknown"


def test_bad_cursors_and_page_sizes_get_stable_codes(selling):
    workspace = selling.room.workspace
    deliver_events()
    client = key_client(workspace, issue_key(workspace, "inventory:read").secret)
    # A well-formed id that names no event of the feed
    for after in ("0", "99999999999", "999999999999999999"):
        assert _error(client, after=after) == "cursor_invalid", after
    # Something that is no id at all is refused by the API's input layer first
    for after in ("abc", "-1", " ", "1e3", "9" * 19):
        assert _error(client, after=after) == "id_invalid", after
    with tenant_context(workspace.tenant):
        internal = LoggedEvent.objects.exclude(pk__in=FeedEntry.objects.values("event_id")).values_list(
            "pk", flat=True
        )
        hidden = list(internal[:1])
    for after in [str(pk) for pk in hidden]:  # an event partners never see has no place
        assert _error(client, after=after) == "cursor_invalid"
    for limit in (0, -5, 101):
        assert _error(client, limit=limit) == "page_invalid", limit
    assert _error(client, types=["stock.increased"] * 101) == "too_many"
    assert len(_page(client, limit=100)["items"]) == 2
    assert len(_page(client, limit=1)["items"]) == 1


def test_people_need_tenant_manage_to_read_the_feed(selling):
    workspace = selling.room.workspace
    deliver_events()
    owner = graphql(client_for(workspace, workspace.users["owner"]), FEED)
    assert {item["type"] for item in owner["data"]["events"]["items"]} == {"stock.increased"}
    manager = graphql(client_for(workspace, workspace.users["manager"]), FEED)
    assert manager["data"] is None and manager["errors"][0]["extensions"]["code"] == "forbidden"


def test_a_partner_that_missed_an_hour_reads_exactly_what_followed_its_last_id(selling):
    workspace = selling.room.workspace
    client = key_client(workspace, issue_key(workspace, "sales:read", "inventory:read").secret)
    selling.order([(selling.shirt, "1")])
    deliver_events()
    seen, last = _read_all(client)
    assert last is not None and len(seen) == 3  # two stock receipts and the order

    # While the partner is away: orders, stock, and 120 events in all
    for _n in range(40):
        selling.order([(selling.shirt, "1")], status="pending_review")
        selling.room.receive(selling.phone, "1", "1000")
    deliver_events()

    # When it comes back with the last id it saw, it reads exactly what followed, in order
    missed, end = _read_all(client, after=last, limit=50)
    assert [item["id"] for item in missed] == _visible_order(
        "sales_order.created", "sales_order.submitted", "stock.increased"
    )[3:]
    assert len(missed) == 120 and end == missed[-1]["id"]
    assert len({item["id"] for item in missed}) == 120


def test_another_workspace_s_key_never_sees_alpha_s_events(selling, beta):
    workspace = selling.room.workspace
    selling.order([(selling.shirt, "1")])
    deliver_events()
    alpha_ids = _visible_order("sales_order.created", "stock.increased")
    theirs = key_client(beta, issue_key(beta, "sales:read", "inventory:read").secret)
    assert _read_all(theirs)[0] == []
    # An alpha id is no cursor in beta
    assert _error(theirs, after=alpha_ids[-1]) == "cursor_invalid"
    # And alpha's key is not a key in beta at all
    mine = issue_key(workspace, "sales:read")
    assert key_post(key_client(beta, mine.secret), FEED)[0] == 401


# --- late commits ---------------------------------------------------------------------------------


def test_an_event_whose_fan_out_runs_late_with_a_lower_id_is_still_read_next(selling):
    workspace = selling.room.workspace
    deliver_events()
    endpoint = endpoint_create(
        actor=workspace.users["owner"], url="http://127.0.0.1:9/", events=["sales_order.created"]
    )
    client = key_client(workspace, issue_key(workspace, "sales:read").secret)
    _seen, cursor = _read_all(client)

    # Given two orders: A's event takes the lower id, but B's fan-out runs first (A's
    # transaction committed later, or its fan-out job waited)
    selling.order([(selling.shirt, "1")])
    selling.order([(selling.shirt, "1")])
    with tenant_context(workspace.tenant):
        event_a, event_b = LoggedEvent.objects.filter(name="sales_order.created").order_by("id")
    job_a, job_b = [
        job
        for job in queued_fan_outs()
        if queued_job(job).task_kwargs["event_id"] in (event_a.pk, event_b.pk)
    ]
    assert [queued_job(job).task_kwargs["event_id"] for job in (job_a, job_b)] == [event_a.pk, event_b.pk]
    with TestCase.captureOnCommitCallbacks(execute=True):
        run_job(job_b)

    # When the partner reads, it sees B and moves its cursor past B's id
    page = _page(client, after=cursor)
    assert [item["id"] for item in page["items"]] == [str(event_b.pk)]
    cursor = page["endCursor"]
    assert cursor == str(event_b.pk)

    # And once A's fan-out runs, A is the next thing it reads (a reader paging by id would
    # have skipped it: its id is below the cursor)
    with TestCase.captureOnCommitCallbacks(execute=True):
        run_job(job_a)
    page = _page(client, after=cursor)
    assert [item["id"] for item in page["items"]] == [str(event_a.pk)]
    assert event_a.pk < event_b.pk
    assert _page(client, after=page["endCursor"])["items"] == []

    # Webhooks use the same ids: A's delivery carries A's id, whenever it is made
    with tenant_context(workspace.tenant):
        assert sorted(endpoint.deliveries.values_list("event_id", flat=True)) == [event_a.pk, event_b.pk]


@pytest.fixture
def committed(world: Any, django_db_blocker: Any) -> Iterator[tuple[Any, Any, EntryLine, int]]:
    """A committed workspace of its own: (tenant, owner, a stock line to receive, a warehouse id)."""
    with django_db_blocker.unblock():
        tenant, owner = scratch_workspace(django_db_blocker, "feed")
        with tenant_context(tenant):
            warehouse = Warehouse.objects.create(code="MAIN", name="总仓")
            line = EntryLine(sku_id=make_sku("FEED-1", "测试商品").pk, quantity="5", unit_cost="10")
        yield tenant, owner, line, warehouse.pk
        with connection.cursor() as cursor:
            # Their fan-outs ran here by hand; no later test should find them queued.
            cursor.execute(
                "DELETE FROM procrastinate_jobs WHERE args->>'tenant_schema' = %s", [tenant.schema_name]
            )
        connections.close_all()


def test_a_transaction_that_commits_after_a_later_one_is_not_skipped(committed, django_db_blocker):
    tenant, owner, line, warehouse_id = committed
    workspace = Workspace(tenant=tenant, users={"owner": owner})
    emitted, go = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def slow_customer() -> None:
        # A's transaction: its event takes an id now, and commits only when told
        try:
            with tenant_context(tenant), transaction.atomic():
                customer_create(actor=owner, name="迟到的客户")
                emitted.set()
                go.wait(60)
        except BaseException as exc:  # asserted on below
            failures.append(exc)
            emitted.set()
        finally:
            connections.close_all()

    with django_db_blocker.unblock():
        client = key_client(workspace, issue_key(workspace, "customers:read", "inventory:read").secret)
        with tenant_context(tenant):
            for event_id in LoggedEvent.objects.values_list("pk", flat=True):
                deliver(event_id)
        _seen, cursor = _read_all(client)

        slow = threading.Thread(target=slow_customer)
        slow.start()
        assert emitted.wait(60) and not failures
        try:
            # B commits while A is still open; B's fan-out runs
            with tenant_context(tenant):
                stock_entry_create(
                    actor=owner, warehouse_id=warehouse_id, direction="in", reason="opening", lines=[line]
                )
                event_b = LoggedEvent.objects.get(name="stock.increased")
                deliver(event_b.pk)
            page = _page(client, after=cursor)
            assert [item["id"] for item in page["items"]] == [str(event_b.pk)]
            cursor = page["endCursor"]
        finally:
            go.set()
            slow.join(60)
        assert not failures

        # When A commits and its fan-out runs, the partner reading after B gets A
        with tenant_context(tenant):
            event_a = LoggedEvent.objects.get(name="customer.created")
            deliver(event_a.pk)
        assert event_a.pk < event_b.pk
        page = _page(client, after=cursor)
        assert [item["id"] for item in page["items"]] == [str(event_a.pk)]
