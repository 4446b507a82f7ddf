/**
 * 打印设置: per printed document (the order print, the delivery note) which columns print
 * (prices, discounts, amounts, remarks), 大写金额 on or off, a line under the title, the customer's
 * signature line (客户签收) and a footnote. Owners and admins set both; whoever sets up shipping
 * sets the delivery note. Prices never print for a role that may not see them, whatever is set
 * here (the server decides). The delivery note's fields, order and alignment are the print
 * template's (/shipping/templates).
 */

import { PRINT_SETTINGS, PRINT_SETTINGS_RESET, PRINT_SETTINGS_SAVE } from '../api/printing.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const SWITCHES = ['showPrices', 'showDiscounts', 'showAmounts', 'showRemarks', 'amountInWords'];
const TEXTS = [
  ['headerText', 200],
  ['footerText', 200],
  ['signatureText', 60],
];

function kinds() {
  return [hasScope('tenant.manage') && 'ORDER', hasScope(['tenant.manage', 'shipping.manage']) && 'DELIVERY_NOTE'].filter(Boolean);
}

export function mount(root, { query }) {
  const allowed = kinds();
  const kind = allowed.includes(query.get('kind')) ? query.get('kind') : allowed[0] || 'ORDER';
  const body = h('div', {});
  fill(root, screenHeader(t('printset.title')), body);

  function draw(settings) {
    const choose = field({ name: 'kind', label: t('printset.kind'), value: kind, options: allowed.map((value) => ({ value, label: t(`printset.kind.${value}`) })) });
    choose.querySelector('select').addEventListener('change', (event) => navigate(`/settings/print?kind=${event.target.value}`, { replace: true }));
    const switches = SWITCHES.filter((name) => kind === 'ORDER' || name !== 'showDiscounts').map((name) =>
      h('label', { class: 'check-row', dataset: { field: name } }, h('input', { type: 'checkbox', name, checked: settings[name] }), t(`printset.${name}`)),
    );
    const save = h('button', { type: 'submit', class: 'button' }, t('printset.save'));
    const reset = h('button', { type: 'button', class: 'button button-quiet', disabled: !settings.customised }, t('printset.reset'));
    const form = h(
      'form',
      { class: 'print-settings-form', novalidate: true, 'aria-label': t('printset.form_label', { kind: t(`printset.kind.${kind}`) }) },
      formError(),
      h('fieldset', { class: 'check-group' }, h('legend', {}, t('printset.columns')), switches),
      h('p', { class: 'hint' }, t('printset.money_hint')),
      TEXTS.map(([name, max]) => field({ name, label: t(`printset.${name}`), value: settings[name], maxlength: max, autocomplete: 'off', hint: name === 'signatureText' ? t('printset.signature_hint') : undefined })),
      h('div', { class: 'form-actions' }, reset, save),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      const input = { kind };
      for (const name of SWITCHES) if (form.elements[name]) input[name] = form.elements[name].checked;
      for (const [name] of TEXTS) input[name] = form.elements[name].value.trim();
      busy(save, async () => {
        try {
          const { printSettingsSave: result } = await gql(PRINT_SETTINGS_SAVE, { input });
          if (result.errors.length) return showErrors(form, result.errors);
          toast(t('printset.saved'), { kind: 'success' });
          return draw(result.settings);
        } catch (error) {
          return showErrors(form, [error]);
        }
      });
    });
    reset.addEventListener('click', async () => {
      if (!(await confirmDialog({ title: t('printset.reset_title'), message: t('printset.reset_body'), confirmLabel: t('printset.reset') }))) return;
      busy(reset, async () => {
        try {
          const { printSettingsReset: result } = await gql(PRINT_SETTINGS_RESET, { kind });
          if (result.errors.length) return showErrors(form, result.errors);
          toast(t('printset.saved'), { kind: 'success' });
          return draw(result.settings);
        } catch (error) {
          return showErrors(form, [error]);
        }
      });
    });
    fill(
      body,
      choose,
      card(null, form),
      kind === 'DELIVERY_NOTE' && h('p', { class: 'hint' }, h('a', { href: appUrl('/shipping/templates?kind=DELIVERY_NOTE') }, t('printset.template_link'))),
    );
  }

  async function load() {
    fill(body, loadingView(3));
    try {
      draw((await gql(PRINT_SETTINGS, { kind })).printSettings);
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load };
}
