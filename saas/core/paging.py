"""Offset paging, one rule for every list: `limit` 1–100 rows, `offset` 0–10,000.

Past ten thousand rows an offset page is slow and a person never scrolls there: filters narrow a
list, and partners sync with `updatedSince` and cursors instead. Selectors and the API both check
pages with `check_page`, so every list answers a bad page with the same `page_invalid`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from saas.core.errors import InvalidInput

MAX_PAGE = 100
MAX_OFFSET = 10_000


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE or not 0 <= offset <= MAX_OFFSET:
        raise InvalidInput(
            _("limit must be 1-%(n)d and offset 0-%(m)d.") % {"n": MAX_PAGE, "m": MAX_OFFSET},
            code="page_invalid",
        )
