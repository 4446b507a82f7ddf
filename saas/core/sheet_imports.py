"""Imports from a sheet (导入): a template to fill in, a preview with every row's problems, and an
all-or-nothing commit, for any kind of record a domain registers.

A domain describes its import as an ImportKind (columns, who may import, and `apply`, which
writes the rows through the domain's own services and returns each row's problems) and
registers it from its app's `ready()`, so the kernel imports no domain. Sheets are read by
`saas/core/sheets.py`, headers matched in either language.

The preview runs exactly what the commit runs, inside a transaction that is then rolled back:
the problems it shows are the commit's own, and nothing stays (document numbers go back to
their sequence, events and jobs are never seen). The commit reads the file again, re-validates
every row and writes all rows or none; under an idempotency key a second submit answers the
first result instead of importing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from saas.core.audit import ActorStamp
from saas.core.errors import DomainError, FieldProblem, InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.sheets import header_columns, read_sheet, write_xlsx
from saas.core.transitions import HasScopes

MAX_IMPORT_ROWS = 5000
PREVIEW_ROWS = 200  # rows shown in the preview table besides every row with a problem
LANGUAGES = ("zh-hans", "en")


@dataclass(frozen=True)
class ImportColumn:
    key: str  # snake_case, also the field of its problems: rows.12.<key>
    header: str | Promise
    example: str = ""
    required: bool = False
    hint: str | Promise = ""


@dataclass(frozen=True)
class ImportRow:
    number: int  # the sheet's own row number, as people see it in Excel
    values: dict[str, str]

    def get(self, key: str) -> str:
        return self.values.get(key, "")


@dataclass(frozen=True)
class RowProblem:
    row: int | None
    column: str | None
    code: str
    message: str

    @property
    def field(self) -> str:
        if self.row is None:
            return self.column or "file"
        return f"rows.{self.row}" + (f".{self.column}" if self.column else "")


@dataclass
class ImportOutcome:
    created: int = 0
    problems: list[RowProblem] = field(default_factory=list)


@dataclass(frozen=True)
class ImportKind:
    name: str  # in URLs: customers, suppliers, …
    title: str | Promise
    columns: tuple[ImportColumn, ...]
    permit: Callable[[Any], None]  # raises Forbidden (or MissingActor) for who may not import
    apply: Callable[[Any, list[ImportRow]], ImportOutcome]  # writes; problems mean roll back
    max_rows: int = MAX_IMPORT_ROWS


@dataclass(frozen=True)
class ImportPreview:
    kind: ImportKind
    total: int
    rows: list[ImportRow]  # the first PREVIEW_ROWS and every row with a problem
    problems: list[RowProblem]

    @property
    def rows_with_problems(self) -> int:
        return len({p.row for p in self.problems if p.row is not None})


_KINDS: dict[str, ImportKind] = {}


def import_kind_register(kind: ImportKind) -> None:
    _KINDS[kind.name] = kind


def import_kinds() -> list[ImportKind]:
    return list(_KINDS.values())


def import_kind(name: str) -> ImportKind:
    kind = _KINDS.get(name)
    if kind is None:
        raise NotFound(_("There is no such import."), field="kind")
    return kind


def problems_of(
    exc: DomainError, row: int, columns: dict[str, str], default: str | None = None
) -> list[RowProblem]:
    """A service's problems on one row, each under the sheet column its field came from
    (`columns` maps the service's field paths, or their first segment, to column keys)."""
    found: list[RowProblem] = []
    for problem in exc.problems:
        path = problem.field or ""
        column = columns.get(path) or columns.get(path.split(".")[0]) or default
        found.append(RowProblem(row, column, problem.code, problem.message))
    return found


def import_each(
    rows: Sequence[ImportRow], write: Callable[[ImportRow], Any], columns: dict[str, str]
) -> ImportOutcome:
    """Each row through the domain's own create service, in a savepoint of its own so a refused
    row leaves the others standing for the report; the caller's transaction still rolls back
    every row when any is refused. For kinds of a few hundred rows (suppliers); a kind of
    thousands has a bulk service (customers)."""
    outcome = ImportOutcome()
    for row in rows:
        try:
            with transaction.atomic():
                write(row)
        except DomainError as exc:
            outcome.problems.extend(problems_of(exc, row.number, columns))
        else:
            outcome.created += 1
    return outcome


def template(kind: ImportKind) -> bytes:
    """The XLSX template: headers in the request's language and an example row, and a second
    sheet saying which columns are required and what each takes."""
    headers = [str(column.header) for column in kind.columns]
    example = [column.example for column in kind.columns]
    notes = [[_("Column"), _("Required"), _("What to enter")]] + [
        [str(column.header), _("Yes") if column.required else "", str(column.hint)] for column in kind.columns
    ]
    return write_xlsx([(str(kind.title), [headers, example]), (_("How to fill in"), notes)])


def _spellings(column: ImportColumn) -> list[str]:
    names = [column.key]
    for language in LANGUAGES:
        with translation.override(language):
            names.append(str(column.header))
    return names


def read_rows(kind: ImportKind, content: bytes, filename: str) -> list[ImportRow]:
    """The sheet's data rows by column key. The first row names the columns (in Chinese or
    English, in any order; unknown columns are ignored); a required column missing is refused."""
    sheet = read_sheet(content, filename, max_rows=kind.max_rows + 1)
    first, data = sheet[0], sheet[1:]
    positions = header_columns(first.cells, {column.key: _spellings(column) for column in kind.columns})
    missing = [column for column in kind.columns if column.required and column.key not in positions]
    if missing:
        raise InvalidInput(
            problems=[
                FieldProblem(
                    f"columns.{column.key}",
                    "column_missing",
                    _("The sheet has no column “%(name)s”: start from the template.")
                    % {"name": column.header},
                )
                for column in missing
            ]
        )
    if not data:
        raise InvalidInput(_("The sheet has no rows under its headers."), code="file_invalid", field="file")
    if len(data) > kind.max_rows:
        raise InvalidInput(
            _("At most %(n)d rows at a time: split the sheet.") % {"n": kind.max_rows},
            code="too_many_rows",
            field="file",
        )
    return [
        ImportRow(
            row.number,
            {
                key: (row.cells[index] if index < len(row.cells) else "").strip()
                for key, index in positions.items()
            },
        )
        for row in data
    ]


class _Refused(Exception):
    """Carries the problems out of the transaction, rolling it back."""

    def __init__(self, outcome: ImportOutcome) -> None:
        super().__init__("import refused")
        self.outcome = outcome


def _apply(kind: ImportKind, actor: HasScopes, rows: list[ImportRow]) -> ImportOutcome:
    outcome = kind.apply(actor, rows)
    if outcome.problems:
        raise _Refused(outcome)
    return outcome


def import_preview(*, actor: HasScopes, kind_name: str, content: bytes, filename: str) -> ImportPreview:
    kind = import_kind(kind_name)
    kind.permit(actor)
    rows = read_rows(kind, content, filename)
    try:
        with transaction.atomic():
            _apply(kind, actor, rows)
            transaction.set_rollback(True)  # a preview writes nothing
        problems: list[RowProblem] = []
    except _Refused as refused:
        problems = refused.outcome.problems
    flagged = {p.row for p in problems}
    shown = [row for index, row in enumerate(rows) if index < PREVIEW_ROWS or row.number in flagged]
    return ImportPreview(kind=kind, total=len(rows), rows=shown, problems=problems)


class ImportRefused(InvalidInput):
    """A commit with problems: nothing was written."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        super().__init__(
            problems=[FieldProblem(p.field, p.code, p.message) for p in problems],
        )
        self.rows = list(problems)


def import_commit(
    *,
    actor: HasScopes,
    by: ActorStamp,
    kind_name: str,
    content: bytes,
    filename: str,
    idempotency_key: str | None,
) -> int:
    """Every row or none; returns how many records were created (the first answer again on a
    repeated idempotency key)."""
    kind = import_kind(kind_name)
    kind.permit(actor)
    rows = read_rows(kind, content, filename)

    def write() -> dict[str, int]:
        return {"created": _apply(kind, actor, rows).created}

    try:
        # An atomic block of its own: a refused import rolls back to here even inside a caller's
        # transaction, whatever run_once does about savepoints.
        with transaction.atomic():
            result, _replayed = run_once(
                by=by, key=idempotency_key, operation=f"import.{kind.name}", write=write
            )
    except _Refused as refused:
        raise ImportRefused(refused.outcome.problems) from None
    return int(result["created"])
