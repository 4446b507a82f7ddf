/**
 * Printing from the shipping screens: links that open a printed document (pick list, delivery
 * note, daily shipping list, delivery list) in a new tab as printable HTML or as a PDF, and the
 * dialog that asks which day's shipping list to print. The pages themselves are the server's
 * (/shipping/print/...): the browser's own print dialog prints them.
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { field } from './form.js';
import { workspaceDay } from './shipping_common.js';

/** The URL with format=pdf added. */
export function pdfUrl(url) {
  return `${url}${url.includes('?') ? '&' : '?'}format=pdf`;
}

function setLinks(htmlLink, pdfLink, url) {
  htmlLink.href = url;
  pdfLink.href = pdfUrl(url);
}

/**
 * Two links for a document: "打印{name}" (HTML) and "{name} PDF", opened in a new tab. Returns
 * the element; `update(url)` on it points both at another URL.
 */
export function printLinks(url, name, { small = true } = {}) {
  const size = small ? ' button-small' : '';
  const htmlLink = h('a', { class: `button button-quiet${size}`, target: '_blank', rel: 'noopener', dataset: { print: 'html' } }, t('shipprint.html', { name }));
  const pdfLink = h('a', { class: `button button-quiet${size}`, target: '_blank', rel: 'noopener', dataset: { print: 'pdf' } }, t('shipprint.pdf', { name }));
  setLinks(htmlLink, pdfLink, url);
  const element = h('span', { class: 'form-actions print-links' }, htmlLink, pdfLink);
  element.update = (next) => setLinks(htmlLink, pdfLink, next);
  return element;
}

export function deliveryNoteUrl(shipmentIds) {
  return `/shipping/print/delivery-note/?shipments=${shipmentIds.map(encodeURIComponent).join(',')}`;
}

export function dailyListUrl(day, warehouseId = '') {
  const params = new URLSearchParams({ date: day });
  if (warehouseId) params.set('warehouse', warehouseId);
  return `/shipping/print/daily-list/?${params}`;
}

/** A dialog: pick the day (today by default), then open its shipping list as HTML or PDF. */
export function dailyListDialog() {
  const titleId = `daily-title-${Date.now()}`;
  const today = workspaceDay();
  const day = field({ name: 'date', label: t('shipprint.daily_date'), type: 'date', value: today, max: today });
  const links = printLinks(dailyListUrl(today), t('shipprint.daily_list'), { small: false });
  day.querySelector('input').addEventListener('change', (event) => {
    if (event.target.value) links.update(dailyListUrl(event.target.value));
  });
  const dialog = h(
    'dialog',
    { class: 'dialog', 'aria-labelledby': titleId },
    h(
      'form',
      { method: 'dialog' },
      h('h2', { id: titleId }, t('shipprint.daily_title')),
      day,
      links,
      h('div', { class: 'dialog-actions' }, h('button', { class: 'button button-quiet', value: 'close', type: 'submit' }, t('shipprint.close'))),
    ),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
