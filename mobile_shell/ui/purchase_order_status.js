/**
 * A purchase order's statuses in their order, and its status as a chip (the list and the detail).
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';

export const PO_STATUSES = ['draft', 'submitted', 'approved', 'partly_received', 'received', 'closed', 'cancelled'];

export function statusChip(status) {
  const tone = { draft: 'chip-pending', submitted: 'chip-pending', cancelled: 'chip-bad' }[status] || '';
  return h('span', { class: `chip ${tone}`, dataset: { status } }, t(`po.status.${status}`));
}
