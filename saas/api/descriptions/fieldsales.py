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
    "Query.visitPlan(repId)": "The rep; default the caller.",
    "Query.visitPlan(date)": "The day, in the workspace's time zone; default today.",
    "Query.overdueCustomers(repId)": "Only this rep's customers; default all the caller sees (a rep: their own).",
    "Query.visitSuggestions(repId)": "The rep whose customers to rank; default the caller.",
    "Query.visitSuggestions(limit)": "How many, 1-100; default 20.",
    "Query.workLog(repId)": "The rep; default the caller.",
    "Query.workLog(date)": "The day, in the workspace's time zone; default today.",
    "Query.workLogs(repId)": "Only this rep's logs; default every rep the caller sees.",
    "Query.workLogs(from)": "The first day; default 6 days before `to`. At most 93 days in all.",
    "Query.workLogs(to)": "The last day; default today.",
    "Mutation.visitPlanSet(date)": "The day to plan: today or up to 31 days ahead.",
    "Mutation.visitPlanSet(customerIds)": "The customers in visiting order, at most 50, each the rep's own; "
    "empty clears the day.",
    "Mutation.visitPlanSet(repId)": "The rep to plan for (a manager); default the caller.",
    "Mutation.visitPlanSet(notes)": "A note per customer (at most 200 characters each), in the same order; "
    "without it a customer that stays keeps its note.",
    "Mutation.visitFrequencySet(levelId)": "The customer level.",
    "Mutation.visitFrequencySet(visitsPerMonth)": "Visits a calendar month, 0-31; 0 removes the rule.",
    "Mutation.workLogWrite(date)": "Today or yesterday, in the workspace's time zone.",
    "Mutation.workLogWrite(text)": "The report, at most 5,000 characters.",
    "Mutation.workLogComment(id)": "The work log.",
    "Mutation.workLogComment(text)": "The comment, at most 1,000 characters.",
}
