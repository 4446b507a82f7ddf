"""The `sparrow` command: `up` for a working platform in one step, plus deploy-time chores.

sparrow up [--port 8000] [--host 127.0.0.1]   migrate, seed the demo, serve with daphne and a job worker
sparrow migrate [--workers N]                 public schema, template, tenants whose migrations differ
sparrow pool-refill [--size N]                top up the pool of ready tenant schemas
sparrow worker [--concurrency N]              run a job worker (production: beside the web processes)
sparrow jobs [--workspace SLUG]               queued, failed and stalled jobs per workspace
sparrow graphql-schema [--check]              write (or check) graphql/schema.graphql
sparrow graphql-breaking                      fail on a breaking change graphql/CHANGELOG.md does not list
sparrow graphql-release [--date D] [--title T]  the current schema becomes the released contract
sparrow events-doc [--check]                  write (or check) graphql/EVENTS.md, the event catalogue
sparrow distribution-wallet-check [--workspace SLUG]  every wallet balance equals the sum of its entries
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tenants.billing.cli import tenant_command_run, tenant_commands_add

if TYPE_CHECKING:
    from tenants.migrating import MigrateReport

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "graphql" / "schema.graphql"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings")
    import django

    django.setup()


def migrate_everything(verbosity: int = 0, workers: int | None = None) -> MigrateReport:
    """Public schema first, then the template new tenants are cloned from, then the tenants whose
    migrations differ from the template's (tenants/migrating.py)."""
    from tenants.migrating import migrate_all

    return migrate_all(workers=workers, verbosity=verbosity)


def graphql_schema_text() -> str:
    from strawberry.printer import print_schema

    from saas.api.schema import schema

    return print_schema(schema) + "\n"


def cmd_events_doc(check: bool) -> int:
    _setup_django()
    from saas.core.events_doc import EVENTS_FILE, events_markdown

    text = events_markdown()
    if check:
        if not EVENTS_FILE.exists() or EVENTS_FILE.read_text() != text:
            print("graphql/EVENTS.md is stale: run `sparrow events-doc`.", file=sys.stderr)
            return 1
        return 0
    EVENTS_FILE.write_text(text)
    print(f"wrote {EVENTS_FILE}")
    return 0


def cmd_distribution_wallet_check(workspace: str | None) -> int:
    _setup_django()
    from saas.distribution.checks import wallet_check

    lines, failures = wallet_check(workspace)
    print("\n".join(lines))
    return 1 if failures else 0


def cmd_graphql_schema(check: bool) -> int:
    _setup_django()
    text = graphql_schema_text()
    if check:
        if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text() != text:
            print("graphql/schema.graphql is stale: run `make schema`.", file=sys.stderr)
            return 1
        return 0
    SCHEMA_FILE.write_text(text)
    print(f"wrote {SCHEMA_FILE}")
    return 0


def cmd_graphql_breaking() -> int:
    """Compare the code's schema with graphql/schema.released.graphql (saas/api/contract.py)."""
    _setup_django()
    from saas.api import contract

    if not contract.RELEASED_FILE.exists():
        print(f"{contract.RELEASED_FILE} is missing: it is the released contract.", file=sys.stderr)
        return 1
    released = contract.RELEASED_FILE.read_text()
    current = graphql_schema_text()
    changelog = contract.CHANGELOG_FILE.read_text() if contract.CHANGELOG_FILE.exists() else ""
    for change in contract.dangerous_changes(released, current):
        print(f"dangerous (allowed): {change.description}")
    problems = contract.contract_problems(released, current, changelog)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(
            "List each breaking change under '## Unreleased' → '### Breaking' in graphql/CHANGELOG.md "
            "as - `Coordinate`: why (see the top of that file), and give every @deprecated a reason.",
            file=sys.stderr,
        )
        return 1
    breaking = contract.breaking_changes(released, current)
    print(f"graphql contract: {len(breaking)} breaking change(s) since the release, each listed.")
    return 0


def cmd_graphql_release(day: str | None, title: str) -> int:
    """The code's schema becomes graphql/schema.released.graphql; the changelog's Unreleased
    entries move under `## <day>[ — title]`."""
    _setup_django()
    from datetime import date

    from django.utils import timezone

    from saas.api import contract

    try:
        day = date.fromisoformat(day).isoformat() if day else timezone.localdate().isoformat()
    except ValueError:
        print(f"--date {day!r} is not a date: use YYYY-MM-DD.", file=sys.stderr)
        return 1
    current = graphql_schema_text()
    if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text() != current:
        print("graphql/schema.graphql is stale: run `make schema` and commit it first.", file=sys.stderr)
        return 1
    changelog = contract.CHANGELOG_FILE.read_text()
    released = contract.RELEASED_FILE.read_text() if contract.RELEASED_FILE.exists() else current
    heading = day + (f" — {title}" if title else "")
    problems = contract.contract_problems(released, current, changelog)
    if not problems:
        try:
            changelog = contract.changelog_release(changelog, heading)
        except ValueError as refusal:
            problems = [str(refusal)]
    for problem in problems:
        print(f"not released: {problem}", file=sys.stderr)
    if problems:
        return 1
    contract.RELEASED_FILE.write_text(current)
    contract.CHANGELOG_FILE.write_text(changelog)
    print(f"released {heading}: wrote {contract.RELEASED_FILE} and {contract.CHANGELOG_FILE}; commit both.")
    return 0


def cmd_migrate(workers: int | None) -> int:
    _setup_django()
    report = migrate_everything(verbosity=1, workers=workers)
    print(report.table())
    from tenants import provisioning

    # Ready schemas of an older template are dropped and replaced by clones of the new one.
    made = provisioning.pool_refill()
    print(f"{made} ready schema(s) added to the pool")
    if report.failed:
        print(f"{len(report.failed)} workspace schema(s) failed: see the table above.", file=sys.stderr)
        return 1
    return 0


def cmd_pool_refill(size: int | None) -> int:
    _setup_django()
    from tenants import provisioning

    made = provisioning.pool_refill(size)
    print(f"{made} ready schema(s) added to the pool")
    return 0


def _print_banner(port: int) -> None:
    from django.conf import settings

    from tenants.addresses import site_origin, tenant_host
    from tenants.demo import DEMO_LOGINS, DEMO_PASSWORD, DEMO_SLUG

    public = site_origin(settings.SPARROW_BASE_DOMAIN)
    demo = site_origin(tenant_host(DEMO_SLUG))
    lines = [
        "",
        "Sparrow 麻雀 is running. Ctrl-C stops the server and the embedded database.",
        f"  Sign up (注册新企业):   {public}/signup/",
        f"  Demo workspace (演示):  {demo}/app/",
        f"  GraphQL:               {demo}/graphql/",
        f"  Health:                {public}/healthz",
        f"  Demo logins (password {DEMO_PASSWORD}):",
    ]
    lines += [f"    {login.role:<12} {login.email:<32} {login.name}" for login in DEMO_LOGINS]
    print("\n".join(lines) + "\n", flush=True)


def cmd_worker(concurrency: int, queues: list[str], imports: list[str]) -> int:
    _setup_django()
    from saas.core import job_worker

    job_worker.tasks_import(imports)
    print(f"Job worker running ({concurrency} at a time). Ctrl-C lets running jobs finish.", flush=True)
    job_worker.worker_run(concurrency=concurrency, queues=queues or None)
    return 0


def jobs_table(workspace: str | None = None, limit: int = 50) -> str:
    """The text `sparrow jobs` prints: counts per workspace, then the jobs themselves."""
    from django.conf import settings
    from django.utils import timezone

    from saas.core.job_queue import jobs_pending, jobs_per_workspace

    jobs = jobs_pending(stalled_seconds=settings.SPARROW_JOBS_STALLED_SECONDS, workspace=workspace)
    if not jobs:
        return "No queued, failed or stalled jobs" + (f" for {workspace}." if workspace else ".")
    width = max(len("WORKSPACE"), *(len(job.workspace) for job in jobs))
    lines = [f"{'WORKSPACE':<{width}}  {'QUEUED':>6}  {'FAILED':>6}  {'STALLED':>7}"]
    for row in jobs_per_workspace(jobs):
        lines.append(f"{row.workspace:<{width}}  {row.queued:>6}  {row.failed:>6}  {row.stalled:>7}")
    lines += ["", f"{'ID':>8}  {'WORKSPACE':<{width}}  {'STATE':<7}  {'TRIES':>5}  {'SINCE':<16}  TASK"]
    for job in jobs[:limit]:
        since = timezone.localtime(job.since).strftime("%Y-%m-%d %H:%M") if job.since else "-"
        lines.append(
            f"{job.id:>8}  {job.workspace:<{width}}  {job.state:<7}  {job.attempts:>5}  {since:<16}  {job.task}"
        )
    if len(jobs) > limit:
        lines.append(f"… and {len(jobs) - limit} more (--limit)")
    lines += [
        "",
        "queued: waiting to run (or to retry); failed: gave up after its retries; "
        "stalled: its worker stopped reporting, queued again by the next recovery.",
    ]
    return "\n".join(lines)


def cmd_jobs(workspace: str | None, limit: int) -> int:
    _setup_django()
    print(jobs_table(workspace, limit))
    return 0


def cmd_up(host: str, port: int, worker: bool = True) -> int:
    os.environ["SPARROW_PUBLIC_PORT"] = str(port)
    _setup_django()
    from django.db import connection

    from tenants import provisioning
    from tenants.demo import demo_ensure
    from tenants.services import public_tenant_ensure

    print("Preparing the database…", flush=True)
    migrate_everything()
    public_tenant_ensure()
    demo_ensure()
    connection.close()
    from saas.core.job_worker import EmbeddedWorker

    # The embedded default runs jobs in this process; with `sparrow worker` elsewhere, --no-worker.
    # Four at a time: a webhook endpoint that answers slowly holds at most its slots
    # (SPARROW_WEBHOOKS_CONCURRENCY, 2), so events and e-mail keep moving beside it.
    embedded = EmbeddedWorker(concurrency=4).start() if worker else None
    provisioning.pool_refill_later()

    from daphne.endpoints import build_endpoint_description_strings
    from daphne.server import Server

    from saas.asgi import application

    _print_banner(port)
    try:
        Server(
            application=application,
            endpoints=build_endpoint_description_strings(host=host, port=port),
            signal_handlers=True,
            verbosity=0,
        ).run()
    finally:
        if embedded is not None:
            embedded.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sparrow", description="Sparrow order-management cloud")
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("up", help="migrate, seed the demo workspace and serve on http://localhost")
    up.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    up.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    up.add_argument("--no-worker", action="store_true", help="run no job worker here (one runs elsewhere)")
    migrate = commands.add_parser("migrate", help="migrate the public schema, the template and stale tenants")
    migrate.add_argument(
        "--workers",
        type=int,
        default=None,
        help="schemas migrated at once (default SPARROW_MIGRATE_WORKERS or min(4, cores))",
    )
    refill = commands.add_parser("pool-refill", help="top up the pool of ready tenant schemas")
    refill.add_argument("--size", type=int, default=None)
    worker = commands.add_parser("worker", help="run a job worker until SIGTERM (production)")
    worker.add_argument("--concurrency", type=int, default=4, help="jobs run at once (threads)")
    worker.add_argument("--queue", action="append", default=[], help="only this queue (repeatable)")
    worker.add_argument(
        "--import", dest="imports", action="append", default=[], help="also load tasks from MODULE"
    )
    jobs = commands.add_parser("jobs", help="list queued, failed and stalled jobs per workspace")
    jobs.add_argument("--workspace", default=None, help="only this workspace (its slug)")
    jobs.add_argument("--limit", type=int, default=50, help="list at most this many jobs")
    schema = commands.add_parser("graphql-schema", help="write graphql/schema.graphql from the code")
    schema.add_argument("--check", action="store_true", help="fail when the file is stale")
    commands.add_parser(
        "graphql-breaking", help="fail on a breaking change graphql/CHANGELOG.md does not list"
    )
    release = commands.add_parser("graphql-release", help="make the current schema the released contract")
    release.add_argument("--date", default=None, help="the release's date, YYYY-MM-DD (default: today)")
    release.add_argument("--title", default="", help="a few words after the date in the changelog")
    events_doc = commands.add_parser("events-doc", help="write graphql/EVENTS.md from the event catalogue")
    events_doc.add_argument("--check", action="store_true", help="fail when the file is stale")
    wallet_check = commands.add_parser(
        "distribution-wallet-check", help="fail when a wallet balance differs from the sum of its entries"
    )
    wallet_check.add_argument("--workspace", default=None, help="only this workspace (its slug)")
    tenant_commands_add(commands)
    args = parser.parse_args(argv)

    if args.command == "tenant":
        _setup_django()
        return tenant_command_run(args)
    if args.command == "events-doc":
        return cmd_events_doc(args.check)
    if args.command == "distribution-wallet-check":
        return cmd_distribution_wallet_check(args.workspace)
    if args.command == "graphql-breaking":
        return cmd_graphql_breaking()
    if args.command == "graphql-release":
        return cmd_graphql_release(args.date, args.title)
    if args.command == "up":
        return cmd_up(args.host, args.port, worker=not args.no_worker)
    if args.command == "worker":
        return cmd_worker(args.concurrency, args.queue, args.imports)
    if args.command == "jobs":
        return cmd_jobs(args.workspace, args.limit)
    if args.command == "migrate":
        return cmd_migrate(args.workers)
    if args.command == "pool-refill":
        return cmd_pool_refill(args.size)
    return cmd_graphql_schema(args.check)


if __name__ == "__main__":
    sys.exit(main())
