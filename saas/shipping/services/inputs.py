"""Input checks shared by the shipping services: ids, texts, dates, times, coordinates.

The mechanism (texts, numbers, dates, ids) is the kernel's (saas/core); the rules are shipping's.

Each raises InvalidInput or NotFound with a stable code and the input field it is about.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from saas.core.clock import tenant_zone
from saas.core.errors import InvalidInput
from saas.core.ids import clean_id as clean_id  # re-exported: the domain's callers import it here
from saas.core.ids import parse_id as parse_id
from saas.core.inputs import clean_date as clean_date  # re-exported, as clean_id
from saas.core.inputs import clean_decimal
from saas.core.inputs import clean_text as clean_text  # re-exported, as clean_id

COORDINATE_STEP = Decimal("0.000001")
# A phone's clock may run a little ahead of ours; a signature "from the future" beyond this is wrong.
CLOCK_SKEW = timedelta(minutes=10)


def clean_moment(value: Any, field: str) -> datetime | None:
    """An aware date-time not in the future (beyond clock skew); a naive one is the tenant's local time."""
    if value is None or value == "":
        return None
    try:
        # parse_datetime raises ValueError for a well-formed impossible time (30 February, 25:00).
        moment = value if isinstance(value, datetime) else parse_datetime(str(value).strip()[:40])
    except ValueError:
        moment = None
    if moment is None:
        raise InvalidInput(_("Enter a date and time."), code="datetime_invalid", field=field)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=tenant_zone())
    if moment > timezone.now() + CLOCK_SKEW:
        raise InvalidInput(_("This time is in the future."), code="datetime_invalid", field=field)
    return moment


def clean_coordinate(value: Any, field: str, limit: int) -> Decimal | None:
    """Latitude (limit 90) or longitude (limit 180) in degrees, to 6 decimals (about 10 cm)."""
    if value is None or value == "":
        return None
    number = clean_decimal(value, field, "location_invalid")
    if abs(number) > limit:
        raise InvalidInput(
            _("Enter degrees from -%(n)d to %(n)d.") % {"n": limit}, code="location_invalid", field=field
        )
    return number.quantize(COORDINATE_STEP)
