/**
 * The "new API key" form: a name, the scopes as read / write boxes per area (from apiKeyScopes),
 * an optional last day and optional allowed addresses, one a line. Online only: the answer holds
 * the secret, which no outbox may keep.
 */

import { API_KEY_CREATE } from '../api/partners.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { areaLabel, onFormFields, textareaField, workspaceInstant } from './partner_common.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

const LEVELS = ['read', 'write'];

/** [[area, [scope…]]] in the order the server lists them. */
function byArea(scopes) {
  const areas = new Map();
  for (const scope of scopes) {
    const [area] = scope.split(':');
    if (!areas.has(area)) areas.set(area, []);
    areas.get(area).push(scope);
  }
  return [...areas];
}

function scopeGrid(scopes) {
  const boxes = (area, offered) =>
    LEVELS.map((level) => {
      const scope = `${area}:${level}`;
      if (!offered.includes(scope)) return h('span', {});
      return h(
        'label',
        { class: 'check-row' },
        h('input', { type: 'checkbox', name: 'scope', value: scope, 'aria-label': `${areaLabel(area)} ${t(`partners.level.${level}`)}` }),
        t(`partners.level.${level}`),
      );
    });
  const grid = h(
    'fieldset',
    { class: 'field scope-grid', dataset: { field: 'scopes' } },
    h('legend', {}, t('apikey.scopes')),
    h('p', { class: 'hint' }, t('apikey.scopes_hint')),
    byArea(scopes).map(([area, offered]) =>
      h('div', { class: 'scope-area', dataset: { area } }, h('span', { class: 'scope-area-name' }, areaLabel(area)), boxes(area, offered)),
    ),
    h('p', { class: 'field-error', hidden: true }),
  );
  // Write includes read (saas/partners/scopes.py): ticking write ticks read, and read cannot go
  // while write stays.
  grid.addEventListener('change', (event) => {
    const box = event.target;
    const [area, level] = box.value.split(':');
    const twin = grid.querySelector(`input[value="${area}:${level === 'write' ? 'read' : 'write'}"]`);
    if (!twin) return;
    if (level === 'write' && box.checked) twin.checked = true;
    if (level === 'read' && !box.checked) twin.checked = false;
  });
  return grid;
}

/** Lines of the allowed-addresses box, blanks dropped. */
function lines(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** onCreated({ apiKey, secret }) once the server made the key. */
export function apiKeyForm({ scopes, onCreated }) {
  const submit = h('button', { type: 'submit', class: 'button' }, t('apikey.create_submit'));
  const form = h(
    'form',
    { class: 'api-key-form', novalidate: true, 'aria-label': t('apikey.create_title') },
    formError(),
    field({ name: 'name', label: t('apikey.name'), required: true, maxlength: 80, autocomplete: 'off', hint: t('apikey.name_hint') }),
    scopeGrid(scopes),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'expiresAt', label: t('apikey.expires'), type: 'date', hint: t('apikey.expires_hint') }),
      textareaField({ name: 'allowedIps', label: t('apikey.allowed_ips'), hint: t('apikey.allowed_ips_hint'), spellcheck: 'false', autocapitalize: 'none' }),
    ),
    h('div', { class: 'form-actions' }, submit),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const chosen = [...form.querySelectorAll('input[name="scope"]:checked')].map((box) => box.value);
    const day = form.elements.expiresAt.value;
    const input = {
      name: form.elements.name.value.trim(),
      scopes: chosen,
      // The key works through the chosen day, on the workspace's clock.
      expiresAt: day ? workspaceInstant(`${day}T23:59`) : null,
      allowedIps: lines(form.elements.allowedIps.value),
    };
    const problems = [];
    if (!input.name) problems.push({ field: 'name', code: 'required' });
    if (!input.scopes.length) problems.push({ field: 'scopes', code: 'scopes_required', message: t('apikey.scopes_required') });
    if (problems.length) return showErrors(form, problems);

    await busy(submit, async () => {
      try {
        const { apiKeyCreate: result } = await gql(API_KEY_CREATE, { input });
        if (result.errors.length) return showErrors(form, onFormFields(result.errors, { lines: ['allowedIps'] }));
        form.reset();
        return onCreated(result);
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  });
  return form;
}
