"""Document numbers (SO-2026-000123, PO-…, ST-…) from a per-tenant sequence, never max()+1.

One upsert takes the next value and locks the row until the transaction ends: two documents
never share a number, and a rolled-back document gives its number back (no gaps).
"""

from __future__ import annotations

from django.db import connection

from saas.core.clock import tenant_now

UPSERT = """
INSERT INTO core_documentsequence (prefix, year, last_value) VALUES (%s, %s, 1)
ON CONFLICT (prefix, year) DO UPDATE SET last_value = core_documentsequence.last_value + 1
RETURNING last_value
"""


def tenant_today_year() -> int:
    """The year in the tenant's own time zone: a document on 31 Dec 23:30 Beijing time is that year's."""
    return tenant_now().year


def next_document_number(prefix: str) -> str:
    if not prefix.isalnum() or len(prefix) > 10:
        raise ValueError("A document prefix is up to 10 letters or digits.")
    year = tenant_today_year()
    with connection.cursor() as cursor:
        cursor.execute(UPSERT, [prefix, year])
        row = cursor.fetchone()
    assert row is not None
    return f"{prefix}-{year}-{int(row[0]):06d}"


def next_document_numbers(prefix: str, count: int) -> list[str]:
    """`count` consecutive numbers in one statement (an import of many documents): the sequence
    moves by `count` and stays locked until the transaction ends, like next_document_number."""
    if not prefix.isalnum() or len(prefix) > 10:
        raise ValueError("A document prefix is up to 10 letters or digits.")
    if count <= 0:
        return []
    year = tenant_today_year()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO core_documentsequence (prefix, year, last_value) VALUES (%s, %s, %s)
            ON CONFLICT (prefix, year) DO UPDATE SET last_value = core_documentsequence.last_value + %s
            RETURNING last_value
            """,
            [prefix, year, count, count],
        )
        row = cursor.fetchone()
    assert row is not None
    last = int(row[0])
    return [f"{prefix}-{year}-{value:06d}" for value in range(last - count + 1, last + 1)]
