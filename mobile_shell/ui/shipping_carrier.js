/**
 * A tracking-number field (快递单号) with a live carrier suggestion: as the number is typed or
 * scanned (a scanner types it and presses Enter), carrierSuggest ranks the carriers it fits;
 * the one clear carrier is chosen by itself, several possible ones are offered to tap, and a
 * select of every active carrier allows choosing by hand when the number tells nothing. A
 * number already used by another shipment is flagged. No carrier chosen means "let the server
 * detect it", which it does only when the number is unambiguous.
 */

import { CARRIER_SUGGEST, SHIPPING_CARRIERS } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { field } from './form.js';

const FRESH_MS = 5 * 60 * 1000;

let cached = null; // { at, promise }

/** The workspace's active carriers, most used first (kept for a few minutes). */
export function loadCarriers() {
  if (!cached || Date.now() - cached.at > FRESH_MS) {
    const promise = gql(SHIPPING_CARRIERS).then((data) => data.carriers);
    cached = { at: Date.now(), promise };
    promise.catch(() => {
      cached = null; // try again next time
    });
  }
  return cached.promise;
}

/** Forget the kept list, after a carrier was added or switched on or off here. */
export function forgetCarriers() {
  cached = null;
}

function normalise(value) {
  return String(value || '').replace(/[\s\-_/]+/g, '').toUpperCase();
}

/**
 * trackingField({ name, label, value, carrierId, compact, onEnter }) → { element, input, read(),
 * set(number, carrierId), focus() }. `compact` (a batch row) keeps the labels for screen
 * readers only and shows the candidates in the select rather than as buttons.
 */
export function trackingField({ name = 'trackingNumber', label = t('carrier.tracking'), carrierLabel = t('carrier.label'), value = '', carrierId = '', compact = false, onEnter = null }) {
  const wrapper = field({
    name,
    label,
    value,
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    enterkeyhint: onEnter ? 'next' : 'done',
    maxlength: 60,
    placeholder: compact ? t('carrier.tracking') : t('carrier.tracking_hint'),
  });
  const input = wrapper.querySelector('input');
  const chooser = field({ name: 'carrierId', label: carrierLabel, options: [{ value: '', label: t('carrier.auto') }] });
  const select = chooser.querySelector('select');
  if (compact) {
    wrapper.querySelector('label').classList.add('visually-hidden');
    chooser.querySelector('label').classList.add('visually-hidden');
  }
  const status = h('p', { class: 'muted small carrier-status', 'aria-live': 'polite' });
  const candidatesList = h('ul', { class: 'roles carrier-candidates', 'aria-label': t('carrier.candidates') });
  const state = { chosen: carrierId || '', manual: Boolean(carrierId), candidates: [], token: 0, asked: '' };
  let timer = 0;
  let carriers = [];

  function drawSelect() {
    const suggested = state.candidates.map((one) => one.carrier);
    const rest = carriers.filter((one) => !suggested.some((s) => s.id === one.id));
    const option = (carrier, hint) => h('option', { value: carrier.id, selected: carrier.id === state.chosen }, hint ? `${carrier.name}（${hint}）` : carrier.name);
    fill(
      select,
      h('option', { value: '', selected: !state.chosen }, t('carrier.auto')),
      suggested.length > 0 && h('optgroup', { label: t('carrier.suggested') }, state.candidates.map((one) => option(one.carrier, t(`carrier.confidence.${one.confidence}`)))),
      rest.length > 0 && (suggested.length ? h('optgroup', { label: t('carrier.all') }, rest.map((one) => option(one))) : rest.map((one) => option(one))),
    );
    if (state.chosen && !carriers.some((one) => one.id === state.chosen) && !suggested.some((one) => one.id === state.chosen)) {
      select.append(h('option', { value: state.chosen, selected: true }, t('carrier.chosen')));
    }
    select.value = state.chosen;
  }

  function choose(id, { manual }) {
    state.chosen = id;
    state.manual = manual;
    drawSelect();
    drawCandidates();
    describe();
  }

  function drawCandidates() {
    if (compact) return;
    fill(
      candidatesList,
      state.candidates.map((one) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: one.carrier.id === state.chosen ? 'button button-small' : 'button button-quiet button-small',
              'aria-pressed': one.carrier.id === state.chosen ? 'true' : 'false',
              dataset: { carrierCode: one.carrier.code, confidence: one.confidence },
              onclick: () => choose(one.carrier.id, { manual: true }),
            },
            `${one.carrier.name} · ${t(`carrier.confidence.${one.confidence}`)}`,
          ),
        ),
      ),
    );
  }

  function describe() {
    const number = normalise(input.value);
    const chosen = state.candidates.find((one) => one.carrier.id === state.chosen)?.carrier || carriers.find((one) => one.id === state.chosen);
    const taken = state.candidates.find((one) => one.carrier.id === state.chosen && one.takenBy);
    status.classList.toggle('field-error', Boolean(taken));
    if (taken) status.textContent = t('carrier.taken', { shipment: taken.takenBy });
    else if (!number || number.length < 2) status.textContent = '';
    else if (chosen) status.textContent = t(state.manual ? 'carrier.chosen_by_hand' : 'carrier.detected', { name: chosen.name });
    else if (state.candidates.some((one) => one.complete)) status.textContent = t('carrier.ambiguous');
    else if (state.candidates.length) status.textContent = t('carrier.partial');
    else status.textContent = t('carrier.unknown');
    wrapper.dataset.carrier = chosen ? chosen.code : '';
  }

  async function suggest() {
    const number = normalise(input.value);
    if (number === state.asked) return;
    state.asked = number;
    const mine = ++state.token;
    if (number.length < 2) {
      state.candidates = [];
      if (!state.manual) state.chosen = '';
      drawSelect();
      drawCandidates();
      describe();
      return;
    }
    try {
      const { carrierSuggest: result } = await gql(CARRIER_SUGGEST, { trackingNumber: number });
      if (mine !== state.token) return;
      state.candidates = result.candidates;
      if (!state.manual) state.chosen = result.best ? result.best.carrier.id : '';
      drawSelect();
      drawCandidates();
      describe();
    } catch {
      if (mine === state.token) status.textContent = ''; // the suggestion is a help; shipping still works
    }
  }

  input.addEventListener('input', () => {
    if (!input.value.trim()) state.manual = false; // a carrier chosen by hand stays while the number is corrected
    clearTimeout(timer);
    timer = setTimeout(suggest, 200);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // a scanner's Enter must not submit the form half-filled
    clearTimeout(timer);
    suggest();
    if (onEnter) onEnter();
  });
  select.addEventListener('change', () => choose(select.value, { manual: select.value !== '' }));

  loadCarriers()
    .then((list) => {
      carriers = list;
      drawSelect();
      describe();
    })
    .catch(() => {
      // Without the list, detection by number still works.
    });
  if (value) suggest();

  const element = h(
    'div',
    { class: compact ? 'tracking-field tracking-compact' : 'tracking-field' },
    wrapper,
    !compact && candidatesList,
    status,
    chooser,
  );
  return {
    element,
    input,
    read: () => ({ trackingNumber: input.value.trim(), carrierId: state.chosen || null }),
    set(number, id = '') {
      input.value = number || '';
      state.chosen = id || '';
      state.manual = Boolean(id);
      state.asked = null;
      suggest();
    },
    focus() {
      input.focus();
      input.select();
    },
  };
}
