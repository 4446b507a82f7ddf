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
}
