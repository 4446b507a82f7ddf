/**
 * The GraphQL operations of a rep's plan and work log (外勤计划, 业务日志): the day's planned
 * stops with their visited state, overdue customers and visit suggestions, and the daily report
 * with its numbers and managers' comments.
 *
 * One exported constant per operation, named after it; a fragment is a constant of its own,
 * joined with + to the operations that spread it. tests/test_shell_operations.py validates each
 * against graphql/schema.graphql: keep to template literals without ${…}. The customers search
 * and the rep picker reuse FIELD_CUSTOMERS and FIELD_REPS of api/fieldsales.js.
 */

export const VISIT_PLAN_FIELDS = `fragment VisitPlanFields on VisitPlan {
  id date updatedAt visitedCount rep { id fullName } plannedBy { id fullName }
  stops { position note visited visitId visitedAt customer { id code name } }
}`;
export const VISIT_PLAN = `query VisitPlan($repId: ID, $date: Date) {
  visitPlan(repId: $repId, date: $date) { ...VisitPlanFields }
}` + VISIT_PLAN_FIELDS;
export const VISIT_PLAN_SET = `mutation VisitPlanSet($date: Date!, $customerIds: [ID!]!, $repId: ID, $notes: [String!]) {
  visitPlanSet(date: $date, customerIds: $customerIds, repId: $repId, notes: $notes) {
    plan { ...VisitPlanFields } errors { field code message }
  }
}` + VISIT_PLAN_FIELDS;
// What to add to a plan: customers behind on their level's visits, and those a visit is most due.
export const PLAN_HINTS = `query PlanHints($repId: ID, $limit: Int!) {
  overdueCustomers(repId: $repId) { requiredVisits visitsThisMonth lastVisitAt customer { id code name } }
  visitSuggestions(repId: $repId, limit: $limit) {
    score daysSinceLastOrder usualReorderDays oldestUnpaidDays daysSinceLastVisit followUpOn customer { id code name }
  }
}`;
export const WORK_LOG_FIELDS = `fragment WorkLogFields on WorkLog {
  id date text submittedAt rep { id fullName } visits customersVisited ordersCreated ordersAmount
  ordersApproved approvedAmount receipts collections
  comments { id text createdAt author { id fullName } }
}`;
export const WORK_LOG = `query WorkLog($repId: ID, $date: Date) {
  workLog(repId: $repId, date: $date) { ...WorkLogFields }
}` + WORK_LOG_FIELDS;
export const WORK_LOGS = `query WorkLogs($repId: ID, $from: Date, $to: Date) {
  workLogs(repId: $repId, from: $from, to: $to) { ...WorkLogFields }
}` + WORK_LOG_FIELDS;
export const WORK_LOG_GET = `query WorkLogGet($id: ID!) {
  workLogGet(id: $id) { ...WorkLogFields }
}` + WORK_LOG_FIELDS;
export const WORK_LOG_WRITE = `mutation WorkLogWrite($date: Date!, $text: String!) {
  workLogWrite(date: $date, text: $text) { log { ...WorkLogFields } errors { field code message } }
}` + WORK_LOG_FIELDS;
export const WORK_LOG_COMMENT = `mutation WorkLogComment($id: ID!, $text: String!) {
  workLogComment(id: $id, text: $text) { log { ...WorkLogFields } errors { field code message } }
}` + WORK_LOG_FIELDS;
