"""Every service and selector takes a typed actor: a job or a partner key runs what its scopes
allow and is recorded as what it is; nothing runs without an actor; no `actor: Any` comes back."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from saas.accounts import scopes
from saas.accounts.actors import MissingActor, System, actor_stamp
from saas.accounts.services import profile_update
from saas.api.who import actor_name
from saas.core.errors import Forbidden
from saas.core.idempotency import run_once
from saas.core.models import DocumentEvent, IdempotencyKey
from saas.core.transitions import events_of
from saas.inventory.models import StockEntry, StockMovement
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.sales import services
from saas.sales.selectors.orders import order_list
from saas.sales.selectors.visibility import order_money_filter
from saas.sales.services.workflow import orders_reserve_retry_for
from saas.sales.stock_hooks import RESERVATION_RETRY
from tests.fixtures.events import deliver_events

ROOT = Path(__file__).resolve().parent.parent
# The checks that turn "anything" into an actor take `object` on purpose: they are the gate.
GATES = {"saas/accounts/actors.py", "saas/accounts/access.py", "saas/accounts/visibility.py"}
# saas/core sits below accounts, so it names the little it needs of an actor as its own protocol.
KERNEL_PROTOCOLS = {"HasScopes"}


@dataclass
class FakeKey:
    """A partner key as the partner API will define it (see saas.accounts.actors.ApiClient)."""

    pk: int = 7
    is_active: bool = True
    display_name: str = "ERP 对接"
    scopes: frozenset[str] = field(default_factory=frozenset)

    def has_scope(self, scope: str) -> bool:
        return self.is_active and scope in self.scopes


def _actor_parameters() -> list[tuple[str, int, str, bool]]:
    """(file, line, annotation, has a default) for every parameter named `actor` in saas/."""
    found = []
    for path in sorted((ROOT / "saas").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        relative = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            arguments = node.args
            positional = arguments.posonlyargs + arguments.args
            defaults = dict(zip([a.arg for a in positional[::-1]], arguments.defaults[::-1], strict=False))
            defaults.update(
                {a.arg: d for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True) if d}
            )
            for argument in positional + arguments.kwonlyargs:
                if argument.arg == "actor":
                    annotation = ast.unparse(argument.annotation) if argument.annotation else ""
                    found.append((relative, node.lineno, annotation, "actor" in defaults))
    return found


def test_every_service_and_selector_takes_a_typed_actor() -> None:
    parameters = _actor_parameters()
    assert len(parameters) > 200  # the scan sees the services and selectors
    wrong = [
        (path, line, annotation)
        for path, line, annotation, _default in parameters
        if annotation != "Actor"
        and not (path in GATES and annotation == "object")
        and not (path.startswith("saas/core/") and annotation in KERNEL_PROTOCOLS)
    ]
    assert wrong == [], "take `actor: Actor` (saas.accounts.actors), not Any, None or User"
    assert [(path, line) for path, line, _a, default in parameters if default] == []


def test_stock_arriving_is_reserved_by_the_retry_job_and_recorded_as_such(
    selling,
):
    selling.order([(selling.phone, "8")], status="approved")
    waiting = selling.order([(selling.phone, "5")], status="approved")
    assert waiting.status == "pending_purchase"
    selling.room.receive(selling.phone, "4", "1000")
    deliver_events()  # stock.increased → the reservation_retry consumer, in the fan-out job
    waiting.refresh_from_db()
    assert waiting.status == "pending_shipment"
    moved = events_of("sales_order", waiting.pk).last()
    assert (moved.actor_id, moved.actor_kind, moved.actor_label) == (
        None,
        "system",
        "system: reservation retry",
    )
    reserve = StockMovement.objects.filter(source_type="sales_order", source_id=waiting.pk).last()
    assert (reserve.kind, reserve.actor_id, reserve.actor_kind) == ("reserve", None, "system")
    # A person's move is recorded as a person's, with their name at the time.
    approved = DocumentEvent.objects.get(doc_type="sales_order", doc_id=waiting.pk, to_status="approved")
    assert (approved.actor_id, approved.actor_kind) == (selling.manager.pk, "user")
    assert approved.actor_label == selling.manager.full_name
    with translation.override("en"):
        assert actor_name(None, moved.actor_label, moved.actor_kind) == "System: reservation retry"
    with translation.override("zh-hans"):
        assert actor_name(None, moved.actor_label, moved.actor_kind) == "系统：到货自动预留"


def test_a_job_runs_only_what_its_scopes_allow(selling):
    selling.order([(selling.phone, "5")], status="approved")
    with pytest.raises(Forbidden):
        orders_reserve_retry_for(
            actor=System(reason="nightly"), keys=[(selling.phone.pk, selling.room.main.pk)]
        )
    assert RESERVATION_RETRY.scopes == frozenset({scopes.ORDERS_REVIEW})
    stocker = System(reason="opening stock import", scopes=frozenset({scopes.INVENTORY_MANAGE}))
    entry = stock_entry_create(
        actor=stocker,
        warehouse_id=selling.room.main.pk,
        direction="in",
        reason="opening",
        lines=[EntryLine(sku_id=selling.shirt.pk, quantity="3", unit_cost="20")],
    )
    assert StockEntry.objects.get(pk=entry.pk).created_by is None
    movement = StockMovement.objects.get(source_type="stock_entry", source_id=entry.pk)
    assert (movement.actor_kind, movement.actor_label) == ("system", "system: opening stock import")


def test_a_key_sees_orders_only_through_the_all_rows_scope(selling):
    mine = selling.order([(selling.shirt, "1")])
    other = selling.order([(selling.shirt, "2")], actor=selling.manager)
    assert set(order_list(actor=selling.rep)) == {mine}  # a rep sees their own
    own_only = FakeKey(scopes=frozenset({scopes.ORDERS_VIEW_OWN}))
    assert list(order_list(actor=own_only)) == []  # a key owns nothing
    with pytest.raises(Forbidden):  # and so sees no order's money
        order_money_filter(FakeKey(scopes=frozenset({scopes.ORDERS_EDIT})))
    assert not order_list(actor=selling.rep).filter(order_money_filter(own_only)).exists()
    every = FakeKey(scopes=frozenset({scopes.ORDERS_VIEW_ALL}))
    assert set(order_list(actor=every)) == {mine, other}


@pytest.mark.parametrize("nobody", [None, AnonymousUser()])
def test_no_actor_is_refused_by_services_and_selectors(selling, nobody):
    order = selling.order([(selling.shirt, "1")])
    with pytest.raises(MissingActor):
        order_list(actor=nobody)
    with pytest.raises(MissingActor):
        services.order_submit(actor=nobody, order=order)
    order.refresh_from_db()
    assert order.status == "draft"


def test_people_only_work_refuses_keys_and_jobs(selling):
    for actor in (FakeKey(scopes=frozenset({scopes.USERS_MANAGE})), System(reason="x")):
        with pytest.raises(Forbidden):
            profile_update(actor=actor, full_name="机器人")


def test_a_job_or_a_key_replays_its_own_idempotent_write_only(selling):
    calls: list[int] = []

    def write() -> dict[str, int]:
        calls.append(1)
        return {"n": len(calls)}

    job, other_job, key = System(reason="import"), System(reason="export"), FakeKey()
    first = run_once(by=actor_stamp(job), key="batch-0001", operation="op", write=write)
    again = run_once(by=actor_stamp(job), key="batch-0001", operation="op", write=write)
    assert (first, again) == (({"n": 1}, False), ({"n": 1}, True))
    assert run_once(by=actor_stamp(other_job), key="batch-0001", operation="op", write=write)[1] is False
    assert run_once(by=actor_stamp(key), key="batch-0001", operation="op", write=write)[1] is False
    rows = IdempotencyKey.objects.filter(key="batch-0001").order_by("id")
    assert [(r.actor_id, r.actor_kind, r.actor_ref) for r in rows] == [
        (None, "system", "system:import"),
        (None, "system", "system:export"),
        (None, "api_client", "api_client:7"),
    ]
