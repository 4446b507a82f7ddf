/**
 * What the plan and work-log screens share (screens/field_plan.js, field_logs.js, field_log.js):
 * the links between the day, the plan and the log, a log's numbers and its row in a list.
 */

import { appUrl } from '../core/urls.js';
import { formatDate, formatMoney, formatNumber, t } from '../i18n/i18n.js';
import { h } from './element.js';
import { icon } from './icons.js';
import { facts } from './layout.js';

/** The day `count` days before `day` (YYYY-MM-DD), by the calendar. */
export function daysBefore(day, count = 1) {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - count);
  return date.toISOString().slice(0, 10);
}

/** The links between the day, the plan and the log (under each of these screens' header). */
export function fieldLinks(current) {
  const link = (path, label, name) =>
    h('a', { href: appUrl(path), class: 'button button-quiet button-small', 'aria-current': current === path ? 'page' : null }, icon(name, { size: 18 }), t(label));
  return h('nav', { class: 'field-links', 'aria-label': t('fplan.links') }, link('/field', 'field.my_day', 'pin'), link('/field/plan', 'fplan.title', 'check'), link('/field/logs', 'flog.title', 'order'));
}

/** The numbers a log keeps of its day. */
export function logNumbers(log) {
  const table = facts([
    [t('flog.visits'), formatNumber(log.visits)],
    [t('flog.customers'), formatNumber(log.customersVisited)],
    [t('flog.orders'), t('flog.orders_value', { count: formatNumber(log.ordersCreated), amount: formatMoney(log.ordersAmount) })],
    [t('flog.collections'), formatMoney(log.collections)],
  ]);
  table.dataset.testid = 'log-numbers';
  return table;
}

/** A log in a list: whose, which day, the start of its text, its visits and comments. */
export function logRow(log) {
  return h(
    'li',
    {},
    h(
      'a',
      { class: 'item-row', href: appUrl(`/field/logs/${log.id}`), dataset: { testid: 'log-row', logId: log.id } },
      h('div', { class: 'item-main' }, h('strong', {}, t('flog.row', { name: log.rep.fullName, date: formatDate(`${log.date}T12:00:00`) })), h('span', { class: 'muted small' }, log.text.slice(0, 80))),
      h('div', { class: 'item-meta' }, h('span', { class: 'small' }, t('flog.visits') + ' ' + formatNumber(log.visits)), log.comments.length ? h('span', { class: 'muted small' }, t('flog.comment_count', { count: formatNumber(log.comments.length) })) : null),
    ),
  );
}
