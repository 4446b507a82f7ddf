/**
 * A webhook endpoint's form, for adding one and for changing it: the URL, the events it hears
 * of as boxes per area (from webhookEventTypes), and what it is for.
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { areaLabel, eventLabel, onFormFields } from './partner_common.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

function byArea(eventTypes) {
  const areas = new Map();
  for (const event of eventTypes) {
    if (!areas.has(event.area)) areas.set(event.area, []);
    areas.get(event.area).push(event);
  }
  return [...areas];
}

function eventBoxes(eventTypes, chosen) {
  return h(
    'fieldset',
    { class: 'field event-grid', dataset: { field: 'events' } },
    h('legend', {}, t('webhook.events')),
    byArea(eventTypes).map(([area, events]) =>
      h(
        'div',
        { class: 'event-area', dataset: { area } },
        h('span', { class: 'scope-area-name' }, areaLabel(area)),
        events.map((event) =>
          h(
            'label',
            { class: 'check-row', title: event.description || event.name },
            h('input', { type: 'checkbox', name: 'event', value: event.name, checked: chosen.includes(event.name) }),
            h('span', {}, eventLabel(event), ' ', h('code', { class: 'muted small' }, event.name)),
          ),
        ),
      ),
    ),
    h('p', { class: 'field-error', hidden: true }),
  );
}

/**
 * onSubmit(input) sends it and resolves to the payload's errors (empty: done). The endpoint, when
 * given, fills the form for a change.
 */
export function webhookEndpointForm({ eventTypes, endpoint = null, submitLabel, onSubmit }) {
  const submit = h('button', { type: 'submit', class: 'button' }, submitLabel);
  const form = h(
    'form',
    { class: 'webhook-form', novalidate: true, 'aria-label': endpoint ? t('webhook.edit_title') : t('webhook.create_title') },
    formError(),
    field({
      name: 'url',
      label: t('webhook.url'),
      type: 'url',
      inputmode: 'url',
      value: endpoint?.url || '',
      required: true,
      maxlength: 2000,
      autocomplete: 'off',
      autocapitalize: 'none',
      spellcheck: 'false',
      placeholder: 'https://erp.example.com/sparrow/webhook',
      hint: t('webhook.url_hint'),
    }),
    eventBoxes(eventTypes, endpoint?.events || []),
    field({ name: 'description', label: t('webhook.description'), value: endpoint?.description || '', maxlength: 200, autocomplete: 'off' }),
    h('div', { class: 'form-actions' }, submit),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const input = {
      url: form.elements.url.value.trim(),
      events: [...form.querySelectorAll('input[name="event"]:checked')].map((box) => box.value),
      description: form.elements.description.value.trim(),
    };
    const problems = [];
    if (!input.url) problems.push({ field: 'url', code: 'required' });
    if (!input.events.length) problems.push({ field: 'events', code: 'events_required', message: t('webhook.events_required') });
    if (problems.length) return showErrors(form, problems);
    await busy(submit, async () => {
      try {
        const errors = await onSubmit(input);
        if (errors.length) showErrors(form, onFormFields(errors));
      } catch (error) {
        toast(errorText(error), { kind: 'error' });
      }
    });
  });
  return form;
}
