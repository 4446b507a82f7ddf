"""The fake Stripe's objects and how they change: what the HTTP layer reads and writes, and what
tests move (pay an invoice, fail a payment, cancel a subscription) before building the event.

Objects are Stripe-shaped JSON as of API version endive (period ends on subscription items, an
invoice's subscription under `parent.subscription_details`); only the fields Sparrow reads and a
few around them are kept."""

from __future__ import annotations

import copy
import itertools
import secrets
import threading
import time
from typing import Any

JSON = dict[str, Any]
MONTH = 30 * 86400
YEAR = 365 * 86400


class StripeError(Exception):
    """An error the server answers as Stripe does: status and {"error": {...}}."""

    def __init__(self, status: int, kind: str, message: str, *, code: str = "", param: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.body: JSON = {"error": {"type": kind, "message": message}}
        if code:
            self.body["error"]["code"] = code
        if param:
            self.body["error"]["param"] = param


def missing(kind: str, object_id: str) -> StripeError:
    return StripeError(
        404, "invalid_request_error", f"No such {kind}: '{object_id}'", code="resource_missing", param="id"
    )


def required(param: str) -> StripeError:
    return StripeError(
        400,
        "invalid_request_error",
        f"Missing required param: {param}.",
        code="parameter_missing",
        param=param,
    )


def invalid(param: str, message: str) -> StripeError:
    return StripeError(400, "invalid_request_error", message, code="parameter_invalid", param=param)


class StripeState:
    """Everything the fake account holds; one lock, since the server answers on threads."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.objects: dict[str, JSON] = {}
            self.requests: list[tuple[str, str, JSON]] = []
            self.idempotent: dict[str, JSON] = {}
            self._ids = itertools.count(1)
            self.clock = int(time.time())

    # --- helpers ----------------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{next(self._ids):06d}{secrets.token_hex(4)}"

    def get(self, kind: str, prefix: str, object_id: str) -> JSON:
        found = self.objects.get(object_id)
        if found is None or not object_id.startswith(prefix + "_"):
            raise missing(kind, object_id)
        return found

    def _list(self, url: str, rows: list[JSON], limit: Any) -> JSON:
        count = int(limit) if str(limit or "").isdigit() else 10
        rows = sorted(rows, key=lambda row: row["created"], reverse=True)
        return {"object": "list", "url": url, "has_more": len(rows) > count, "data": rows[:count]}

    def customer_of(self, params: JSON) -> str:
        customer = params.get("customer")
        if not customer:
            raise required("customer")
        self.get("customer", "cus", customer)
        return str(customer)

    # --- prices (seeded by tests: Sparrow never creates them) --------------------------------
    def add_price(self, price_id: str, *, unit_amount: int, interval: str, currency: str = "cny") -> JSON:
        with self.lock:
            price = {
                "id": price_id,
                "object": "price",
                "active": True,
                "currency": currency,
                "unit_amount": unit_amount,
                "type": "recurring",
                "recurring": {"interval": interval, "interval_count": 1},
                "created": self.clock,
            }
            self.objects[price_id] = price
            return price

    # --- customers ---------------------------------------------------------------------------
    def customer_create(self, params: JSON) -> JSON:
        customer = {
            "id": self.new_id("cus"),
            "object": "customer",
            "created": self.clock,
            "email": params.get("email"),
            "name": params.get("name"),
            "metadata": dict(params.get("metadata") or {}),
            "livemode": False,
        }
        self.objects[customer["id"]] = customer
        return customer

    # --- checkout ----------------------------------------------------------------------------
    def checkout_create(self, params: JSON) -> JSON:
        mode = params.get("mode")
        if mode not in {"subscription", "payment"}:
            raise invalid("mode", "Invalid mode: must be one of payment, setup, or subscription")
        customer = self.customer_of(params)
        if not params.get("success_url"):
            raise required("success_url")
        items = params.get("line_items") or []
        if not items:
            raise required("line_items")
        methods = params.get("payment_method_types") or ["card"]
        for method in methods:
            if method not in {"card", "alipay", "wechat_pay"}:
                raise invalid("payment_method_types", f"Invalid payment_method_types: {method}")
        amount = 0
        for index, item in enumerate(items):
            if mode == "subscription":
                price = self.get("price", "price", str(item.get("price") or ""))
                amount += int(price["unit_amount"]) * int(item.get("quantity") or 1)
            else:
                data = item.get("price_data") or {}
                if not str(data.get("unit_amount") or "").isdigit():
                    raise required(f"line_items[{index}][price_data][unit_amount]")
                amount += int(data["unit_amount"]) * int(item.get("quantity") or 1)
        if "wechat_pay" in methods and not (params.get("payment_method_options") or {}).get(
            "wechat_pay", {}
        ).get("client"):
            raise required("payment_method_options[wechat_pay][client]")
        if mode == "subscription" and "wechat_pay" in methods:
            raise invalid("payment_method_types", "wechat_pay does not support subscription mode.")
        session_id = self.new_id("cs_test")
        session = {
            "id": session_id,
            "object": "checkout.session",
            "created": self.clock,
            "mode": mode,
            "status": "open",
            "payment_status": "unpaid",
            "customer": customer,
            "client_reference_id": params.get("client_reference_id"),
            "subscription": None,
            "payment_intent": None,
            "invoice": None,
            "amount_total": amount,
            "currency": (items[0].get("price_data") or {}).get("currency", "cny"),
            "metadata": dict(params.get("metadata") or {}),
            "payment_method_types": methods,
            "success_url": params["success_url"],
            "cancel_url": params.get("cancel_url"),
            "url": f"{self.base_url}/pay/{session_id}",
            "livemode": False,
            "_line_items": items,
            "_subscription_data": params.get("subscription_data") or {},
        }
        self.objects[session_id] = session
        return session

    def complete_checkout(self, session_id: str) -> JSON:
        """The customer paid on Checkout: a subscription (active, its first invoice paid) or a paid
        one-time payment."""
        with self.lock:
            session = self.get("checkout session", "cs", session_id)
            session.update(status="complete", payment_status="paid")
            if session["mode"] == "subscription":
                price_id = session["_line_items"][0]["price"]
                subscription = self._subscription_new(
                    session["customer"],
                    price_id,
                    "charge_automatically",
                    None,
                    dict(session["_subscription_data"].get("metadata") or {}),
                )
                invoice = self._invoice_new(subscription, status="open")
                self._invoice_paid(invoice)
                session["subscription"] = subscription["id"]
                session["invoice"] = invoice["id"]
            else:
                session["payment_intent"] = self.new_id("pi")
            return copy.deepcopy(session)

    # --- subscriptions -----------------------------------------------------------------------
    def _subscription_new(
        self, customer: str, price_id: str, method: str, days: int | None, metadata: JSON
    ) -> JSON:
        price = self.get("price", "price", price_id)
        period = YEAR if price["recurring"]["interval"] == "year" else MONTH
        subscription_id = self.new_id("sub")
        subscription = {
            "id": subscription_id,
            "object": "subscription",
            "created": self.clock,
            "customer": customer,
            "status": "active",
            "collection_method": method,
            "days_until_due": days,
            "cancel_at_period_end": False,
            "canceled_at": None,
            "ended_at": None,
            "pause_collection": None,
            "trial_end": None,
            "latest_invoice": None,
            "metadata": metadata,
            "items": {
                "object": "list",
                "has_more": False,
                "data": [
                    {
                        "id": self.new_id("si"),
                        "object": "subscription_item",
                        "price": copy.deepcopy(price),
                        "quantity": 1,
                        "current_period_start": self.clock,
                        "current_period_end": self.clock + period,
                    }
                ],
            },
            "livemode": False,
        }
        self.objects[subscription_id] = subscription
        return subscription

    def subscription_create(self, params: JSON) -> JSON:
        customer = self.customer_of(params)
        items = params.get("items") or []
        if not items or not items[0].get("price"):
            raise required("items")
        method = params.get("collection_method") or "charge_automatically"
        days = params.get("days_until_due")
        if method == "send_invoice" and not str(days or "").isdigit():
            raise required("days_until_due")
        if method == "charge_automatically":
            raise invalid(
                "collection_method", "This customer has no attached payment source or default payment method."
            )
        subscription = self._subscription_new(
            customer, str(items[0]["price"]), method, int(days), dict(params.get("metadata") or {})
        )
        methods = ((params.get("payment_settings") or {}).get("payment_method_types")) or ["card"]
        # Stripe finalizes a send_invoice subscription's first invoice an hour later: a draft now.
        self._invoice_new(subscription, status="draft", methods=methods)
        return subscription

    def set_subscription_status(self, subscription_id: str, status: str) -> JSON:
        with self.lock:
            subscription = self.get("subscription", "sub", subscription_id)
            subscription["status"] = status
            if status == "canceled":
                subscription.update(canceled_at=self.clock, ended_at=self.clock)
            return copy.deepcopy(subscription)

    # --- invoices ----------------------------------------------------------------------------
    def _invoice_new(self, subscription: JSON, *, status: str, methods: list[str] | None = None) -> JSON:
        item = subscription["items"]["data"][0]
        invoice_id = self.new_id("in")
        invoice = {
            "id": invoice_id,
            "object": "invoice",
            "created": self.clock,
            "customer": subscription["customer"],
            "status": status,
            "number": None,
            "collection_method": subscription["collection_method"],
            "currency": item["price"]["currency"],
            "amount_due": item["price"]["unit_amount"],
            "amount_paid": 0,
            "amount_remaining": item["price"]["unit_amount"],
            "attempt_count": 0,
            "hosted_invoice_url": None,
            "period_start": item["current_period_start"],
            "period_end": item["current_period_end"],
            "due_date": None,
            "parent": {
                "type": "subscription_details",
                "quote_details": None,
                "subscription_details": {
                    "subscription": subscription["id"],
                    "metadata": subscription["metadata"],
                },
            },
            "payment_settings": {"payment_method_types": methods},
            "status_transitions": {"finalized_at": None, "paid_at": None, "voided_at": None},
            "livemode": False,
        }
        self.objects[invoice_id] = invoice
        subscription["latest_invoice"] = invoice_id
        if status != "draft":
            self._invoice_finalized(invoice)
        return invoice

    def _invoice_finalized(self, invoice: JSON) -> None:
        invoice["status"] = "open"
        invoice["number"] = f"SPW-{len([o for o in self.objects.values() if o.get('number')]) + 1:04d}"
        invoice["hosted_invoice_url"] = f"{self.base_url}/invoice/{invoice['id']}"
        invoice["status_transitions"]["finalized_at"] = self.clock

    def _invoice_paid(self, invoice: JSON) -> None:
        invoice.update(status="paid", amount_paid=invoice["amount_due"], amount_remaining=0)
        invoice["status_transitions"]["paid_at"] = self.clock

    def invoice_finalize(self, invoice_id: str) -> JSON:
        invoice = self.get("invoice", "in", invoice_id)
        if invoice["status"] != "draft":
            raise invalid(
                "invoice", "This invoice is already finalized, you can't re-finalize a non-draft invoice."
            )
        self._invoice_finalized(invoice)
        return invoice

    def renew(self, subscription_id: str) -> JSON:
        """A new billing period begins: its invoice, open (sent, or about to be charged)."""
        with self.lock:
            subscription = self.get("subscription", "sub", subscription_id)
            item = subscription["items"]["data"][0]
            length = item["current_period_end"] - item["current_period_start"]
            item["current_period_start"] = item["current_period_end"]
            item["current_period_end"] += length
            return copy.deepcopy(self._invoice_new(subscription, status="open"))

    def fail_payment(self, invoice_id: str) -> JSON:
        """A charge of the invoice failed: it stays open, its subscription is past_due."""
        with self.lock:
            invoice = self.get("invoice", "in", invoice_id)
            invoice["attempt_count"] += 1
            subscription_id = invoice["parent"]["subscription_details"]["subscription"]
            self.objects[subscription_id]["status"] = "past_due"
            return copy.deepcopy(invoice)

    def pay_invoice(self, invoice_id: str) -> JSON:
        """The invoice is paid (card retry, or the owner on the hosted page): its subscription is
        active again."""
        with self.lock:
            invoice = self.get("invoice", "in", invoice_id)
            if invoice["status"] == "draft":
                self._invoice_finalized(invoice)
            self._invoice_paid(invoice)
            subscription_id = invoice["parent"]["subscription_details"]["subscription"]
            subscription = self.objects[subscription_id]
            if subscription["status"] in {"past_due", "unpaid", "incomplete"}:
                subscription["status"] = "active"
            return copy.deepcopy(invoice)

    # --- reads, with the expansions Sparrow asks for -----------------------------------------
    def expand(self, found: JSON, fields: list[str]) -> JSON:
        shown = {key: value for key, value in copy.deepcopy(found).items() if not key.startswith("_")}
        for field in fields:
            value = shown.get(field)
            if isinstance(value, str) and value in self.objects:
                shown[field] = self.expand(self.objects[value], [])
        return shown

    def subscriptions_list(self, query: JSON) -> JSON:
        rows = [o for o in self.objects.values() if o["object"] == "subscription"]
        if query.get("customer"):
            rows = [row for row in rows if row["customer"] == query["customer"]]
        status = query.get("status")
        if status != "all":
            rows = (
                [row for row in rows if row["status"] == status]
                if status
                else [row for row in rows if row["status"] != "canceled"]
            )
        return self._list("/v1/subscriptions", [self.expand(row, []) for row in rows], query.get("limit"))

    def invoices_list(self, query: JSON) -> JSON:
        rows = [o for o in self.objects.values() if o["object"] == "invoice"]
        if query.get("customer"):
            rows = [row for row in rows if row["customer"] == query["customer"]]
        if query.get("subscription"):
            rows = [
                row
                for row in rows
                if row["parent"]["subscription_details"]["subscription"] == query["subscription"]
            ]
        if query.get("status"):
            rows = [row for row in rows if row["status"] == query["status"]]
        return self._list("/v1/invoices", [self.expand(row, []) for row in rows], query.get("limit"))

    def portal_create(self, params: JSON) -> JSON:
        customer = self.customer_of(params)
        session_id = self.new_id("bps")
        return {
            "id": session_id,
            "object": "billing_portal.session",
            "created": self.clock,
            "customer": customer,
            "return_url": params.get("return_url"),
            "url": f"{self.base_url}/portal/{session_id}",
            "livemode": False,
        }
