/**
 * 拜访 (/field/visits/<id>): one visit — the customer, when, the range verdict, distance, the QR
 * proof, 离线补传, the photos, whether the rep has checked out — and its record (拜访记录): the
 * visit type, the type's own form (ui/visit_form.js), purpose, notes, the follow-up date and the
 * orders taken there (the customer's orders the rep placed that day, ticked to link them; 开单
 * opens the order form for the customer, and the rep comes back here to tick the new order).
 *
 * Only the visit's own rep records it, for a week; anyone else who may see it (their managers)
 * reads it. Saving goes through the outbox (visit.record): made offline, the record waits on the
 * phone and is sent once; a record waiting there is what the form shows until it is sent.
 * /field/visits/pending?client=<clientId> records a visit whose check-in itself still waits in
 * the outbox: the record names the check-in by its clientId, the outbox sends the check-in first
 * (in the order they were queued), and orders can be linked once the check-in has arrived.
 */

import { VISIT_GET, VISIT_KINDS, VISIT_ORDER_CANDIDATES } from '../api/field_visits.js';
import { isOnline } from '../core/connectivity.js';
import { on } from '../core/events.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { session } from '../core/session.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDate, formatDateTime, t } from '../i18n/i18n.js';
import { discard, flush, perform, queuedItems } from '../offline/queue.js';
import { textArea } from '../ui/customer_fields.js';
import { fill, h } from '../ui/element.js';
import { photoStrip } from '../ui/field_photos.js';
import { today } from '../ui/finance_fields.js';
import { CHECK_IN, RECORD, customerName, visitChips } from '../ui/field_visits.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { icon } from '../ui/icons.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { may, statusChip } from '../ui/order_status.js';
import { money } from '../ui/quantity.js';
import { emptyView, errorText, errorView, loadingView, staleNotice } from '../ui/states.js';
import { toast } from '../ui/toast.js';
import { answerFields, answerText, dayOf } from '../ui/visit_form.js';

// The server refuses changes to a visit older than this (saas/fieldsales/visit_records.py).
const EDITABLE_MS = 7 * 24 * 3600 * 1000;

/** The form's starting values from a visit as recorded. */
function fromVisit(visit) {
  return {
    kindId: visit.kind?.id || '',
    purpose: visit.purpose,
    notes: visit.notes,
    followUpOn: visit.followUpOn || '',
    answers: new Map(visit.answers.map((answer) => [answer.key, answer])),
    orderIds: visit.orders.map((order) => order.id),
  };
}

/** The form's starting values from a record waiting in the outbox (its input, as queued). */
function fromInput(input, visit) {
  return {
    kindId: input.kindId || '',
    purpose: input.purpose || '',
    notes: input.notes ?? visit?.notes ?? '',
    followUpOn: input.followUpOn || '',
    answers: new Map((input.answers || []).map((answer) => [answer.key, answer])),
    orderIds: input.orderIds ?? (visit ? visit.orders.map((order) => order.id) : []),
  };
}

/** The visit's facts: customer, rep (for others), times, the chips, photos, check-out. */
function visitFacts(visit, { own }) {
  const late = visit.capturedOffline && visit.capturedAt;
  const panel = card(
    null,
    h('a', { href: appUrl(`/customers/${visit.customer.id}`), class: 'visit-customer visit-facts-customer' }, visit.customer.name),
    visitChips(visit),
    facts([
      !own && [t('field.rep'), visit.rep.fullName],
      [t('fvisit.checked_in'), formatDateTime(late ? visit.capturedAt : visit.checkedInAt)],
      late && [t('fvisit.received'), formatDateTime(visit.checkedInAt)],
      [t('fvisit.check_out'), visit.checkedOutAt ? formatDateTime(visit.checkedOutAt) : t('fvisit.not_checked_out')],
    ]),
    photoStrip(visit.photos),
  );
  panel.dataset.testid = 'visit-facts';
  return panel;
}

/** A check-in still in the outbox: the customer, the time of the tap, 待上传. */
function pendingFacts(item) {
  const failed = item.state === 'failed';
  const panel = card(
    null,
    h('strong', { class: 'visit-customer visit-facts-customer' }, customerName(item.input.customerId)),
    h('div', { class: 'visit-chips' }, h('span', { class: failed ? 'chip chip-bad' : 'chip chip-pending' }, icon(failed ? 'alert' : 'upload', { size: 14 }), t(failed ? 'field.upload_failed' : 'field.pending_upload'))),
    facts([[t('fvisit.checked_in'), formatDateTime(item.input.capturedAt || item.createdAt)]]),
    h('p', { class: 'muted small' }, t('fvisit.pending_explain')),
  );
  panel.dataset.testid = 'visit-facts';
  return panel;
}

/** The record, read only: type, purpose, the answers with their labels, follow-up, orders. */
function recordView(visit, { locked }) {
  const note = locked && h('p', { class: 'muted small' }, t('fvisit.locked'));
  if (!visit.recordedAt) return card(t('fvisit.record_title'), note, h('p', { class: 'muted', dataset: { testid: 'visit-not-recorded' } }, t('fvisit.not_recorded')));
  const orders = visit.orders.length
    ? h('ul', { class: 'visit-linked-orders' }, visit.orders.map((order) => h('li', {}, h('a', { href: appUrl(`/orders/${order.id}`) }, order.number), ' ', statusChip(order.status), ' ', money(order.totalAmount))))
    : null;
  const list = facts([
    [t('fvisit.kind'), visit.kind?.name],
    [t('fvisit.purpose'), visit.purpose || null],
    ...visit.answers.map((answer) => [answer.label, answerText(answer)]),
    [t('fvisit.follow_up'), visit.followUpOn ? formatDate(`${visit.followUpOn}T12:00:00`) : null],
    [t('field.notes'), visit.notes || null],
    [t('fvisit.orders'), orders],
    [t('fvisit.recorded_at'), formatDateTime(visit.recordedAt)],
  ]);
  list.dataset.testid = 'visit-record';
  return card(t('fvisit.record_title'), note, list);
}

export function mount(root, { params, query }) {
  const me = session().user;
  // The check-in's clientId: the pending screen's key, and kept on the visit's own screen once
  // the check-in has arrived, to find a record still queued under it.
  const clientId = query.get('client');
  const pending = !params.id;
  const title = h('span', {}, t('fvisit.title'));
  const body = h('div', { class: 'field-visit-body' });
  const state = { visit: null, checkIn: null, queued: null, kinds: null, candidates: null, dirty: false };

  /** The orders that can be linked, each a checkbox of its own (errors name one: orderIds.<n>). */
  function ordersBlock(values, customerId) {
    const candidates = state.candidates;
    const linked = new Set(values.orderIds);
    let list;
    if (candidates === null) list = h('p', { class: 'muted small' }, t(state.visit ? 'fvisit.orders_unavailable' : 'fvisit.orders_after_upload'));
    else if (!candidates.length) list = h('p', { class: 'muted small' }, t('fvisit.orders_none'));
    else {
      list = h(
        'ul',
        { class: 'visit-order-list' },
        candidates.map((order) =>
          h(
            'li',
            { class: 'field visit-order', dataset: { field: `order.${order.id}` } },
            h('label', { class: 'check-row' }, h('input', { type: 'checkbox', name: 'orderIds', value: order.id, checked: linked.has(order.id) }), h('span', { class: 'visit-order-number' }, order.number), statusChip(order.status), h('span', { class: 'visit-order-amount' }, money(order.totalAmount))),
            h('p', { class: 'field-error', hidden: true }),
          ),
        ),
      );
    }
    // The order form opens for this customer; the rep comes back to tick the new order.
    const newOrder = may.edit() && h('a', { href: appUrl(`/orders/new?customerId=${encodeURIComponent(customerId)}`), class: 'button button-quiet button-small', dataset: { testid: 'visit-new-order' } }, icon('plus', { size: 16 }), t('fvisit.new_order'));
    // The group's own error slot comes first: showErrors() fills the first one it finds.
    return h('fieldset', { class: 'field visit-orders', dataset: { field: 'orderIds' } }, h('legend', {}, t('fvisit.orders')), h('p', { class: 'field-error', hidden: true }), list, newOrder && h('div', { class: 'visit-orders-actions' }, newOrder, h('span', { class: 'muted small' }, t('fvisit.new_order_hint'))));
  }

  function recordForm(values, customerId, visitDay) {
    const kinds = state.kinds;
    const offered = kinds ? kinds.filter((kind) => !kind.archived || kind.id === values.kindId) : [];
    // A type the list does not hold (an offline copy older than it): the visit's own, as recorded.
    if (state.visit?.kind && !offered.some((kind) => kind.id === state.visit.kind.id) && state.visit.kind.id === values.kindId) offered.push(state.visit.kind);
    const answersHost = h('div', { class: 'visit-answers-host' });
    let answers = null;
    const showKind = (kindId, carried) => {
      const kind = offered.find((one) => one.id === kindId);
      answers = kind ? answerFields(kind, carried) : null;
      fill(answersHost, answers && answers.element, kind && kind.fields.some((spec) => spec.required) && h('p', { class: 'hint' }, t('fvisit.required_hint')));
    };
    const kindField = kinds
      ? field({ name: 'kindId', label: t('fvisit.kind'), value: values.kindId, options: [{ value: '', label: t('fvisit.kind_none') }, ...offered.map((kind) => ({ value: kind.id, label: kind.name }))] })
      : h('p', { class: 'muted small' }, t('fvisit.kinds_unavailable'));
    const submit = h('button', { type: 'submit', class: 'button button-block', dataset: { testid: 'visit-record-save' } }, t('fvisit.save'));
    const form = h(
      'form',
      { class: 'visit-record-form', novalidate: true, 'aria-label': t('fvisit.record_title') },
      formError(),
      kindField,
      answersHost,
      field({ name: 'purpose', label: t('fvisit.purpose'), value: values.purpose, maxlength: 200, autocomplete: 'off' }),
      textArea({ name: 'notes', label: t('field.notes'), value: values.notes, rows: 3 }),
      field({ name: 'followUpOn', label: t('fvisit.follow_up'), type: 'date', value: values.followUpOn, min: visitDay }),
      ordersBlock(values, customerId),
      h('div', { class: 'form-actions sticky-actions' }, submit),
    );
    showKind(values.kindId, values.answers);
    if (kinds) {
      form.elements.kindId.addEventListener('change', (event) => {
        // What was typed for a key carries over to another type asking the same key.
        showKind(event.target.value, answers ? answers.values() : values.answers);
      });
    }
    form.addEventListener('input', () => {
      state.dirty = true;
    });

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      const kindId = kinds ? form.elements.kindId.value : values.kindId;
      const read = answers ? answers.read() : { answers: [], problems: [] };
      if (read.problems.length) return showErrors(form, read.problems);
      const orderIds = state.candidates === null ? null : [...form.querySelectorAll('input[name="orderIds"]:checked')].map((input) => input.value);
      const input = {
        ...(state.visit ? { visitId: state.visit.id } : { visitClientId: clientId }),
        kindId: kindId || null,
        purpose: form.elements.purpose.value.trim(),
        notes: form.elements.notes.value,
        followUpOn: form.elements.followUpOn.value || null,
        answers: kindId ? read.answers : [],
        orderIds,
      };
      // The server names a refused order by its place in orderIds; its checkbox is by its id.
      const place = (error) => {
        const at = /^orderIds\.(\d+)$/.exec(error.field || '');
        if (at && orderIds?.[Number(at[1])]) return { ...error, field: `order.${orderIds[Number(at[1])]}` };
        return error.field === 'id' || error.field === 'visitId' || error.field === 'visitClientId' ? { ...error, field: null } : error;
      };
      return busy(submit, async () => {
        // The check-in first, when the connection allows: the record names it.
        if (!state.visit && isOnline()) await flush();
        // This save replaces a record still waiting: sending both could land the older last.
        const waiting = (await queuedItems()).find((item) => item.type === RECORD && matches(item));
        if (waiting) await discard(waiting.id);
        const outcome = await perform(RECORD, input);
        if (outcome.status === 'rejected') return showErrors(form, outcome.errors.map(place));
        state.dirty = false;
        if (outcome.status === 'queued') {
          toast(t('fvisit.queued'), { kind: 'success' });
          return load();
        }
        toast(t('fvisit.saved'), { kind: 'success' });
        const saved = outcome.payload.visit;
        if (!state.visit) return navigate(`/field/visits/${saved.id}?client=${encodeURIComponent(clientId)}`, { replace: true });
        return load();
      });
    });
    return form;
  }

  /** A record in the outbox for this visit (by its id, or the queued check-in's clientId). */
  function matches(item) {
    return (state.visit && item.input.visitId === state.visit.id) || (!!clientId && item.input.visitClientId === clientId);
  }

  function queuedNotice() {
    const item = state.queued;
    if (!item) return null;
    const failed = item.state === 'failed';
    return h(
      'p',
      { class: failed ? 'notice visit-notice-failed' : 'notice', role: 'status', dataset: { testid: 'visit-record-queued' } },
      icon(failed ? 'alert' : 'upload', { size: 18 }),
      failed ? [t('fvisit.queued_failed', { reason: errorText(item.error) }), ' ', h('a', { href: appUrl('/outbox') }, t('field.open_outbox'))] : t('fvisit.queued_notice'),
    );
  }

  function draw(stale, savedAt) {
    const visit = state.visit;
    const own = visit ? visit.rep.id === me.id : true;
    const locked = visit && Date.now() - Date.parse(visit.checkedInAt) > EDITABLE_MS;
    const name = visit ? visit.customer.name : customerName(state.checkIn.input.customerId);
    title.textContent = t('fvisit.title_for', { name });
    const editable = own && !locked;
    const values = state.queued ? fromInput(state.queued.input, visit) : visit ? fromVisit(visit) : fromInput({}, null);
    const customerId = visit ? visit.customer.id : state.checkIn.input.customerId;
    const visitDay = dayOf(visit ? (visit.capturedOffline && visit.capturedAt) || visit.checkedInAt : state.checkIn.input.capturedAt || state.checkIn.createdAt);
    // Back to the day the visit is on, the rep's own for a manager.
    const dayQuery = new URLSearchParams();
    if (!own) dayQuery.set('rep', visit.rep.id);
    if (visitDay !== today()) dayQuery.set('date', visitDay);
    back.href = appUrl(`/field${dayQuery.toString() ? `?${dayQuery}` : ''}`);
    back.textContent = t(own ? 'field.my_day' : 'nav.field');
    fill(
      body,
      stale && staleNotice(savedAt),
      visit ? visitFacts(visit, { own }) : pendingFacts(state.checkIn),
      editable ? card(t('fvisit.record_title'), queuedNotice(), recordForm(values, customerId, visitDay)) : recordView(visit, { locked: own && locked }),
    );
  }

  async function loadVisit() {
    const { data, stale, savedAt } = await cachedQuery('field.visit', VISIT_GET, { id: params.id });
    // The offline copy is of the last visit opened: another visit's is no answer.
    if (data.visit.id !== params.id) throw Object.assign(new Error('offline'), { isTransport: true, code: 'offline' });
    state.visit = data.visit;
    return { stale, savedAt };
  }

  async function loadExtras() {
    const editable = state.visit ? state.visit.rep.id === me.id : true;
    if (!editable) return;
    const kinds = cachedQuery('field.visit_kinds', VISIT_KINDS, { includeArchived: true })
      .then(({ data }) => data.visitKinds)
      .catch(() => null);
    const candidates = state.visit && isOnline() ? gql(VISIT_ORDER_CANDIDATES, { visitId: state.visit.id }).then((data) => data.visitOrderCandidates).catch(() => null) : Promise.resolve(null);
    [state.kinds, state.candidates] = await Promise.all([kinds, candidates]);
  }

  let loading = 0;
  async function load() {
    const mine = ++loading;
    fill(body, loadingView(3));
    try {
      let shown = { stale: false, savedAt: null };
      const items = await queuedItems();
      if (pending) {
        state.checkIn = items.find((item) => item.type === CHECK_IN && item.input.clientId === clientId) || null;
        if (!state.checkIn) {
          return fill(body, emptyView({ iconName: 'check', title: t('fvisit.pending_gone'), hint: t('fvisit.pending_gone_hint'), action: h('a', { href: appUrl('/field'), class: 'button button-small' }, t('field.back_to_day')) }));
        }
      } else {
        shown = await loadVisit();
      }
      state.queued = items.find((item) => item.type === RECORD && matches(item)) || null;
      await loadExtras();
      if (mine !== loading) return undefined;
      return draw(shown.stale, shown.savedAt);
    } catch (error) {
      if (mine !== loading) return undefined;
      if (error.code === 'not_found') return fill(body, emptyView({ iconName: 'pin', title: t('fvisit.not_found'), hint: t('fvisit.not_found_hint'), action: h('a', { href: appUrl('/field'), class: 'button button-small' }, t('field.my_day')) }));
      if (error.code === 'offline') return fill(body, emptyView({ iconName: 'offline', title: t('fvisit.offline_unknown'), action: h('a', { href: appUrl('/field'), class: 'button button-small' }, t('field.my_day')) }));
      return fill(body, errorView(error, { retry: load }));
    }
  }

  const back = h('a', { href: appUrl('/field'), class: 'button button-quiet' }, t('nav.field'));
  fill(root, screenHeader(title, back), body);
  load();

  const stops = [
    // The check-in arrived: this is a visit with an id now (and its orders can be linked), but
    // a form half filled in stays as it is; its record still finds the visit by the clientId.
    on('outbox:sent', ({ item, payload }) => {
      if (pending && item.type === CHECK_IN && item.input.clientId === clientId && payload.visit && !state.dirty) navigate(`/field/visits/${payload.visit.id}?client=${encodeURIComponent(clientId)}`, { replace: true });
      else if (item.type === RECORD && matches(item) && !state.dirty) load();
    }),
  ];
  return { refresh: load, unmount: () => stops.forEach((stop) => stop()) };
}
