"""Django's own messages that its Simplified Chinese catalogue lacks or half-translates, so
`make messages` puts them in ours.

Django 5.2 reworded MinimumLengthValidator's error (`%(min_length)d` became `%d`) but its zh_Hans
catalogue still carries the old wording, so on a Chinese page "This password is too short…" stayed
English while the other validators spoke Chinese. And its Chinese for a bad e-mail address keeps
the English word ("输入一个有效的 Email 地址。"). Our catalogue (LOCALE_PATHS) is searched before
Django's, so each message listed here, with its Chinese in saas/locale/zh_django.py, fills the gap
without patching Django. Nothing imports this module: makemessages reads it.

tests/test_translations.py checks every validator and form message of Django against the Chinese
catalogues; when it fails after a Django upgrade, add the reworded message here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy, ngettext_lazy

MISSING_FROM_DJANGO_ZH = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    gettext_lazy("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    # Shown on the sign-in and password-reset pages (forms.EmailField).
    gettext_lazy("Enter a valid email address."),
)
