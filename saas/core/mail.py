"""The sender of Sparrow's e-mails, named like the brand in the language the e-mail is written in."""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_SENDER_NAME = "Sparrow"


def sender() -> str:
    """DEFAULT_FROM_EMAIL, with the brand of the active language as its name ("麻雀订单云" in a
    Chinese e-mail, "Sparrow" in an English one). An operator's own sender name is kept as set."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if not address or name != DEFAULT_SENDER_NAME:
        return str(settings.DEFAULT_FROM_EMAIL)
    return f"{_('Sparrow')} <{address}>"
