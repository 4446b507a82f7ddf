/**
 * The GraphQL operations of visit records (客户拜访记录): the workspace's visit types with their
 * forms, one visit with its record, the orders that can be linked to it, and recording it (the
 * rep's day shows each record's type and purpose through FIELD_VISIT_FIELDS in fieldsales.js).
 *
 * One exported constant per operation, named after it; fragments joined with + as in
 * fieldsales.js (tests/test_shell_operations.py validates each against graphql/schema.graphql).
 *
 * VISIT_RECORD takes the whole record as $input: the outbox (offline/actions.js) replays it as
 * it was queued. A resend replaces the record with the same thing, so it needs no idempotency
 * key; a record of a check-in still in the outbox names it by visitClientId.
 */

import { FIELD_VISIT_FIELDS } from './fieldsales.js';

export const VISIT_KIND_FIELDS = `fragment VisitKindFields on VisitKind {
  id name position archived fields { key label kind required options }
}`;
export const VISIT_RECORD_FIELDS = `fragment VisitRecordFields on Visit {
  rep { id fullName } purpose followUpOn recordedAt
  kind { ...VisitKindFields }
  answers { key label kind value values }
  orders { id number totalAmount status }
}`;
export const VISIT_KINDS = `query VisitKinds($includeArchived: Boolean!) {
  visitKinds(includeArchived: $includeArchived) { ...VisitKindFields }
}` + VISIT_KIND_FIELDS;
export const VISIT_KIND_SAVE = `mutation VisitKindSave($input: VisitKindSaveInput!) {
  visitKindSave(input: $input) { kind { ...VisitKindFields } errors { field code message } }
}` + VISIT_KIND_FIELDS;
export const VISIT_GET = `query VisitGet($id: ID!) {
  visit(id: $id) { ...FieldVisitFields ...VisitRecordFields }
}` + FIELD_VISIT_FIELDS + VISIT_RECORD_FIELDS + VISIT_KIND_FIELDS;
// The rep's orders for the visit's customer placed that day, not linked to another visit.
export const VISIT_ORDER_CANDIDATES = `query VisitOrderCandidates($visitId: ID!) {
  visitOrderCandidates(visitId: $visitId) { id number totalAmount status }
}`;
export const VISIT_RECORD = `mutation VisitRecord($input: VisitRecordInput!) {
  visitRecord(input: $input) { visit { ...FieldVisitFields ...VisitRecordFields } errors { field code message } }
}` + FIELD_VISIT_FIELDS + VISIT_RECORD_FIELDS + VISIT_KIND_FIELDS;
