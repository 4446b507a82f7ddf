"""Architecture rules that import-linter cannot see, checked on the source itself (AST).

- Rows that visibility governs (people, customers, orders, quotations, money, returns,
  shipments) are read through `<Model>.objects` only in selectors and services, where the
  actor's visibility is applied, and in the few modules listed below with their reason.
- The API layer writes nothing itself: no `.save()`, `.delete()`, `.create()`… in saas/api;
  a resolver calls one service.
- No Python module imports the H5 app (mobile_shell/ is static files the server serves).
The import rules between domains are import-linter contracts in pyproject.toml (`make lint`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

GOVERNED = {"User", "Customer", "SalesOrder", "Quotation", "Receipt", "Invoice", "SalesReturn", "Shipment"}

# Modules that read governed rows without an actor, and why. Keep this list short.
ALLOWED_READERS = {
    "saas/accounts/backends.py": "signing in: there is no actor before the password is checked",
    "saas/accounts/handoff.py": "the sign-up handoff signs the new owner in",
    "saas/accounts/views.py": "password reset looks up the address typed in",
    "saas/accounts/todos.py": "counts pending invitations for holders of users.manage only",
    "saas/accounts/visibility.py": "the visibility rule itself",
    "saas/customers/visibility.py": "the visibility rule itself",
    "saas/customers/duplicates.py": "duplicates are checked across the workspace on purpose, naming no one",
    "saas/shipping/access.py": "the shipment visibility rule",
    "saas/notifications/recipients.py": "finds who to tell by role or ownership, then keeps those the selectors let see",
    "saas/accounts/consumers.py": "the invitee or deactivated user an event names, to e-mail or disconnect them",
    "saas/fieldsales/rollup.py": "adds up reps' days for the rankings and the team's day; no actor, only sums leave it",
}


def _python_files(folder: str) -> Iterator[Path]:
    for path in sorted((REPO / folder).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _may_read_governed_rows(relative: str) -> bool:
    parts = relative.split("/")
    return (
        relative in ALLOWED_READERS
        or any(part in {"selectors", "services", "management"} for part in parts)
        or parts[-1] in {"selectors.py", "services.py", "demo.py"}
        or parts[0] == "tenants"  # the public app provisions and seeds workspaces
    )


def test_governed_rows_are_read_only_where_visibility_applies() -> None:
    offenders = []
    for folder in ("saas", "tenants"):
        for path in _python_files(folder):
            relative = str(path.relative_to(REPO))
            if _may_read_governed_rows(relative):
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr == "objects"
                    and isinstance(node.value, ast.Name)
                    and node.value.id in GOVERNED
                ):
                    offenders.append(f"{relative}:{node.lineno} {node.value.id}.objects")
    assert offenders == [], "read these through a selector (or a service):\n" + "\n".join(offenders)


WRITES = {
    "save",
    "delete",
    "create",
    "update",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}


def test_the_api_layer_writes_nothing_itself() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{node.lineno} .{node.func.attr}()"
        for path in _python_files("saas/api")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES
    ]
    assert offenders == [], "call a service instead:\n" + "\n".join(offenders)


def test_no_python_module_imports_the_h5_app() -> None:
    offenders = []
    for folder in ("saas", "tenants", "tests"):
        for path in _python_files(folder):
            for node in ast.walk(ast.parse(path.read_text())):
                names = (
                    [alias.name for alias in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else []
                )
                offenders += [
                    f"{path.relative_to(REPO)}:{node.lineno}" for n in names if n.startswith("mobile_shell")
                ]
    assert offenders == []


def test_the_rules_see_the_code() -> None:
    # Guards against a rule that passes because it reads nothing (a moved folder, a bad glob).
    assert sum(1 for _ in _python_files("saas/api")) > 30
    assert all((REPO / path).exists() for path in ALLOWED_READERS), "an allowed module moved: update the list"
