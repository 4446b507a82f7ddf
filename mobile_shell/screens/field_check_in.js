/**
 * 签到 at a customer: pick one of the rep's customers (the customers query; the first page is
 * kept for searching offline), optionally the customer's printed QR code (read by the camera
 * where the browser has BarcodeDetector, else typed or pasted) and up to nine photos (拍照: each
 * uploaded at once for that customer, ui/field_photos.js; not offline), then one tap takes the
 * position (high accuracy, about 10 s) and checks in with the uploaded photos. A refused or late
 * position checks in without one, and the screen says so. Offline, the check-in waits in the outbox with its clientId and the
 * time of the tap, and is sent once when the connection returns (待上传 until then).
 * ?customer=<id> opens it with that customer picked (the customer screen's 在此签到).
 */

import { FIELD_CUSTOMERS, FIELD_SETTINGS } from '../api/fieldsales.js';
import { isOnline } from '../core/connectivity.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { perform } from '../offline/queue.js';
import { customerById } from '../ui/customer_picker.js';
import { fill, h } from '../ui/element.js';
import { photoPicker, photoStrip } from '../ui/field_photos.js';
import { CHECK_IN, distanceText, newClientId, rememberCustomer, visitChips } from '../ui/field_visits.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { locate } from '../ui/geolocation.js';
import { icon } from '../ui/icons.js';
import { card, screenHeader } from '../ui/layout.js';
import { cameraScan } from '../ui/scanner.js';
import { errorText } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const FIRST_PAGE = 50;
const SEARCH_PAGE = 20;

function matches(customer, term) {
  const wanted = term.toLowerCase();
  return customer.name.toLowerCase().includes(wanted) || customer.code.toLowerCase().includes(wanted);
}

/** The customer search: the rep's customers as buttons, a search box, and the chosen one. */
function customerChooser({ onPick }) {
  const wrapper = field({ name: 'customerId', label: t('field.customer'), type: 'search', autocomplete: 'off', placeholder: t('field.customer_search') });
  const input = wrapper.querySelector('input');
  const results = h('ul', { class: 'field-customers', 'aria-label': t('field.customer_results'), 'aria-live': 'polite' });
  const chosen = h('div', { class: 'item-row field-customer-chosen', hidden: true });
  wrapper.querySelector('label').after(chosen);
  wrapper.append(results);
  let firstPage = [];
  let token = 0;
  let timer = 0;

  function list(customers, term) {
    return fill(
      results,
      customers.length
        ? customers.map((customer) =>
            h('li', {}, h('button', { type: 'button', class: 'field-customer', dataset: { customerId: customer.id }, onclick: () => pick(customer) }, h('strong', {}, customer.name), h('span', { class: 'muted small' }, customer.code))),
          )
        : h('li', { class: 'muted small' }, term ? t('field.customer_none', { term }) : t('field.customer_empty')),
    );
  }

  function show(customer) {
    input.hidden = !!customer;
    results.hidden = !!customer;
    chosen.hidden = !customer;
    if (!customer) return fill(chosen);
    const change = h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('field.customer_change_for', { name: customer.name }) }, t('field.customer_change'));
    change.addEventListener('click', () => {
      show(null);
      onPick(null);
      input.focus();
    });
    return fill(chosen, h('div', { class: 'item-main' }, h('strong', { dataset: { testid: 'field-customer-chosen' } }, customer.name), h('span', { class: 'muted small' }, customer.code)), change);
  }

  function pick(customer) {
    input.value = '';
    list(firstPage, '');
    show(customer);
    onPick(customer);
  }

  async function search(term) {
    const mine = ++token;
    if (!term) return list(firstPage, '');
    // Offline, the kept first page is searched here; online, the server searches them all
    // (pinyin and initials included).
    if (!isOnline()) return list(firstPage.filter((customer) => matches(customer, term)), term);
    try {
      const { customers } = await gql(FIELD_CUSTOMERS, { search: term, limit: SEARCH_PAGE });
      return mine === token ? list(customers.items, term) : results;
    } catch (error) {
      if (mine !== token) return results;
      if (error.isTransport) return list(firstPage.filter((customer) => matches(customer, term)), term);
      return fill(results, h('li', { class: 'field-error' }, errorText(error)));
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value.trim()), 250);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') event.preventDefault(); // a search box must not check in
  });

  async function loadFirstPage() {
    results.setAttribute('aria-busy', 'true');
    try {
      const { data } = await cachedQuery('field.customers', FIELD_CUSTOMERS, { search: '', limit: FIRST_PAGE });
      firstPage = data.customers.items;
      if (!input.value.trim()) list(firstPage, '');
    } catch (error) {
      fill(results, h('li', { class: 'field-error' }, errorText(error)));
    } finally {
      results.removeAttribute('aria-busy');
    }
  }

  return { element: wrapper, show, loadFirstPage };
}

/** The 扫码 field: the QR code's text, from the camera where the browser reads codes. */
function qrField() {
  const wrapper = field({ name: 'qrCode', label: t('field.qr'), type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', hint: t('field.qr_hint') });
  const input = wrapper.querySelector('input');
  if ('BarcodeDetector' in window && navigator.mediaDevices?.getUserMedia) {
    const camera = h('button', { type: 'button', class: 'button button-quiet button-small' }, icon('check', { size: 16 }), t('field.qr_camera'));
    camera.addEventListener('click', async () => {
      try {
        const code = await cameraScan();
        if (code) input.value = code;
      } catch {
        toast(t('scan.camera_failed'), { kind: 'error' });
      }
    });
    wrapper.querySelector('label').after(h('div', { class: 'scan-row' }, input, camera));
  }
  return wrapper;
}

function positionText(fix) {
  if (fix.position) {
    const accuracy = fix.position.accuracy;
    return accuracy ? t('field.position_taken', { accuracy: formatNumber(Math.round(Number(accuracy))) }) : t('field.position_taken_plain');
  }
  return t(`field.no_fix.${fix.problem}`);
}

function verdictText(visit, fix) {
  if (visit.verdict === 'in_range') return t('field.in_range_text', { radius: formatNumber(visit.radiusMeters) });
  if (visit.verdict === 'out_of_range') return t('field.out_of_range_text', { distance: distanceText(visit.distanceMeters), radius: formatNumber(visit.radiusMeters) });
  if (visit.verdict === 'unverifiable') return t('field.unverifiable_text');
  return fix.position ? t('field.no_site_text') : positionText(fix);
}

export function mount(root, { query }) {
  const state = { customer: null };
  const host = h('div', { class: 'field-check-in-host' });
  const radiusLine = h('p', { class: 'muted small' });
  const positionLine = h('p', { class: 'field-position', role: 'status', dataset: { testid: 'field-position' } }, icon('pin', { size: 18 }), t('field.position_on_tap'));
  // Text only: busy() swaps the label for 处理中 and back as plain text.
  const submit = h('button', { type: 'submit', class: 'button button-block field-check-in', dataset: { testid: 'field-check-in-submit' } }, t('field.check_in'));
  const photos = photoPicker();
  const pick = (customer) => {
    state.customer = customer;
    photos.setCustomer(customer);
  };
  const chooser = customerChooser({ onPick: pick });
  const form = h('form', { class: 'field-check-in-form', novalidate: true, 'aria-label': t('field.check_in_title') }, formError(), chooser.element, qrField(), photos.element, positionLine, radiusLine, submit);
  const back = h('a', { href: appUrl('/field'), class: 'button button-quiet' }, t('field.my_day'));

  function result({ visit = null, queued = false, fix, customer, photoCount = 0 }) {
    const actions = h(
      'div',
      { class: 'form-actions field-actions' },
      h('a', { href: appUrl('/field'), class: 'button' }, t('field.back_to_day')),
      h('button', { type: 'button', class: 'button button-quiet', onclick: reset }, t('field.check_in_another')),
    );
    const panel = queued
      ? card(
          t('field.queued_title', { name: customer.name }),
          h('div', { class: 'visit-chips' }, h('span', { class: 'chip chip-pending' }, icon('upload', { size: 14 }), t('field.pending_upload'))),
          h('p', {}, t('field.queued_text')),
          h('p', { class: 'muted' }, positionText(fix)),
          photoCount ? h('p', { class: 'muted' }, t('field.queued_photos', { count: formatNumber(photoCount) })) : null,
          actions,
        )
      : card(
          t('field.checked_in_title', { name: visit.customer.name }),
          visitChips(visit),
          h('p', { class: 'field-verdict-text' }, verdictText(visit, fix)),
          !fix.position && visit.verdict === 'no_position' ? null : h('p', { class: 'muted' }, positionText(fix)),
          photoStrip(visit.photos),
          actions,
        );
    panel.classList.add('field-result');
    panel.setAttribute('role', 'status');
    panel.dataset.testid = 'field-result';
    fill(host, panel);
    panel.querySelector('a').focus();
  }

  function reset() {
    form.reset();
    clearErrors(form);
    pick(null);
    chooser.show(null);
    fill(positionLine, icon('pin', { size: 18 }), t('field.position_on_tap'));
    fill(host, form);
    form.querySelector('input').focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const customer = state.customer;
    if (!customer) return showErrors(form, [{ field: 'customerId', code: 'required', message: t('field.customer_required') }]);
    // The phone's time at the tap: an offline check-in keeps it however late it is sent.
    const capturedAt = new Date().toISOString();
    const clientId = newClientId();
    return busy(submit, async () => {
      fill(positionLine, icon('pin', { size: 18 }), t('field.locating'));
      const fix = await locate();
      fill(positionLine, icon('pin', { size: 18 }), positionText(fix));
      const qrCode = form.elements.qrCode.value.trim() || null;
      // Photos still uploading go with the check-in; those that failed stay behind (it says so).
      await photos.settled();
      const photoIds = photos.ids();
      const input = { customerId: customer.id, clientId, capturedAt, qrCode, ...(fix.position || {}), ...(photoIds.length ? { photoIds } : {}) };
      rememberCustomer(customer);
      const outcome = await perform(CHECK_IN, input);
      if (outcome.status === 'rejected') return showErrors(form, outcome.errors.map((error) => (error.field?.startsWith('photoIds') ? { ...error, field: 'photoIds' } : error)));
      photos.clear();
      if (outcome.status === 'queued') return result({ queued: true, fix, customer, photoCount: photoIds.length });
      return result({ visit: outcome.payload.visit, fix, customer });
    });
  });

  async function loadRadius() {
    try {
      const { data } = await cachedQuery('field.settings', FIELD_SETTINGS);
      radiusLine.textContent = t('field.radius_hint', { radius: formatNumber(data.fieldSettings.radiusMeters) });
    } catch {
      radiusLine.textContent = ''; // the check-in works without knowing the radius
    }
  }

  async function preselect() {
    const id = query.get('customer');
    if (!id) return;
    const customer = await customerById(id);
    if (customer && !state.customer) {
      pick(customer);
      chooser.show(customer);
    }
  }

  fill(root, screenHeader(t('field.check_in_title'), back), host);
  fill(host, form);
  chooser.loadFirstPage();
  loadRadius();
  preselect();
  return { refresh: () => chooser.loadFirstPage(), unmount: () => photos.stop() };
}
