/**
 * The workspace's shipping settings, beside the print templates: the letterhead printed on every
 * document (company name, phone, address, footer and the logo, POSTed to /shipping/logo/), and
 * the rules of shipping (scan-verify before shipping, prices on delivery notes for the
 * warehouse, days before a sign-back is overdue). Folded away until asked for.
 */

import { SHIPPING_SETTINGS, SHIPPING_SETTINGS_UPDATE } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { postForm } from './shipping_common.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

const TEXTS = [
  ['printCompanyName', 'shipset.company', 60],
  ['printPhone', 'shipset.phone', 40],
  ['printAddress', 'shipset.address', 200],
  ['printFooter', 'shipset.footer', 200],
];
const FLAGS = [
  ['requireVerification', 'shipset.require_verification'],
  ['deliveryNoteShowsPrices', 'shipset.prices'],
];

function check(name, label, checked) {
  return h('label', { class: 'check-row', dataset: { field: name } }, h('input', { type: 'checkbox', name, checked }), label);
}

/** The settings card; onSaved() runs after a change that the printed documents show. */
export function shippingSettingsCard({ onSaved = () => {} } = {}) {
  const body = h('div', {});
  const details = h('details', { class: 'card shipping-settings' }, h('summary', { style: { cursor: 'pointer', fontWeight: '600', padding: '4px 0' } }, t('shipset.title')), body);

  function logoPart(settings) {
    const image = h('img', { alt: t('shipset.logo_current'), hidden: !settings.logoUrl, src: settings.logoUrl ? `${settings.logoUrl}?v=${Date.now()}` : null, style: { maxHeight: '64px', maxWidth: '200px' } });
    const upload = field({ name: 'file', label: t('shipset.logo'), type: 'file', accept: 'image/png,image/jpeg', hint: t('shipset.logo_hint') });
    const input = upload.querySelector('input');
    const slot = h('div', {}, formError());
    input.addEventListener('change', async () => {
      const file = input.files[0];
      if (!file) return;
      clearErrors(slot);
      try {
        const data = new FormData();
        data.append('file', file);
        const result = await postForm('/shipping/logo/', data);
        if (result.errors?.length) {
          showErrors(slot, result.errors.map((error) => ({ ...error, field: null })));
          return;
        }
        image.src = `${result.logo.url}?v=${Date.now()}`;
        image.hidden = false;
        toast(t('shipset.logo_saved'), { kind: 'success' });
        onSaved();
      } catch (error) {
        showErrors(slot, [error]);
      } finally {
        input.value = '';
      }
    });
    return h('div', { class: 'shipping-logo' }, image, upload, slot);
  }

  function draw(settings) {
    const submit = h('button', { type: 'submit', class: 'button' }, t('shipset.save'));
    const form = h(
      'form',
      { class: 'shipping-settings-form', novalidate: true, 'aria-label': t('shipset.title') },
      formError(),
      h('div', { class: 'form-grid' }, TEXTS.map(([name, key, max]) => field({ name, label: t(key), value: settings[name], maxlength: max, autocomplete: 'off' }))),
      field({ name: 'signbackOverdueDays', label: t('shipset.overdue_days'), type: 'number', min: 1, max: 365, inputmode: 'numeric', value: String(settings.signbackOverdueDays) }),
      FLAGS.map(([name, key]) => check(name, t(key), settings[name])),
      h('div', { class: 'form-actions' }, submit),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      const days = Number(form.elements.signbackOverdueDays.value);
      if (!Number.isInteger(days) || days < 1) return showErrors(form, [{ field: 'signbackOverdueDays', code: 'days_invalid', message: t('shipset.days_invalid') }]);
      const input = { signbackOverdueDays: days };
      for (const [name] of TEXTS) input[name] = form.elements[name].value.trim();
      for (const [name] of FLAGS) input[name] = form.elements[name].checked;
      return busy(submit, async () => {
        try {
          const { shippingSettingsUpdate: result } = await gql(SHIPPING_SETTINGS_UPDATE, { input });
          if (result.errors.length) return showErrors(form, result.errors);
          toast(t('shipset.saved'), { kind: 'success' });
          return onSaved();
        } catch (error) {
          return showErrors(form, [error]);
        }
      });
    });
    fill(body, form, logoPart(settings));
  }

  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    fill(body, h('p', { class: 'muted' }, t('state.loading')));
    try {
      draw((await gql(SHIPPING_SETTINGS)).shippingSettings);
    } catch (error) {
      loaded = false;
      fill(body, h('p', { class: 'form-error', role: 'alert' }, errorText(error)));
    }
  });
  return details;
}
