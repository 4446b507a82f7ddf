#!/usr/bin/env python3
"""A partner's client for Sparrow: import products, push orders, receive webhooks, catch up.

This is example code for partners (an ERP, a shop, a carrier), not part of Sparrow: it talks to
Sparrow only over HTTPS, with the `gql` GraphQL client and the `standardwebhooks` library, as
graphql/README.md (the partner guide) describes. Copy it and change what you need.

    pip install "gql[requests]" standardwebhooks
    export SPARROW_API_KEY=spk_...
    URL=https://acme.example.com/graphql/          # your workspace; locally http://acme.localhost:8000/graphql/

    python partner_client.py --url $URL import-products products.csv
    python partner_client.py --url $URL push-order --customer CU-2026-000001 --warehouse HZ01 \
        --line TEA-LJ-1=2 --line TEA-BLC-1=1@150.00 --idempotency-key shop-order-10001
    python partner_client.py --url $URL webhook-create https://erp.example.com/sparrow/webhooks \
        --event sales_order.created
    python partner_client.py listen --port 8787 --secret whsec_...
    python partner_client.py --url $URL catch-up --after 1042

Every command prints one JSON object per line on stdout (easy to read, and to pipe into jq);
notes and errors go to stderr. The exit status is 0 on success, 1 when Sparrow refused something.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from gql import Client, GraphQLRequest
from gql.client import SyncClientSession
from gql.transport.exceptions import (
    TransportConnectionFailed,
    TransportError,
    TransportQueryError,
    TransportServerError,
)
from gql.transport.requests import RequestsHTTPTransport

# The documents live beside this script (python puts its folder on the path).
from partner_documents import (  # noqa: E402
    EVENTS,
    FIND_CUSTOMER_BY_CODE,
    FIND_PRODUCT_BY_CODE,
    FIND_SKU_BY_CODE,
    PRODUCT_CREATE,
    SALES_ORDER_CREATE,
    SALES_ORDER_SUBMIT,
    WAREHOUSES,
    WEBHOOK_ENDPOINT_CREATE,
    WEBHOOK_ENDPOINT_REPLAY,
)
from standardwebhooks import Webhook, WebhookVerificationError

# --- output -----------------------------------------------------------------------------------


def out(record: dict[str, Any]) -> None:
    """One result as a JSON line on stdout."""
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def note(text: str) -> None:
    """A note for the person running the script, on stderr."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


# --- calling Sparrow ----------------------------------------------------------------------------


class Refused(Exception):
    """Sparrow refused the request: `code` is stable (program against it), `message` is for people."""

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.details = details or {}


def connect(url: str, key: str, *, language: str | None = None, timeout: int = 30) -> Client:
    """A gql client that sends the key as a bearer token: no cookies, no CSRF token needed."""
    headers = {"Authorization": f"Bearer {key}"}
    parts = urlsplit(url)
    if parts.hostname and parts.hostname.endswith(".localhost"):
        # Your local Sparrow (`sparrow up`) serves workspaces at http://<workspace>.localhost:8000.
        # Browsers send *.localhost to this machine (RFC 6761); Python's resolver often does not,
        # so connect to 127.0.0.1 and name the workspace in the Host header, as a browser would.
        headers["Host"] = parts.netloc
        parts = parts._replace(netloc="127.0.0.1" + (f":{parts.port}" if parts.port else ""))
    if language:  # error messages in English (`en`) instead of Simplified Chinese
        parts = parts._replace(query=urlencode({"lang": language}))
    transport = RequestsHTTPTransport(url=urlunsplit(parts), headers=headers, timeout=timeout, retries=0)
    return Client(transport=transport, fetch_schema_from_transport=False)


class Sparrow:
    """Runs operations: waits out rate limits, retries network failures, raises `Refused`."""

    ATTEMPTS = 5

    def __init__(self, session: SyncClientSession, *, show_cost: bool = False) -> None:
        self.session = session
        self.show_cost = show_cost

    def run(
        self, document: GraphQLRequest, variables: dict[str, Any] | None = None, *, retry: bool = True
    ) -> Any:
        """The operation's `data`. `retry=False` for writes without an idempotency key: after a
        network failure you cannot know whether the write happened, so do not send it twice."""
        for attempt in range(1, self.ATTEMPTS + 1):
            try:
                result = self.session.execute(
                    GraphQLRequest(document, variable_values=variables), get_execution_result=True
                )
            except TransportQueryError as exc:
                error = (exc.errors or [{}])[0]
                extensions = error.get("extensions") or {}
                code = str(extensions.get("code", "error"))
                if code == "rate_limited" and attempt < self.ATTEMPTS:
                    # HTTP 429: nothing ran. Wait as long as Retry-After (and retryAfter) say.
                    wait = int(extensions.get("retryAfter") or 1)
                    note(f"rate limited: waiting {wait} s")
                    time.sleep(wait)
                    continue
                raise Refused(code, str(error.get("message", exc)), extensions) from None
            except (TransportConnectionFailed, TransportServerError) as exc:
                # The network or a proxy failed (no GraphQL answer came): a query is safe to send
                # again, and so is a write with an idempotency key (Sparrow returns the first result
                # instead of making a second one). A 4xx without a GraphQL answer (a wrong URL) is not.
                server_status = exc.code if isinstance(exc, TransportServerError) else None
                if not retry or attempt == self.ATTEMPTS or (server_status or 500) < 500:
                    raise
                wait = 2**attempt
                note(f"{exc}; trying again in {wait} s")
                time.sleep(wait)
                continue
            cost = (result.extensions or {}).get("cost")
            if self.show_cost and cost:
                left = cost["throttleStatus"]["currentlyAvailable"]
                note(f"cost {cost['requestedQueryCost']} points, {left} of {cost['maximumAvailable']} left")
            return result.data
        raise AssertionError("unreachable")

    def mutate(self, document: GraphQLRequest, variables: dict[str, Any], field: str) -> dict[str, Any]:
        """A mutation's payload; its `errors { field code message }` become `Refused`. The writes
        of this script may be retried: they carry an idempotency key, or (a submit) a repeat is
        refused with transition_invalid instead of moving the order twice."""
        payload: dict[str, Any] = self.run(document, variables)[field]
        if payload["errors"]:
            first = payload["errors"][0]
            raise Refused(
                first["code"], first["message"], {"field": first["field"], "errors": payload["errors"]}
            )
        return payload


# An idempotency key is 8-80 of A-Z a-z 0-9 - _ . : and names one intended write.
KEY_PATTERN = re.compile(r"[A-Za-z0-9_.:-]{8,80}")


def idempotency_key(kind: str, natural_id: str) -> str:
    """A key derived from your own id of the thing, so running the same import twice (after a
    crash, say) sends the same keys and Sparrow answers with what it made the first time."""
    key = f"{kind}:{natural_id}"
    return (
        key
        if KEY_PATTERN.fullmatch(key)
        else f"{kind}:" + hashlib.sha256(natural_id.encode()).hexdigest()[:40]
    )


# --- import-products ------------------------------------------------------------------------------


def parse_specs(text: str) -> list[dict[str, Any]]:
    """`规格=250g|500g;包装=礼盒|简装` → specifications; every combination becomes a SKU."""
    specs = []
    for part in filter(None, (piece.strip() for piece in text.split(";"))):
        name, _sep, values = part.partition("=")
        specs.append({"name": name.strip(), "values": [v.strip() for v in values.split("|") if v.strip()]})
    return specs


def skus_of(product: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"id": sku["id"], "code": sku["code"], "spec": sku["specLabel"], "listPrice": sku["listPrice"]}
        for sku in product["skus"]
    ]


def import_products(api: Sparrow, args: argparse.Namespace) -> int:
    """One productCreate per CSV row (columns: code, name, brand, unit, list_price, specs)."""
    failed = 0
    # utf-8-sig: a CSV saved by Excel starts with a byte-order mark.
    with Path(args.file).open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        code = (row.get("code") or "").strip()
        product_input = {
            "code": code,
            "name": (row.get("name") or "").strip(),
            "brand": (row.get("brand") or "").strip(),
            "baseUnit": (row.get("unit") or "").strip() or "件",
            # Decimals travel as strings ("88.00"), never as floats.
            "listPrice": (row.get("list_price") or "").strip() or None,
            "specs": parse_specs(row.get("specs") or ""),
            "idempotencyKey": idempotency_key("product", code),
        }
        try:
            payload = api.mutate(PRODUCT_CREATE, {"input": product_input}, "productCreate")
        except Refused as refused:
            if refused.code == "code_taken":
                # Made before, but not with this key (by hand, or another tool): find it instead.
                found = find_product(api, code)
                if found is not None:
                    out({"code": code, "id": found["id"], "existing": True, "skus": skus_of(found)})
                    continue
            failed += 1
            out({"code": code, "errors": refused.details.get("errors") or [{"code": refused.code}]})
            continue
        product = payload["product"]
        # replayed: this key was used before; `product` is what the first call made, as it is now.
        out({"code": code, "id": product["id"], "replayed": payload["replayed"], "skus": skus_of(product)})
    note(f"{len(rows) - failed} of {len(rows)} products in Sparrow")
    return 1 if failed else 0


def find_product(api: Sparrow, code: str) -> dict[str, Any] | None:
    # `search` also matches names and SKU codes: compare the code exactly.
    items = api.run(FIND_PRODUCT_BY_CODE, {"code": code})["products"]["items"]
    return next((item for item in items if item["code"] == code), None)


# --- push-order -----------------------------------------------------------------------------------


def parse_line(text: str) -> tuple[str, str, str | None]:
    """`SKU_CODE=QUANTITY[@UNIT_PRICE]` → (code, quantity, price or None: the SKU's list price)."""
    code, sep, rest = text.rpartition("=")
    if not sep or not code:
        raise argparse.ArgumentTypeError(f"expected SKU_CODE=QUANTITY[@PRICE], got {text!r}")
    quantity, _at, price = rest.partition("@")
    return code.strip(), quantity.strip(), price.strip() or None


def exact(items: list[dict[str, Any]], code: str, what: str) -> dict[str, Any]:
    found = next((item for item in items if item["code"] == code), None)
    if found is None:
        raise Refused("not_found", f"No {what} has the code {code}.")
    return found


def push_order(api: Sparrow, args: argparse.Namespace) -> int:
    """Look up the ids an order needs by code, then salesOrderCreate with an idempotency key."""
    rep_id = args.rep_id
    customer_id = args.customer_id
    if customer_id is None:  # needs customers:read
        items = api.run(FIND_CUSTOMER_BY_CODE, {"code": args.customer})["customers"]["items"]
        customer = exact(items, args.customer, "customer")
        customer_id = customer["id"]
        # A key is nobody's sales rep: an order names one. The customer's own rep is the usual one.
        if rep_id is None and customer["owner"] is not None:
            rep_id = customer["owner"]["id"]
    if rep_id is None:
        raise Refused("required", "Name the order's sales rep with --rep-id (the customer has none).")
    warehouse_id = args.warehouse_id
    if warehouse_id is None:  # needs inventory:read
        warehouse_id = exact(api.run(WAREHOUSES)["warehouses"], args.warehouse, "warehouse")["id"]
    lines = []
    for code, quantity, price in args.line:  # SKU codes → ids: needs catalog:read
        sku = exact(api.run(FIND_SKU_BY_CODE, {"code": code})["skus"]["items"], code, "SKU")
        lines.append({"skuId": sku["id"], "quantity": quantity, "unitPrice": price})
    order_input = {
        "customerId": customer_id,
        "warehouseId": warehouse_id,
        "repId": rep_id,
        "lines": lines,
        "remarks": args.remarks,
        # Your own order number makes a good key: sending the order again (a timeout, a crash, a
        # second run) returns this same order instead of making another one.
        "idempotencyKey": args.idempotency_key,
    }
    order = api.mutate(SALES_ORDER_CREATE, {"input": order_input}, "salesOrderCreate")["salesOrder"]
    if args.submit and order["status"] == "DRAFT":
        # Submitting is no idempotent write: check the status first (a retry finds it submitted).
        order = api.mutate(SALES_ORDER_SUBMIT, {"id": order["id"]}, "salesOrderSubmit")["salesOrder"]
    out(
        {
            "order": order["id"],
            "number": order["number"],
            "status": order["status"],
            "idempotencyKey": args.idempotency_key,
        }
    )
    return 0


# --- webhooks: create an endpoint, replay, and a receiver -------------------------------------


def webhook_create(api: Sparrow, args: argparse.Namespace) -> int:
    """Needs webhooks:write, and read access to each event's area (sales:read for sales_order.*)."""
    endpoint_input = {
        "url": args.target,
        "events": args.event,
        "description": args.description,
        # The same command run again (or retried after a timeout) gets the first endpoint back,
        # secret included, instead of a second endpoint that would deliver everything twice.
        "idempotencyKey": idempotency_key("webhook", " ".join([args.target, *sorted(args.event)])),
    }
    payload = api.mutate(WEBHOOK_ENDPOINT_CREATE, {"input": endpoint_input}, "webhookEndpointCreate")
    endpoint = payload["webhookEndpoint"]
    out(
        {
            "endpoint": endpoint["id"],
            "url": endpoint["url"],
            "events": endpoint["events"],
            "secret": payload["secret"],
        }
    )
    note("Keep the secret with your receiver (listen --secret <secret>): Sparrow lists endpoints without it.")
    return 0


def webhook_replay(api: Sparrow, args: argparse.Namespace) -> int:
    """Send the endpoint every subscribed event of the last hours again (same webhook-ids)."""
    until = datetime.now(timezone.utc)  # noqa: UP017 (timezone.utc: this script runs on Python 3.9+)
    since = until - timedelta(hours=args.hours)
    variables = {"id": args.endpoint, "since": since.isoformat(), "until": until.isoformat()}
    payload = api.mutate(WEBHOOK_ENDPOINT_REPLAY, variables, "webhookEndpointReplay")
    out({"endpoint": args.endpoint, "queued": payload["queued"]})
    return 0


MAX_BODY = 1024 * 1024


def listen(args: argparse.Namespace) -> int:
    """A webhook receiver: verifies each delivery's signature, drops repeats, prints events."""
    verifier = Webhook(args.secret)
    # Sparrow delivers at least once: a retry or a replay sends the same webhook-id again. A real
    # receiver keeps handled ids in its database (a unique column) in the transaction that acts.
    handled: set[str] = set()
    lock = threading.Lock()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self.answer(413)
                return
            # Verify the raw bytes exactly as received: parsing and re-serialising breaks signatures.
            body = self.rfile.read(length)
            try:
                event = verifier.verify(body, dict(self.headers.items()))
            except WebhookVerificationError as exc:
                note(f"refused a delivery: {exc}")
                self.answer(400)  # Sparrow records the failure and retries later
                return
            webhook_id = self.headers["webhook-id"]
            with lock:
                repeat = webhook_id in handled
                handled.add(webhook_id)
            if repeat:
                note(f"webhook-id {webhook_id} again: handled already, ignored")
            else:
                # Act quickly, or queue the work: Sparrow waits at most 10 seconds for an answer.
                out({"webhookId": webhook_id, **event})
            self.answer(204)  # any 2xx means delivered; anything else is retried

        def answer(self, status: int) -> None:
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's signature)
            pass  # quiet: events go to stdout, notes to stderr

    server = ThreadingHTTPServer((args.bind, args.port), Receiver)
    note(f"listening on http://{args.bind}:{args.port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


# --- catch-up: the event feed -------------------------------------------------------------------


def catch_up(api: Sparrow, args: argparse.Namespace) -> int:
    """Every event after `--after` (the last webhook-id you handled), page by page.

    The feed lists events in the order they became visible, which can differ from id order:
    always continue from `endCursor`, never from the highest id you saw."""
    cursor_file = Path(args.cursor_file) if args.cursor_file else None
    after = args.after
    if after is None and cursor_file is not None and cursor_file.exists():
        after = cursor_file.read_text().strip() or None
    count = 0
    while True:
        variables = {"after": after, "types": args.type or None, "limit": args.limit}
        page = api.run(EVENTS, variables)["events"]
        for event in page["items"]:
            # The same fields a webhook carries, so one handler (and one dedupe by id) serves both.
            out(
                {
                    "webhookId": event["id"],
                    "type": event["type"],
                    "version": event["version"],
                    "timestamp": event["occurredAt"],
                    "actor": event["actor"],
                    "data": event["data"],
                }
            )
            count += 1
        after = page["endCursor"] or after
        if cursor_file is not None and after is not None:
            cursor_file.write_text(after)  # after each page: a crash resumes where it stopped
        if not page["hasMore"]:
            break
    note(f"{count} events; caught up. Next time: --after {after}" if after else "no events yet")
    return 0


# --- the command line -------------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(description="A partner's client for Sparrow's GraphQL API and webhooks.")
    main.add_argument("--url", help="your workspace's API, e.g. https://acme.example.com/graphql/")
    main.add_argument("--key", help="the API key (spk_…); default: $SPARROW_API_KEY")
    main.add_argument(
        "--lang", choices=["zh-hans", "en"], help="language of error messages (default zh-hans)"
    )
    main.add_argument("--show-cost", action="store_true", help="print each call's cost and what is left")
    commands = main.add_subparsers(dest="command", required=True)

    products = commands.add_parser("import-products", help="create the products of a CSV file")
    products.add_argument("file", help="CSV with columns code,name,brand,unit,list_price,specs")

    order = commands.add_parser("push-order", help="create a sales order (once per idempotency key)")
    customer = order.add_mutually_exclusive_group(required=True)
    customer.add_argument("--customer", help="the customer's code (needs customers:read)")
    customer.add_argument("--customer-id", help="the customer's id")
    warehouse = order.add_mutually_exclusive_group(required=True)
    warehouse.add_argument("--warehouse", help="the warehouse's code (needs inventory:read)")
    warehouse.add_argument("--warehouse-id", help="the warehouse's id")
    order.add_argument("--rep-id", help="the sales rep's id; default: the customer's rep")
    order.add_argument(
        "--line",
        type=parse_line,
        action="append",
        required=True,
        help="SKU_CODE=QUANTITY[@UNIT_PRICE], repeatable",
    )
    order.add_argument(
        "--idempotency-key", required=True, help="8-80 of A-Z a-z 0-9 - _ . : (your order number)"
    )
    order.add_argument("--remarks", default="", help="free text on the order")
    order.add_argument("--submit", action="store_true", help="submit the draft for review")

    create = commands.add_parser("webhook-create", help="add a webhook endpoint; prints its secret once")
    create.add_argument("target", help="the https:// address Sparrow POSTs to")
    create.add_argument("--event", action="append", required=True, help="an event name, repeatable")
    create.add_argument("--description", default="", help="what it is for")

    replay = commands.add_parser("webhook-replay", help="send an endpoint the last hours' events again")
    replay.add_argument("endpoint", help="the endpoint's id")
    replay.add_argument("--hours", type=float, default=1.0, help="how far back (default 1)")

    receiver = commands.add_parser("listen", help="receive webhooks: verify, drop repeats, print")
    receiver.add_argument("--port", type=int, default=8787)
    receiver.add_argument("--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    receiver.add_argument("--secret", required=True, help="the endpoint's signing secret (whsec_…)")

    feed = commands.add_parser("catch-up", help="print the events after an event id, from the feed")
    feed.add_argument("--after", help="the last event id (webhook-id) you handled; default: the beginning")
    feed.add_argument("--type", action="append", help="only this event type, repeatable")
    feed.add_argument("--limit", type=int, default=100, help="events per page, 1-100")
    feed.add_argument("--cursor-file", help="read the cursor from this file, and keep it there")
    return main


COMMANDS = {
    "import-products": import_products,
    "push-order": push_order,
    "webhook-create": webhook_create,
    "webhook-replay": webhook_replay,
    "catch-up": catch_up,
}


def main(argv: list[str] | None = None) -> int:
    arguments = parser()
    args = arguments.parse_args(argv)
    if args.command == "listen":
        return listen(args)
    key = args.key or os.environ.get("SPARROW_API_KEY")
    if not args.url or not key:
        arguments.error("give --url and --key (or set SPARROW_API_KEY)")
    with connect(args.url, key, language=args.lang) as session:
        try:
            return COMMANDS[args.command](Sparrow(session, show_cost=args.show_cost), args)
        except Refused as refused:
            scope = refused.details.get("missingScope")
            hint = f" (missing scope: {scope})" if scope and scope not in refused.message else ""
            note(f"refused: {refused.code}: {refused.message}{hint}")
            return 1
        except TransportError as exc:  # no GraphQL answer at all: a wrong URL, a proxy, the network
            note(f"no answer from {args.url}: {exc}")
            return 1


if __name__ == "__main__":
    sys.exit(main())
