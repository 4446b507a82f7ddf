/**
 * A quotation's statuses in their order, and its status as a chip (the list and the detail).
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';

export const QUOTATION_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'converted', 'cancelled'];

export function quotationChip(status) {
  const tone = { draft: 'chip-pending', sent: 'chip-pending', rejected: 'chip-bad', cancelled: 'chip-bad' }[status] || '';
  return h('span', { class: `chip ${tone}`, dataset: { status } }, t(`quotation.status.${status}`));
}
