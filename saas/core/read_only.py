"""A read-only workspace (suspended, its trial over, or closed): enforced by PostgreSQL itself.

While a request, a job or a socket's database hop of such a workspace runs, its connection has
`default_transaction_read_only = on`: every transaction it opens is READ ONLY, so any INSERT,
UPDATE or DELETE fails in the database (SQLSTATE 25006) whatever code path tried it. The setting
is put back before the connection returns to the pool. Checks before that (the GraphQL extension
refusing a mutation with `workspace_read_only`) only make the answer friendlier.

What may still write: sign-in and sign-out (the session), billing (to pay and come back), and
whatever a caller lists in `WRITABLE_PATHS` / the API's writable root fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from saas.core.errors import DomainError

CODE = "workspace_read_only"
BILLING_PATH = "/app/billing"
# Tenant statuses whose workspace is read-only (a trial that ran out is `suspended` there).
READ_ONLY_TENANT_STATUSES = frozenset({"suspended", "closed"})
# Paths that keep writing in a read-only workspace: signing in and out, password reset.
WRITABLE_PATHS = ("/login/", "/logout/", "/password-reset/", "/reset/")
MESSAGE = gettext_noop(
    "This workspace is read-only until its subscription is paid. The owner can pay on the billing page."
)

_read_only: ContextVar[bool] = ContextVar("sparrow_read_only", default=False)


class WorkspaceReadOnly(DomainError):
    code = CODE


def read_only_error() -> WorkspaceReadOnly:
    return WorkspaceReadOnly(_(MESSAGE), code=CODE)


def workspace_is_read_only(tenant: Any) -> bool:
    return getattr(tenant, "status", "") in READ_ONLY_TENANT_STATUSES


def read_only_active() -> bool:
    """Whether the code running now is inside a read-only workspace's session."""
    return _read_only.get()


def _set(on: bool) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SET default_transaction_read_only = {'on' if on else 'off'}")


@contextmanager
def read_only_session() -> Iterator[None]:
    """Run the block with every transaction of this thread's connection READ ONLY.

    Outside a transaction (a request, a job, a socket's hop) the session's default is switched
    on and back off. Inside one (a test's transaction, a caller's atomic block) the block runs in
    a savepoint made READ ONLY and rolled back at the end: PostgreSQL lets a transaction become
    read-only at any time, and the rollback restores its mode. Nested use is a no-op.
    """
    if _read_only.get():
        yield
        return
    token = _read_only.set(True)
    try:
        if connection.in_atomic_block:
            with _read_only_savepoint():
                yield
        else:
            with _read_only_default():
                yield
    finally:
        _read_only.reset(token)


@contextmanager
def _read_only_savepoint() -> Iterator[None]:
    savepoint = transaction.savepoint()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL transaction_read_only = on")
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)


@contextmanager
def _read_only_default() -> Iterator[None]:
    _set(True)
    try:
        yield
    finally:
        if connection.in_atomic_block:
            # Left inside a transaction (an error mid-block): the connection must not go back to
            # the pool read-only, and the default can only be trusted after it ends.
            connection.close()
        else:
            try:
                _set(False)
            except Exception:
                connection.close()  # a broken connection is dropped by the pool
                raise


def is_read_only_violation(exc: BaseException | None) -> bool:
    """Whether the database refused a write because the transaction is read-only (25006)."""
    seen = 0
    while exc is not None and seen < 10:
        if getattr(exc, "sqlstate", None) == "25006" or getattr(exc, "pgcode", None) == "25006":
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def read_only_response() -> HttpResponse:
    body = {"errors": [{"field": None, "code": CODE, "message": _(MESSAGE), "billingUrl": BILLING_PATH}]}
    return JsonResponse(body, status=403, json_dumps_params={"ensure_ascii": False})


class ReadOnlyWorkspaceMiddleware:
    """Runs a read-only workspace's requests in read-only sessions (after sessions and auth).

    /graphql/ is left to the API's ReadOnlyWorkspace extension, which knows whether an
    operation is a sign-in, a sign-out or billing. A write that reaches the database anyway is
    answered `workspace_read_only` (403), never a 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not getattr(request, "workspace_read_only", False):
            return self.get_response(request)
        if request.path == "/graphql/" or request.path.startswith(WRITABLE_PATHS):
            return self.get_response(request)
        with read_only_session():
            return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_read_only_violation(exception):
            return read_only_response()
        return None
