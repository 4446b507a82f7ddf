"""The field sales domain's events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from saas.core.domain_events import DomainEvent, described, domain_event, graphql_id
from saas.fieldsales.models import Visit, WorkLogComment


@domain_event("visit.checked_in", object_type="visit")
@dataclass(frozen=True, kw_only=True)
class VisitCheckedIn(DomainEvent):
    """A rep checked in at a customer."""

    id: str = described("the visit's GraphQL id")
    rep_id: str = described("the rep's GraphQL id")
    customer_id: str = described("the customer's GraphQL id")
    checked_in_at: datetime = described("when the server received the check-in")
    captured_at: datetime | None = described("when the phone says it happened (offline check-ins)")
    verdict: str = described("in_range, out_of_range, unverifiable or no_position")
    distance_meters: int | None = described("distance to the customer's site; null without one")
    qr_verified: bool = described("the customer's QR code was scanned")

    @classmethod
    def of(cls, visit: Visit) -> VisitCheckedIn:
        return cls(
            id=graphql_id(visit.pk),
            rep_id=graphql_id(visit.rep_id),
            customer_id=graphql_id(visit.customer_id),
            checked_in_at=visit.checked_in_at,
            captured_at=visit.captured_at,
            verdict=visit.verdict,
            distance_meters=visit.distance_m,
            qr_verified=visit.qr_verified,
        )


@domain_event("work_log.commented", object_type="work_log")
@dataclass(frozen=True, kw_only=True)
class WorkLogCommented(DomainEvent):
    """A manager commented on a rep's work log (业务日志)."""

    id: str = described("the work log's GraphQL id")
    comment_id: str = described("the comment's id")
    rep_id: str = described("the GraphQL id of the rep whose log it is")
    day: date = described("the day the log reports, in the workspace's time zone")
    author_id: str = described("who commented")
    author_name: str = described("their name")
    text: str = described("the comment")

    @classmethod
    def of(cls, comment: WorkLogComment) -> WorkLogCommented:
        return cls(
            id=graphql_id(comment.log_id),
            comment_id=graphql_id(comment.pk),
            rep_id=graphql_id(comment.log.rep_id),
            day=comment.log.day,
            author_id=graphql_id(comment.author_id),
            author_name=comment.author.full_name,
            text=comment.text,
        )
