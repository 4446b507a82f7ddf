/**
 * The card that reports a shipment just made (single shipping, shipping a verified package):
 * its number, carrier and tracking number, the order's new status, and its delivery note to
 * print, or, for a package still being packed, the way to scan-verify it. A shipped one's
 * tracking number can be corrected from here (修改运单号); the card then shows the new one.
 */

import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { facts } from './layout.js';
import { trackingFixButton } from './shipping_carrier_fix.js';
import { orderStatusChip } from './shipping_common.js';
import { printLinks } from './shipping_print.js';

/** onChanged(shipment) runs after its tracking number was corrected here. */
export function shipmentResult(shipment, { onChanged = null } = {}) {
  const shipped = shipment.status !== 'packing';
  const what = shipped ? t('shipform.shipped', { number: shipment.number }) : t('shipform.packed', { number: shipment.number });
  const fix = trackingFixButton(shipment, {
    onSaved: (saved) => {
      const next = shipmentResult(saved, { onChanged });
      element.replaceWith(next);
      next.querySelector('[data-fix]')?.focus();
      if (onChanged) onChanged(saved);
    },
  });
  const element = h(
    'section',
    { class: 'card shipment-result', role: 'status', dataset: { shipment: shipment.number } },
    h('h2', { class: 'card-title' }, what),
    facts([
      [t('shipform.carrier'), shipment.carrier ? shipment.carrier.name : '—'],
      [t('shipform.tracking'), shipment.trackingNumber || '—'],
      [t('shipform.order_status'), orderStatusChip(shipment.order.status)],
    ]),
    shipped
      ? printLinks(shipment.deliveryNoteUrl, t('shipprint.delivery_note'))
      : h('a', { href: appUrl(`/shipping/verify?code=${encodeURIComponent(shipment.number)}`), class: 'button button-small' }, t('shipform.verify_now')),
    fix && h('div', { class: 'form-actions', style: { marginTop: '8px' } }, fix),
  );
  return element;
}
