/**
 * What the shipping screens share: the links between them, status chips, delivery methods, the
 * filters of the orders to ship (delivery method, rep, due dates), "today" in the workspace's
 * time zone, and multipart / JSON posts to shipping's plain HTTP endpoints with the CSRF token.
 */

import { ApiError } from '../core/graphql.js';
import { isOnline } from '../core/connectivity.js';
import { hasScope, session } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { hasText, t } from '../i18n/i18n.js';
import { h } from './element.js';
import { field } from './form.js';

export const DELIVERY_METHODS = ['express', 'logistics', 'delivery', 'pickup'];
export const SHIPPER = 'shipping.manage';
export const SIGNBACK_SCOPES = ['shipping.manage', 'orders.edit'];
export const TEMPLATE_SCOPES = ['shipping.manage', 'tenant.manage'];
const DELIVERY_SCOPES = ['shipping.manage', 'orders.view_shipping', 'orders.view_all', 'orders.view_own'];

const SECTIONS = [
  { id: 'shipping', path: '/shipping', label: 'shipping.section.list', scope: SHIPPER },
  { id: 'shipping-batch', path: '/shipping/batch', label: 'shipping.section.batch', scope: SHIPPER },
  { id: 'shipping-verify', path: '/shipping/verify', label: 'shipping.section.verify', scope: SHIPPER },
  { id: 'shipping-signback', path: '/shipping/signback', label: 'shipping.section.signback', scope: SIGNBACK_SCOPES },
  { id: 'shipping-shipments', path: '/shipping/shipments', label: 'shipping.section.shipments', scope: DELIVERY_SCOPES },
  { id: 'shipping-deliveries', path: '/shipping/deliveries', label: 'shipping.section.deliveries', scope: DELIVERY_SCOPES },
  { id: 'shipping-templates', path: '/shipping/templates', label: 'shipping.section.templates', scope: TEMPLATE_SCOPES },
];

/** The shipping screens as a row of links under the title; the current one is marked. */
export function shippingSections(current) {
  // One row that scrolls sideways on a narrow phone rather than squeezing the labels.
  return h(
    'nav',
    { class: 'shipping-sections', 'aria-label': t('shipping.sections'), style: { display: 'flex', gap: '8px', overflowX: 'auto', paddingBottom: '8px', marginBottom: '8px' } },
    SECTIONS.filter((one) => hasScope(one.scope)).map((one) =>
      h(
        'a',
        {
          href: appUrl(one.path),
          class: one.id === current ? 'button button-small' : 'button button-quiet button-small',
          'aria-current': one.id === current ? 'page' : null,
          style: { flex: '0 0 auto', whiteSpace: 'nowrap' },
        },
        t(one.label),
      ),
    ),
  );
}

export function methodLabel(method) {
  return DELIVERY_METHODS.includes(method) ? t(`shipping.method.${method}`) : method || '—';
}

const ORDER_TONES = { pending_shipment: 'chip-pending', partly_shipped: 'chip-pending', pending_signback: 'chip-pending', cancelled: 'chip-bad' };
const ORDER_STATUSES = ['pending_shipment', 'partly_shipped', 'pending_signback', 'completed', 'cancelled'];

export function orderStatusChip(status) {
  // Whoever may open any order here (a manager) can meet the statuses before shipping too.
  const label = ORDER_STATUSES.includes(status) ? t(`shipping.order_status.${status}`) : hasText(`order.status.${status}`) ? t(`order.status.${status}`) : status;
  return h('span', { class: `chip ${ORDER_TONES[status] || ''}`, dataset: { status } }, label);
}

const SHIPMENT_STATUSES = ['packing', 'shipped', 'signed', 'cancelled'];

export function shipmentStatusChip(status) {
  const tone = { packing: 'chip-pending', cancelled: 'chip-bad' }[status] || '';
  const label = SHIPMENT_STATUSES.includes(status) ? t(`shipping.shipment_status.${status}`) : status;
  return h('span', { class: `chip ${tone}`, dataset: { shipmentStatus: status } }, label);
}

/** YYYY-MM-DD of today (or `date`) in the workspace's time zone, for date inputs and lists. */
export function workspaceDay(date = new Date()) {
  const zone = session().tenant?.timeZone;
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  }
}

/**
 * The filters of the orders to ship: delivery method, rep (from the per-rep summary, so only
 * reps with orders to ship are offered), due date from / to and a search. onChange(filter)
 * gets a ShippingOrderFilterInput.
 */
export function orderFilters({ onChange, search = true }) {
  const state = { deliveryMethod: '', repId: '', dateFrom: '', dateTo: '', search: '' };
  const method = field({
    name: 'deliveryMethod',
    label: t('shipping.filter.method'),
    options: [{ value: '', label: t('shipping.filter.method_all') }, ...DELIVERY_METHODS.map((value) => ({ value, label: methodLabel(value) }))],
  });
  const rep = field({ name: 'repId', label: t('shipping.filter.rep'), options: [{ value: '', label: t('shipping.filter.rep_all') }] });
  const from = field({ name: 'dateFrom', label: t('shipping.filter.date_from'), type: 'date' });
  const to = field({ name: 'dateTo', label: t('shipping.filter.date_to'), type: 'date' });
  const text = search && field({ name: 'search', label: t('shipping.filter.search'), type: 'search', autocomplete: 'off', placeholder: t('shipping.filter.search_hint') });

  const filter = () => ({
    deliveryMethod: state.deliveryMethod || null,
    repId: state.repId || null,
    dateFrom: state.dateFrom || null,
    dateTo: state.dateTo || null,
    search: state.search,
  });
  const changed = () => onChange(filter());
  for (const [wrapper, key] of [[method, 'deliveryMethod'], [rep, 'repId'], [from, 'dateFrom'], [to, 'dateTo']]) {
    wrapper.querySelector('select, input').addEventListener('change', (event) => {
      state[key] = event.target.value;
      changed();
    });
  }
  let debounce = 0;
  if (text) {
    text.querySelector('input').addEventListener('input', (event) => {
      clearTimeout(debounce);
      debounce = setTimeout(() => {
        state.search = event.target.value.trim();
        changed();
      }, 300);
    });
  }
  // The search stays in view; the rest folds away on a phone until asked for.
  const more = h('details', { class: 'shipping-filters' }, h('summary', { style: { cursor: 'pointer', padding: '10px 0', fontWeight: '600' } }, t('shipping.filter.more')), h('div', { class: 'filters filters-stack' }, method, rep, from, to));
  const element = h('form', { class: 'filters-host', role: 'search', onsubmit: (event) => event.preventDefault() }, text, more);

  /** The reps that have orders to ship, as [{ key, name }] from ordersToShipSummary(REP). */
  function setReps(rows) {
    const select = rep.querySelector('select');
    for (const row of rows) select.append(h('option', { value: row.key }, row.name));
  }
  return { element, filter, setReps };
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

async function send(url, init) {
  if (!isOnline()) throw new ApiError('offline');
  let response;
  try {
    response = await fetch(url, { method: 'POST', credentials: 'same-origin', ...init, headers: { 'X-CSRFToken': csrfToken(), ...(init.headers || {}) } });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError('network');
  }
  if (response.status === 403 && !(response.headers.get('content-type') || '').includes('json')) {
    throw new ApiError('csrf_failed', '', { status: 403 }); // Django's CSRF refusal is an HTML page
  }
  return response;
}

/**
 * POSTs a FormData (sign-back photos, a tracking-number sheet) and returns the JSON body; the
 * endpoint's typed errors come back as { errors: [...] } like a mutation's. Transport problems
 * throw ApiError.
 */
export async function postForm(url, form) {
  const response = await send(url, { body: form });
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new ApiError('http_error', '', { status: response.status });
  }
  if (!response.ok && !body?.errors?.length) throw new ApiError('http_error', '', { status: response.status });
  if (response.status === 401) throw new ApiError('unauthenticated', '', { status: 401 });
  return body;
}

/** POSTs JSON and returns the response's text (the print preview); errors as ApiError. */
export async function postJsonForText(url, data, { signal } = {}) {
  const response = await send(url, { body: JSON.stringify(data), headers: { 'Content-Type': 'application/json' }, signal });
  if (!response.ok) {
    let first = null;
    try {
      first = (await response.json())?.errors?.[0];
    } catch {
      // not JSON: a transport-level failure
    }
    throw new ApiError(first?.code || 'http_error', first?.message || '', { field: first?.field || null, status: response.status });
  }
  return response.text();
}
