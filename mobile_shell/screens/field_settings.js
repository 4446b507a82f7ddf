/**
 * 外勤设置 (field.manage): the check-in radius (how far from a customer's site still counts as
 * there, after the fix's accuracy), how long check-in positions are kept (PIPL), and the visit
 * types with the forms reps fill in at a visit (拜访类型, ui/visit_kinds.js).
 */

import { FIELD_SETTINGS, FIELD_SETTINGS_UPDATE } from '../api/fieldsales.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';
import { visitKindsCard } from '../ui/visit_kinds.js';

function settingsForm(settings, { onSaved }) {
  const submit = h('button', { type: 'submit', class: 'button' }, t('action.save'));
  const form = h(
    'form',
    { class: 'field-settings-form', novalidate: true, 'aria-label': t('field.settings') },
    formError(),
    field({ name: 'radiusMeters', label: t('field.radius'), type: 'number', inputmode: 'numeric', min: 10, max: 5000, step: 1, value: String(settings.radiusMeters), hint: t('field.radius_explain') }),
    field({ name: 'positionRetentionDays', label: t('field.retention'), type: 'number', inputmode: 'numeric', min: 7, max: 3650, step: 1, value: String(settings.positionRetentionDays), hint: t('field.retention_explain') }),
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const number = (name) => {
      const text = form.elements[name].value.trim();
      return /^\d{1,6}$/.test(text) ? Number(text) : null;
    };
    const variables = { radiusMeters: number('radiusMeters'), positionRetentionDays: number('positionRetentionDays') };
    const missing = Object.entries(variables).filter(([, value]) => value === null);
    if (missing.length) return showErrors(form, missing.map(([name]) => ({ field: name, code: 'invalid', message: t('field.whole_number') })));
    return busy(submit, async () => {
      try {
        const { fieldSettingsUpdate: result } = await gql(FIELD_SETTINGS_UPDATE, variables);
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('field.settings_saved'), { kind: 'success' });
        return onSaved(result.settings);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return form;
}

export function mount(root) {
  const body = h('div', {});
  const back = h('a', { href: appUrl('/field'), class: 'button button-quiet' }, t('nav.field'));

  async function load() {
    fill(body, loadingView(2));
    try {
      const { fieldSettings } = await gql(FIELD_SETTINGS);
      fill(body, card(null, settingsForm(fieldSettings, { onSaved: () => undefined })));
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }

  fill(root, screenHeader(t('field.settings'), back), body, visitKindsCard());
  load();
  return { refresh: load };
}
