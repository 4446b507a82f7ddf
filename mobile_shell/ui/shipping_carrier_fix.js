/**
 * 修改运单号: correcting the tracking number (and with it the carrier) of a shipment already
 * shipped, e.g. a typo or a re-issued waybill. shipmentTrackingUpdate allows it until the
 * shipment is signed; the dialog takes the new number with the live carrier suggestion of the
 * ship form, and the server's errors (tracking_number_taken, carrier_required, shipment_closed…)
 * land on their fields.
 */

import { SHIPMENT_TRACKING_UPDATE } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { busy, clearErrors, formError, showErrors } from './form.js';
import { facts } from './layout.js';
import { trackingField } from './shipping_carrier.js';
import { toast } from './toast.js';

function carrierName(shipment) {
  return shipment.carrier ? shipment.carrier.name : shipment.carrierName || '—';
}

function openDialog(shipment, { onSaved, opener }) {
  const titleId = `fix-title-${shipment.id}-${Date.now()}`;
  // Empty rather than the current number: the current one is "already used" by this very
  // shipment in the suggestion, which would read as a problem.
  const tracking = trackingField({ label: t('shipfix.new_number') });
  // The suggestion buttons are a list; no stylesheet rule drops its bullets in a dialog.
  Object.assign(tracking.element.querySelector('.carrier-candidates')?.style || {}, { listStyle: 'none', padding: '0', margin: '4px 0' });
  const save = h('button', { type: 'submit', class: 'button' }, t('shipfix.save'));
  const cancel = h('button', { type: 'button', class: 'button button-quiet' }, t('action.cancel'));
  const form = h(
    'form',
    { class: 'tracking-fix-form', novalidate: true, 'aria-labelledby': titleId },
    h('h2', { id: titleId }, t('shipfix.title', { number: shipment.number })),
    facts([
      [t('shipfix.current_carrier'), carrierName(shipment)],
      [t('shipfix.current_number'), shipment.trackingNumber || '—'],
    ]),
    formError(),
    tracking.element,
    h('p', { class: 'hint' }, t('shipfix.hint')),
    h('div', { class: 'dialog-actions' }, cancel, save),
  );
  const dialog = h('dialog', { class: 'dialog tracking-fix', 'aria-labelledby': titleId, dataset: { shipment: shipment.number } }, form);

  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener?.isConnected) opener.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const { trackingNumber, carrierId } = tracking.read();
    if (!trackingNumber) return showErrors(form, [{ field: 'trackingNumber', code: 'required' }]);
    return busy(save, async () => {
      try {
        const { shipmentTrackingUpdate: result } = await gql(SHIPMENT_TRACKING_UPDATE, { id: shipment.id, trackingNumber, carrierId });
        if (result.errors.length) return showErrors(form, result.errors);
        const saved = result.shipment;
        toast(t('shipfix.saved', { number: saved.number, tracking: saved.trackingNumber }), { kind: 'success' });
        dialog.close();
        return onSaved(saved);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  document.body.append(dialog);
  dialog.showModal();
  tracking.focus();
}

/**
 * The "修改运单号" button for a shipment ({ id, number, status, trackingNumber, carrier or
 * carrierName }), or null when it cannot change (only shipped shipments are offered, to the
 * warehouse). onSaved(shipment) gets the shipment as the ShipmentResult fragment selects it.
 */
export function trackingFixButton(shipment, { onSaved = () => {} } = {}) {
  if (shipment.status !== 'shipped' || !hasScope('shipping.manage')) return null;
  const button = h(
    'button',
    { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('shipfix.open_for', { number: shipment.number }), dataset: { fix: shipment.number } },
    t('shipfix.open'),
  );
  button.addEventListener('click', () => openDialog(shipment, { onSaved, opener: button }));
  return button;
}
