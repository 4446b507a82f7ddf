/**
 * Stock as a band (有货 / 库存紧张 / 缺货) for those who may not see stock numbers (distributors
 * hold inventory.view_availability, not inventory.view), and the control with which managers and
 * admins choose what distributors see: the band, or nothing. The server decides; a null band
 * (the workspace hides availability) shows nothing.
 */

import { DISTRIBUTOR_AVAILABILITY, DISTRIBUTOR_AVAILABILITY_SET, PRODUCT_AVAILABILITY } from '../api/catalog.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { busy, field, formError, showErrors } from './form.js';
import { toast } from './toast.js';

const CHIP = { IN_STOCK: 'chip', LOW: 'chip chip-pending', OUT: 'chip chip-bad' };

/** True when the user sees stock numbers; otherwise screens ask for bands. */
export function seesStockNumbers() {
  return hasScope('inventory.view');
}

/** The band as a chip, or null for no band (hidden by the workspace, or not loaded). */
export function availabilityChip(band) {
  if (!band || !CHIP[band]) return null;
  return h('span', { class: CHIP[band], dataset: { band } }, t(`availability.${band.toLowerCase()}`));
}

/** productId → { band, skus: Map(skuId → band) } for up to 100 products. */
export async function loadAvailability(ids) {
  const { productAvailability } = await gql(PRODUCT_AVAILABILITY, { ids });
  return new Map(productAvailability.map((one) => [one.productId, { band: one.band, skus: new Map(one.skus.map((sku) => [sku.skuId, sku.band])) }]));
}

/** The setting, folded away; for those who may change it (tenant.manage, orders.review). */
export function distributorAvailabilityControl() {
  if (!hasScope(['tenant.manage', 'orders.review'])) return null;
  const choice = field({
    name: 'mode',
    label: t('availability.setting'),
    hint: t('availability.setting_hint'),
    options: [
      { value: 'BAND', label: t('availability.mode.band') },
      { value: 'HIDDEN', label: t('availability.mode.hidden') },
    ],
  });
  const select = choice.querySelector('select');
  select.disabled = true;
  const submit = h('button', { type: 'submit', class: 'button button-small' }, t('action.save'));
  const form = h('form', { class: 'availability-setting', novalidate: true, 'aria-label': t('availability.setting') }, formError(), choice, h('div', { class: 'form-actions' }, submit));
  const details = h('details', { class: 'card availability-setting-card' }, h('summary', {}, t('availability.setting')), form);
  details.addEventListener('toggle', async () => {
    if (!details.open || !select.disabled) return;
    try {
      const { distributorAvailability } = await gql(DISTRIBUTOR_AVAILABILITY);
      select.value = distributorAvailability;
      select.disabled = false;
    } catch (error) {
      showErrors(form, [error]);
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (select.disabled) return undefined;
    return busy(submit, async () => {
      try {
        const { distributorAvailabilitySet: result } = await gql(DISTRIBUTOR_AVAILABILITY_SET, { mode: select.value });
        if (result.errors.length) return showErrors(form, result.errors);
        return toast(t('availability.saved'), { kind: 'success' });
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return details;
}
