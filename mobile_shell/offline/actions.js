/**
 * The kinds of action that can be taken offline, each mapped to the GraphQL mutation that
 * performs it. A screen that wants offline support registers its action type here (or calls
 * registerAction from its own module); the queue does the rest.
 *
 * An action definition:
 *   mutation   the GraphQL document, taking $input (and the idempotency key inside it)
 *   payload    picks the mutation's payload ({ errors, ... }) out of the response data
 *   idempotent true when the mutation takes an idempotencyKey: a resend returns the first
 *              result instead of doing the work twice
 *   describe   a one-line text for the outbox list, from the queued input (and the item, whose
 *              meta holds what the input names only by id)
 */

import { INVITE_USER, UPDATE_PROFILE } from '../api/accounts.js';
import { VISIT_RECORD } from '../api/field_visits.js';
import { VISIT_CHECK_IN } from '../api/fieldsales.js';
import { SALES_ORDER_CREATE, SALES_ORDER_PLACE } from '../api/sales.js';
import { formatDateTime, t } from '../i18n/i18n.js';

const actions = new Map();

export function registerAction(type, definition) {
  actions.set(type, definition);
}

export function actionFor(type) {
  const definition = actions.get(type);
  if (!definition) throw new Error(`unknown offline action: ${type}`);
  return definition;
}

registerAction('user.invite', {
  mutation: INVITE_USER,
  payload: (data) => data.userInvite,
  idempotent: true,
  describe: (input) => t('outbox.user_invite', { email: input.email }),
});

registerAction('profile.update', {
  // Setting a field to a value is naturally idempotent: a resend changes nothing more.
  mutation: UPDATE_PROFILE,
  payload: (data) => data.profileUpdate,
  idempotent: false,
  describe: () => t('outbox.profile_update'),
});

registerAction('visit.check_in', {
  // The input carries the phone's clientId: a resend returns the first visit, never a second one.
  mutation: VISIT_CHECK_IN,
  payload: (data) => data.visitCheckIn,
  idempotent: false,
  describe: (input) => t('outbox.visit_check_in', { when: formatDateTime(input.capturedAt) }),
});

registerAction('visit.record', {
  // Each save replaces the record with what it holds, so a resend changes nothing more. A record
  // of a check-in still queued names it by visitClientId and is sent after it (queue order).
  mutation: VISIT_RECORD,
  payload: (data) => data.visitRecord,
  idempotent: false,
  describe: (input) => (input.purpose ? t('fvisit.outbox_record_purpose', { purpose: input.purpose }) : t('fvisit.outbox_record')),
});

// Orders taken with no network (screens/order_form.js): 提交审核 places the order (create and
// submit in one request, its lines checked against today's prices and stock), 保存草稿 makes a
// draft. Both take the idempotency key: a resend after a lost answer returns the first order.
registerAction('order.place', {
  mutation: SALES_ORDER_PLACE,
  payload: (data) => data.salesOrderPlace,
  idempotent: true,
  describe: (input, item) => t('offorder.outbox_place', { customer: item?.meta?.customerName || '', count: input.lines.length }),
});

registerAction('order.create', {
  mutation: SALES_ORDER_CREATE,
  payload: (data) => data.salesOrderCreate,
  idempotent: true,
  describe: (input, item) => t('offorder.outbox_draft', { customer: item?.meta?.customerName || '', count: input.lines.length }),
});
