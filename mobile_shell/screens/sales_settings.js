/**
 * 销售设置 (owners and admins, tenant.manage): the workspace's order rules as switches, each with
 * what it does on and off: review before an order counts, the customer's signed receipt before a
 * shipped order completes, and backorders (off: submitting an order that asks for more than its
 * warehouse has available is refused, line by line with stock_short; drafts are not checked).
 * The credit policy and default tax rate keep their defaults here (salesSettingsUpdate leaves
 * absent fields as they are).
 */

import { SALES_SETTINGS, SALES_SETTINGS_UPDATE } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

// The switches, by their field in SalesSettings and SalesSettingsInput.
const SWITCHES = ['reviewRequired', 'signbackRequired', 'backordersAllowed'];

function toggle(name, checked) {
  const hintId = `salesset-${name}-hint`;
  return h(
    'div',
    { class: 'setting-switch', dataset: { field: name } },
    h('label', { class: 'check-row' }, h('input', { type: 'checkbox', role: 'switch', name, checked, 'aria-describedby': hintId }), t(`salesset.${name}`)),
    h('p', { class: 'hint', id: hintId }, t(`salesset.${name}_explain`)),
  );
}

function settingsForm(settings) {
  const submit = h('button', { type: 'submit', class: 'button' }, t('action.save'));
  const form = h(
    'form',
    { class: 'sales-settings-form', novalidate: true, 'aria-label': t('salesset.title') },
    formError(),
    SWITCHES.map((name) => toggle(name, settings[name])),
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const input = Object.fromEntries(SWITCHES.map((name) => [name, form.elements[name].checked]));
    return busy(submit, async () => {
      try {
        const { salesSettingsUpdate: result } = await gql(SALES_SETTINGS_UPDATE, { input });
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('salesset.saved'), { kind: 'success' });
        return true;
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return form;
}

export function mount(root) {
  const body = h('div', {});

  async function load() {
    fill(body, loadingView(2));
    try {
      const { salesSettings } = await gql(SALES_SETTINGS);
      fill(body, card(null, settingsForm(salesSettings)));
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }

  fill(root, screenHeader(t('salesset.title')), body);
  load();
  return { refresh: load };
}
