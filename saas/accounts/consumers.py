"""What accounts does when its events are delivered: the invitation e-mail, closing sockets."""

from __future__ import annotations

from saas.accounts.events import UserDeactivated, UserInvited
from saas.accounts.invitations import send_invitation
from saas.accounts.models import User
from saas.core import live
from saas.core.domain_events import event_of
from saas.core.event_delivery import consumer_register
from saas.core.models import LoggedEvent


def invitation_email(record: LoggedEvent) -> None:
    """E-mail the invitee their link; an invitee deactivated or gone since is not written to."""
    invited = event_of(record)
    assert isinstance(invited, UserInvited) and invited.object_id is not None
    user = User.objects.filter(pk=invited.object_id, is_active=True).first()
    if user is not None and user.email == invited.email:
        send_invitation(user=user, invited_by=invited.invited_by)


def session_revoke(record: LoggedEvent) -> None:
    """Close the deactivated user's open sockets, once the job's mark commits."""
    deactivated = event_of(record)
    assert isinstance(deactivated, UserDeactivated) and deactivated.object_id is not None
    if not User.objects.filter(pk=deactivated.object_id, is_active=True).exists():
        live.revoke_user_sockets_on_commit(deactivated.object_id)


def register() -> None:
    consumer_register("invitation_email", invitation_email, events={"user.invited"})
    consumer_register("session_revoke", session_revoke, events={"user.deactivated"})
