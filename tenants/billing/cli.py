"""The `sparrow tenant` subcommands (parsed here, run by tenants/billing/operators.py)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any


def tenant_commands_add(commands: Any) -> None:
    tenant = commands.add_parser("tenant", help="workspaces' billing: list, show, suspend, restore, pay…")
    tenant.add_argument("--by", default=None, help="the operator's name for the audit log (default: $USER)")
    actions = tenant.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="every workspace with its status, plan and dates")
    listing.add_argument("--status", default=None)
    actions.add_parser("show", help="one workspace's billing, invoices and audit").add_argument("slug")
    for name, text in (
        ("suspend", "make a workspace read-only"),
        ("restore", "let a workspace write again"),
        ("close", "close a workspace (read-only export window)"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("slug")
        action.add_argument("--reason", default="operator")
    extend = actions.add_parser("extend-trial", help="give a trial more days")
    extend.add_argument("slug")
    extend.add_argument("--days", type=int, required=True)
    pay = actions.add_parser("pay", help="record a bank transfer: extend the paid term by N months")
    pay.add_argument("slug")
    pay.add_argument("--months", type=int, required=True)
    pay.add_argument("--ref", required=True, help="the transfer's reference (bank slip number)")
    pay.add_argument(
        "--plan", default=None, help="basic or pro (default: the current plan; basic after a trial)"
    )
    pay.add_argument(
        "--amount-fen", type=int, default=None, help="the amount received, in fen (default: the price)"
    )
    delete = actions.add_parser("delete", help="drop a closed workspace's data after its export window")
    delete.add_argument("slug")
    delete.add_argument("--force", action="store_true", help="before the window ends")


def tenant_command_run(args: argparse.Namespace) -> int:
    from saas.core.errors import DomainError
    from tenants.billing import operators

    by = args.by or getpass.getuser()
    actions = {
        "list": lambda: operators.tenant_list(args.status),
        "show": lambda: operators.tenant_show(args.slug),
        "suspend": lambda: operators.tenant_suspend(args.slug, by=by, reason=args.reason),
        "restore": lambda: operators.tenant_restore(args.slug, by=by, reason=args.reason),
        "close": lambda: operators.tenant_close(args.slug, by=by, reason=args.reason),
        "extend-trial": lambda: operators.tenant_extend_trial(args.slug, days=args.days, by=by),
        "pay": lambda: operators.tenant_pay(
            args.slug,
            months=args.months,
            ref=args.ref,
            by=by,
            plan_code=args.plan,
            amount_fen=args.amount_fen,
        ),
        "delete": lambda: operators.tenant_delete(args.slug, by=by, force=args.force),
    }
    try:
        sys.stdout.write(actions[args.action]() + "\n")
    except DomainError as error:
        sys.stderr.write(f"error ({error.code}): {error.message}\n")
        return 2
    return 0
