"""Descriptions of field sales arguments (check-in sites, settings, a rep's day)."""

from __future__ import annotations

TEXT: dict[str, str] = {
    "Mutation.customerSiteSet(latitude)": "Latitude as the map of `system` shows it.",
    "Mutation.customerSiteSet(longitude)": "Longitude as the map of `system` shows it.",
    "Mutation.customerSiteSet(system)": "The map the point was picked on: WGS84 (GPS), GCJ02 (AMap, Tencent), BD09 (Baidu).",
    "Mutation.fieldSettingsUpdate(radiusMeters)": "The check-in radius, 10-5,000 metres.",
    "Mutation.fieldSettingsUpdate(positionRetentionDays)": "How long positions are kept, 7-3,650 days.",
    "Query.fieldDay(date)": "The day, in the workspace's time zone; default today.",
    "Query.fieldDay(repId)": "The rep; default the caller.",
    "Mutation.fieldTargetSet(period)": "MONTH or QUARTER.",
    "Mutation.fieldTargetSet(date)": "Any day of the month or quarter the target is for.",
    "Mutation.fieldTargetSet(dimension)": "REP, TEAM or REGION.",
    "Mutation.fieldTargetSet(metric)": "What the target counts.",
    "Mutation.fieldTargetSet(value)": "The goal (zero or more).",
    "Query.fieldRankings(period)": "DAY, WEEK, MONTH or QUARTER: the span containing `date`.",
    "Query.fieldRankings(dimension)": "Rank reps, teams or regions.",
    "Query.fieldRankings(metric)": "What to rank by; default SALES_AMOUNT.",
    "Query.fieldRankings(date)": "A day of the span; default today in the workspace's time zone.",
}
