"""One-time login handoff from the public sign-up page to the new workspace's own host.

Session cookies are host-only, so the public site cannot log anyone in on acme.<base>. It
redirects there with a short-lived signed token instead. The token names the user's
last_login, which the login it performs changes: each token works once.
"""

from __future__ import annotations

from django.core import signing

from saas.accounts.models import User

SALT = "sparrow.login-handoff"
MAX_AGE_SECONDS = 120


def handoff_token(*, schema_name: str, user: User) -> str:
    last_login = user.last_login.isoformat() if user.last_login else ""
    return signing.dumps({"s": schema_name, "u": user.pk, "l": last_login}, salt=SALT)


def handoff_user(*, token: str, schema_name: str) -> User | None:
    """The user a valid, unused token for this schema names; None otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("s") != schema_name:
        return None
    user_id = data.get("u")
    if not isinstance(user_id, int):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    last_login = user.last_login.isoformat() if user.last_login else ""
    return user if last_login == data.get("l") else None
