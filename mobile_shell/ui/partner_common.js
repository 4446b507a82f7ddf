/**
 * What the partner-integration screens share (API keys, webhook endpoints, one endpoint): the
 * links between them, the "shown once" secret panel, names of scope areas and events, the
 * endpoint's state chip, a textarea field, the API's error paths mapped onto the form's fields,
 * and wall-clock times of the workspace's time zone as instants.
 */

import { session } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { hasText, t } from '../i18n/i18n.js';
import { h } from './element.js';
import { icon } from './icons.js';
import { toast } from './toast.js';

/** Owners and admins manage keys and webhooks (saas/partners/access.py). */
export const PARTNER_SCOPE = 'tenant.manage';

const SECTIONS = [
  { id: 'api-keys', path: '/settings/api-keys', label: 'partners.section.keys' },
  { id: 'webhooks', path: '/settings/webhooks', label: 'partners.section.webhooks' },
];

/** The partner screens as a row of links under the title; the current one is marked. */
export function partnerSections(current) {
  return h(
    'nav',
    { class: 'partner-sections', 'aria-label': t('partners.sections') },
    SECTIONS.map((one) =>
      h(
        'a',
        {
          href: appUrl(one.path),
          class: one.id === current ? 'button button-small' : 'button button-quiet button-small',
          'aria-current': one.id === current ? 'page' : null,
        },
        t(one.label),
      ),
    ),
  );
}

async function copyText(input) {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    // No clipboard API (an insecure page, a refused permission): copy the selected text.
    input.focus();
    input.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/**
 * The secret of a key or an endpoint, shown this once: a read-only field, a copy button, the
 * warning, and "I have saved it", which removes it. The secret lives only in this element, so
 * leaving the screen forgets it.
 */
export function secretPanel({ title, secret, note = '', onDone = () => {} }) {
  const input = h('input', {
    type: 'text',
    readonly: true,
    value: secret,
    class: 'secret-value',
    'aria-label': title,
    spellcheck: 'false',
    autocomplete: 'off',
    onfocus: (event) => event.target.select(),
  });
  const panel = h(
    'section',
    { class: 'card secret-panel', role: 'alert', dataset: { testid: 'secret-panel' } },
    h('h2', { class: 'card-title' }, icon('alert', { size: 20 }), title),
    h('p', { class: 'secret-warning' }, t('partners.secret_once')),
    note && h('p', { class: 'muted' }, note),
    h(
      'div',
      { class: 'secret-row' },
      input,
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onclick: async () => {
            const copied = await copyText(input);
            toast(t(copied ? 'partners.copied' : 'partners.copy_failed'), { kind: copied ? 'success' : 'error' });
          },
        },
        t('partners.copy'),
      ),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button button-quiet',
          onclick: () => {
            input.value = '';
            panel.remove();
            onDone();
          },
        },
        t('partners.secret_saved'),
      ),
    ),
  );
  return panel;
}

/** "销售" for sales: the area of a scope or an event, in the person's language. */
export function areaLabel(area) {
  return hasText(`partners.area.${area}`) ? t(`partners.area.${area}`) : area;
}

/**
 * A key's scopes as people say them, one per area: sales:read + sales:write is "销售 · 读写"
 * (write includes read), sales:read alone "销售 · 只读". [[label, scopes]] in the key's order.
 */
export function scopeLabels(scopes) {
  const areas = new Map();
  for (const scope of scopes) {
    const [area, level] = scope.split(':');
    if (!areas.has(area)) areas.set(area, new Set());
    areas.get(area).add(level);
  }
  return [...areas].map(([area, levels]) => [
    `${areaLabel(area)} · ${t(levels.has('write') ? 'partners.read_write' : 'partners.read_only')}`,
    scopes.filter((scope) => scope.startsWith(`${area}:`)).join(' '),
  ]);
}

/** An event by its name in the catalogue, else the server's description, else its name. */
export function eventLabel(event) {
  const name = typeof event === 'string' ? event : event.name;
  if (hasText(`partners.event.${name}`)) return t(`partners.event.${name}`);
  return (typeof event === 'object' && event.description) || name;
}

const STATE_CHIPS = { enabled: 'chip chip-good', disabled: 'chip chip-pending', failing: 'chip chip-bad' };

export function endpointStateChip(state) {
  const label = hasText(`webhook.state.${state}`) ? t(`webhook.state.${state}`) : state;
  return h('span', { class: STATE_CHIPS[state] || 'chip', dataset: { state } }, label);
}

let counter = 0;

/** A labelled textarea wired like ui/form.js field(), so showErrors() finds its slot. */
export function textareaField({ name, label, value = '', hint = '', ...attrs }) {
  counter += 1;
  const id = `ta-${name}-${counter}`;
  const described = [hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(' ');
  return h(
    'div',
    { class: 'field', dataset: { field: name } },
    h('label', { for: id }, label),
    h('textarea', { id, name, rows: 3, 'aria-describedby': described, ...attrs }, value),
    hint && h('p', { class: 'hint', id: `${id}-hint` }, hint),
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
  );
}

/**
 * The API names list items by index (`allowedIps.2`, `events.0`); the forms have one field per
 * list. The error moves to the list's field, with the line it is about for a typed list.
 */
export function onFormFields(errors, { lines = [] } = {}) {
  return errors.map((error) => {
    const match = /^([A-Za-z]+)\.(\d+)/.exec(error.field || '');
    if (!match) return error;
    const [, field, index] = match;
    const message = lines.includes(field) ? t('partners.on_line', { line: Number(index) + 1, message: error.message }) : error.message;
    // The code stays out: a catalogue text for it would hide the line and the value named.
    return { field, code: lines.includes(field) ? null : error.code, message };
  });
}

function zoneOffset(instant, zone) {
  // The zone's wall clock at `instant`, read as if it were UTC, minus the instant itself.
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const value = (type) => Number(parts.find((part) => part.type === type).value);
  const wall = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
  return wall - instant;
}

/**
 * "2026-12-05T09:30" (a datetime-local or date input) on the workspace's clock, as an ISO
 * instant: times on these screens are the workspace's, whatever the phone's zone.
 */
export function workspaceInstant(local) {
  const [date, time = '00:00'] = local.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const zone = session().tenant?.timeZone;
  if (!zone) return new Date(year, month - 1, day, hour, minute).toISOString();
  try {
    let instant = wall - zoneOffset(wall, zone);
    instant = wall - zoneOffset(instant, zone); // again, in case the offset changed in between
    return new Date(instant).toISOString();
  } catch {
    return new Date(year, month - 1, day, hour, minute).toISOString();
  }
}

/** Now on the workspace's clock as "YYYY-MM-DDTHH:MM" (a datetime-local value), `minutes` earlier. */
export function workspaceNow(minutes = 0) {
  const instant = Date.now() - minutes * 60 * 1000;
  const zone = session().tenant?.timeZone;
  let offset = -new Date(instant).getTimezoneOffset() * 60 * 1000;
  try {
    if (zone) offset = zoneOffset(instant, zone);
  } catch {
    // An unknown zone: the phone's own clock.
  }
  return new Date(instant + offset).toISOString().slice(0, 16);
}
