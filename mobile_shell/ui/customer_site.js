/**
 * The customer screen's 外勤 card, for reps and managers in the field: 设置位置 makes the phone's
 * current position (WGS-84) the customer's site that check-ins are measured from, 在此签到 opens
 * the check-in with this customer, and managers (field.manage) print the customer's QR code
 * (打印二维码: the code at print size with the customer's name; the print stylesheet in
 * styles/field.css leaves only that sheet on paper) or make a new one, which stops every older
 * print from proving presence.
 */

import { CUSTOMER_QR_CODE, CUSTOMER_QR_ROTATE, CUSTOMER_SITE_SET } from '../api/fieldsales.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { confirmDialog } from './confirm.js';
import { fill, h } from './element.js';
import { busy } from './form.js';
import { locate } from './geolocation.js';
import { card } from './layout.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

async function setSite(customer, button, status) {
  const sure = await confirmDialog({ title: t('field.site_set_title', { name: customer.name }), message: t('field.site_set_body'), confirmLabel: t('field.site_set') });
  if (!sure) return;
  await busy(button, async () => {
    const fix = await locate();
    if (!fix.position) return fill(status, h('span', { class: 'field-error' }, t(`field.no_fix.${fix.problem}`)));
    const { latitude, longitude, accuracy } = fix.position;
    try {
      const { customerSiteSet: result } = await gql(CUSTOMER_SITE_SET, { customerId: customer.id, latitude, longitude, system: 'wgs84' });
      if (result.errors.length) return fill(status, h('span', { class: 'field-error' }, errorText(result.errors[0])));
      const site = result.site;
      const where = t('field.site_saved', { latitude: site.latitude, longitude: site.longitude });
      const fixText = accuracy ? t('field.position_taken', { accuracy: formatNumber(Math.round(Number(accuracy))) }) : '';
      toast(t('field.site_saved_toast', { name: customer.name }), { kind: 'success' });
      return fill(status, h('span', { dataset: { testid: 'customer-site' } }, where, fixText && ` · ${fixText}`));
    } catch (error) {
      return fill(status, h('span', { class: 'field-error' }, errorText(error)));
    }
  });
}

async function rotateQr(customer, button, slot) {
  const sure = await confirmDialog({ title: t('field.qr_rotate_title', { name: customer.name }), message: t('field.qr_rotate_body'), confirmLabel: t('field.qr_rotate'), danger: true });
  if (!sure) return;
  await busy(button, async () => {
    try {
      const { customerQrRotate: result } = await gql(CUSTOMER_QR_ROTATE, { customerId: customer.id });
      if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
      const code = h('input', { type: 'text', readonly: true, value: result.qrCode, class: 'field-qr-code', 'aria-label': t('field.qr_code_text'), spellcheck: 'false', onfocus: (event) => event.target.select() });
      return fill(slot, h('p', { class: 'muted small' }, t('field.qr_code_hint', { version: result.site.qrVersion })), code);
    } catch (error) {
      return toast(errorText(error), { kind: 'error' });
    }
  });
}

/**
 * The printable sheet: a modal dialog whose page part (name, code, hint, the code's text) is all
 * that prints while it is open (body.printing-sheet). The SVG is shown as an image: markup from
 * the server never enters the document.
 */
function printSheet(customer, code, opener) {
  const titleId = `qr-sheet-${Date.now()}`;
  const print = h('button', { type: 'button', class: 'button', onclick: () => window.print() }, t('field.qr_print_now'));
  const close = h('button', { type: 'button', class: 'button button-quiet' }, t('field.qr_print_close'));
  const dialog = h(
    'dialog',
    { class: 'dialog qr-sheet', 'aria-labelledby': titleId, dataset: { testid: 'qr-sheet' } },
    h(
      'div',
      { class: 'qr-sheet-page' },
      h('h2', { id: titleId, class: 'qr-sheet-name' }, customer.name),
      h('img', { class: 'qr-sheet-code', src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.svg)}`, alt: t('field.qr_alt', { name: customer.name }), width: 240, height: 240 }),
      h('p', { class: 'qr-sheet-hint' }, t('field.qr_sheet_hint')),
      h('p', { class: 'qr-sheet-text' }, code.text),
    ),
    h('div', { class: 'dialog-actions qr-sheet-actions' }, close, print),
  );
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    document.body.classList.remove('printing-sheet');
    dialog.remove();
    opener.focus();
  });
  // Leaving the screen (the back button) takes the sheet away with it.
  window.addEventListener('popstate', () => dialog.open && dialog.close(), { once: true });
  document.body.classList.add('printing-sheet');
  document.body.append(dialog);
  dialog.showModal();
  print.focus();
}

async function printQr(customer, button) {
  await busy(button, async () => {
    try {
      const { customerQrCode } = await gql(CUSTOMER_QR_CODE, { customerId: customer.id });
      printSheet(customer, customerQrCode, button);
    } catch (error) {
      toast(errorText(error), { kind: 'error' });
    }
  });
}

export function customerSiteCard(customer) {
  const status = h('p', { class: 'muted small', role: 'status' }, t('field.site_explain'));
  const setButton = h('button', { type: 'button', class: 'button button-quiet button-small' }, t('field.site_set'));
  setButton.addEventListener('click', () => setSite(customer, setButton, status));
  const checkIn = h('a', { href: appUrl(`/field/check-in?customer=${encodeURIComponent(customer.id)}`), class: 'button button-small' }, t('field.check_in_here'));
  const qrSlot = h('div', { class: 'field-qr' });
  let rotate = null;
  let printButton = null;
  if (hasScope('field.manage')) {
    printButton = h('button', { type: 'button', class: 'button button-quiet button-small' }, t('field.qr_print'));
    printButton.addEventListener('click', () => printQr(customer, printButton));
    rotate = h('button', { type: 'button', class: 'button button-danger-quiet button-small' }, t('field.qr_rotate'));
    rotate.addEventListener('click', () => rotateQr(customer, rotate, qrSlot));
  }
  return card(t('field.site_title'), status, h('div', { class: 'form-actions field-actions' }, checkIn, setButton, printButton, rotate), qrSlot);
}
