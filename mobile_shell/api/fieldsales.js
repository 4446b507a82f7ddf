/**
 * The GraphQL operations of field sales (外勤): check-in and check-out, a rep's day, the
 * customers a rep checks in at, a customer's site and QR code, the field settings, rankings and
 * a manager's view of their team's day (one call for every rep).
 *
 * One exported constant per operation, named after it; a fragment is a constant of its own,
 * joined with + to the operations that spread it. tests/test_shell_operations.py validates each
 * against graphql/schema.graphql: keep to template literals without ${…}.
 *
 * VISIT_CHECK_IN takes the whole check-in as $input: the outbox (offline/actions.js) replays it
 * as it was queued, and the clientId inside makes a resend return the first visit.
 */

export const FIELD_VISIT_FIELDS = `fragment FieldVisitFields on Visit {
  id checkedInAt capturedAt capturedOffline distanceMeters verdict outOfRange radiusMeters qrVerified
  accuracy checkedOutAt notes latitude longitude customer { id code name }
  photos { id url thumbnailUrl width height reused }
  purpose recordedAt kind { id name }
}`;
export const VISIT_CHECK_IN = `mutation VisitCheckIn($input: VisitCheckInInput!) {
  visitCheckIn(input: $input) { visit { ...FieldVisitFields } errors { field code message } }
}` + FIELD_VISIT_FIELDS;
export const VISIT_CHECK_OUT = `mutation VisitCheckOut($id: ID!, $input: VisitCheckOutInput!) {
  visitCheckOut(id: $id, input: $input) { visit { ...FieldVisitFields } errors { field code message } }
}` + FIELD_VISIT_FIELDS;
export const FIELD_DAY = `query FieldDay($repId: ID, $date: Date) {
  fieldDay(repId: $repId, date: $date) {
    rep { id fullName } date distanceTravelledMeters visits { ...FieldVisitFields }
  }
}` + FIELD_VISIT_FIELDS;
// The customers a rep may check in at: the customers query shows a rep their own, a manager all.
export const FIELD_CUSTOMERS = `query FieldCustomers($search: String!, $limit: Int!) {
  customers(search: $search, active: true, limit: $limit) { totalCount items { id code name } }
}`;
// The people whose day the caller may open: themselves, their teams' reps, or everyone in the field.
export const FIELD_REPS = `query FieldReps { fieldReps { id fullName } }`;
// The manager's team page in one call: every rep the caller follows with their day in numbers,
// and the teams' names to group them under.
export const FIELD_TEAM_DAY = `query FieldTeamDay($date: Date) {
  fieldTeamDay(date: $date) {
    date
    reps {
      rep { id fullName } teamIds visitCount customerCount outOfRangeCount offlineCount distanceTravelledMeters
      lastVisit { id checkedInAt capturedAt capturedOffline customer { id name } }
      ordersCount ordersAmount collectionsAmount
    }
  }
  teams { id name }
}`;
export const FIELD_TEAMS = `query FieldTeams { teams { id name regionId managerId memberIds } }`;
export const FIELD_RANKINGS = `query FieldRankings($period: RankingPeriod!, $dimension: RankingDimension!, $metric: RankingMetric, $rankBy: RankingOrder, $date: Date) {
  fieldRankings(period: $period, dimension: $dimension, metric: $metric, rankBy: $rankBy, date: $date) {
    rank id name value target completionRate
  }
}`;
// The caller's targets this month with what is reached and the share of the month gone (我的目标).
export const FIELD_TARGETS = `query FieldTargets {
  fieldTargets { period firstDay lastDay elapsedShare metrics { metric value target completionRate } }
}`;
export const CUSTOMER_SITE_SET = `mutation CustomerSiteSet($customerId: ID!, $latitude: Decimal!, $longitude: Decimal!, $system: CoordinateSystem) {
  customerSiteSet(customerId: $customerId, latitude: $latitude, longitude: $longitude, system: $system) {
    site { customerId latitude longitude sourceSystem qrVersion } errors { field code message }
  }
}`;
export const CUSTOMER_QR_ROTATE = `mutation CustomerQrRotate($customerId: ID!) {
  customerQrRotate(customerId: $customerId) { site { customerId qrVersion } qrCode errors { field code message } }
}`;
// The printable QR code of a customer (field.manage): its text and an SVG image.
export const CUSTOMER_QR_CODE = `query CustomerQrCode($customerId: ID!) { customerQrCode(customerId: $customerId) { text svg } }`;
export const FIELD_SETTINGS = `query FieldSettings { fieldSettings { radiusMeters positionRetentionDays } }`;
export const FIELD_SETTINGS_UPDATE = `mutation FieldSettingsUpdate($radiusMeters: Int, $positionRetentionDays: Int) {
  fieldSettingsUpdate(radiusMeters: $radiusMeters, positionRetentionDays: $positionRetentionDays) {
    settings { radiusMeters positionRetentionDays } errors { field code message }
  }
}`;
