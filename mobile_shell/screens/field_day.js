/**
 * 我的外勤 (a rep's day): the day's check-ins in order — time, customer, the range verdict,
 * distance, the QR proof, 离线补传 for those sent later, the photos — the distance travelled
 * between them, the route (拜访路线: a schematic of the check-ins with a position,
 * ui/route_schematic.js), check-ins still waiting in the outbox (待上传), 签退 on an open visit
 * (with notes) and the big 签到 button. Managers (field.view_team, field.view_all) pick a rep
 * and a day (?rep=&date=). Links to the rankings (everyone) and the team at a glance (managers).
 * Each visit links to its screen (拜访记录) and shows its type and purpose once recorded; a
 * check-in still in the outbox can be recorded already (记录). On their own day, the rep's
 * targets for the month with their pace (我的目标, ui/field_targets.js).
 */

import { VISIT_KINDS } from '../api/field_visits.js';
import { FIELD_DAY, FIELD_REPS, VISIT_CHECK_OUT } from '../api/fieldsales.js';
import { isOnline } from '../core/connectivity.js';
import { on } from '../core/events.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { hasScope, session } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { queuedItems } from '../offline/queue.js';
import { textArea } from '../ui/customer_fields.js';
import { fill, h } from '../ui/element.js';
import { CHECK_IN, RECORD, distanceText, pendingVisitRow, timeText, visitRow } from '../ui/field_visits.js';
import { today } from '../ui/finance_fields.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { locate } from '../ui/geolocation.js';
import { icon } from '../ui/icons.js';
import { card, screenHeader } from '../ui/layout.js';
import { targetsCard } from '../ui/field_targets.js';
import { routeLegs, routeSchematic } from '../ui/route_schematic.js';
import { emptyView, errorView, loadingView, staleNotice } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const MANAGER_SCOPES = ['field.view_team', 'field.view_all'];

/** 拜访路线: the check-ins with a position drawn in order, the total, and each stop in a list. */
function routeCard(day) {
  const placed = day.visits.filter((visit) => visit.latitude != null && visit.longitude != null);
  if (!placed.length) return null;
  const legs = routeLegs(placed);
  const stops = h(
    'ol',
    { class: 'route-stops' },
    placed.map((visit, index) =>
      h(
        'li',
        { dataset: { visitId: visit.id } },
        h('span', { class: 'visit-time' }, timeText(visit.capturedOffline && visit.capturedAt ? visit.capturedAt : visit.checkedInAt)),
        ' ',
        visit.customer.name,
        index > 0 && h('span', { class: 'muted small' }, ` · ${t('field.route_leg', { distance: distanceText(Math.round(legs[index - 1])) })}`),
      ),
    ),
  );
  const panel = card(
    t('field.route_title'),
    routeSchematic(placed),
    h('p', { class: 'field-route-total', dataset: { testid: 'field-route-total' } }, t('field.route_total', { count: formatNumber(placed.length), distance: distanceText(day.distanceTravelledMeters) })),
    placed.length < day.visits.length && h('p', { class: 'muted small' }, t('field.route_unplaced', { count: formatNumber(day.visits.length - placed.length) })),
    stops,
  );
  panel.classList.add('field-route');
  panel.dataset.testid = 'field-route';
  return panel;
}

/** 签退 of an open visit: notes, and the position if the phone gives one quickly. */
function checkOutForm(visit, { onDone }) {
  const submit = h('button', { type: 'submit', class: 'button button-small' }, t('field.check_out_confirm'));
  const cancel = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => onDone(false) }, t('action.cancel'));
  const form = h(
    'form',
    { class: 'visit-check-out', novalidate: true, 'aria-label': t('field.check_out_for', { name: visit.customer.name }) },
    formError(),
    textArea({ name: 'notes', label: t('field.notes'), value: visit.notes, rows: 3 }),
    h('div', { class: 'form-actions' }, submit, cancel),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    return busy(submit, async () => {
      const fix = await locate();
      const input = { notes: form.elements.notes.value, ...(fix.position || {}) };
      try {
        const { visitCheckOut: result } = await gql(VISIT_CHECK_OUT, { id: visit.id, input });
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('field.checked_out', { name: visit.customer.name }), { kind: 'success' });
        return onDone(true);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return form;
}

export function mount(root, { query }) {
  const me = session().user;
  const manager = hasScope(MANAGER_SCOPES);
  const state = { repId: (manager && query.get('rep')) || '', date: query.get('date') || today(), pending: [], day: null, notice: null, targets: null };
  const own = () => !state.repId || state.repId === me.id;
  const title = h('span', {}, t('field.my_day'));
  const body = h('div', { class: 'field-day-body' });
  const checkIn = h('a', { href: appUrl('/field/check-in'), class: 'button button-block field-check-in', dataset: { testid: 'field-check-in' } }, icon('pin', { size: 22 }), t('field.check_in'));

  // Until the colleagues load, a ?rep= link shows the rep by number rather than as "me".
  const firstOptions = [{ value: '', label: t('field.me') }, state.repId && { value: state.repId, label: t('field.rep_number', { id: state.repId }) }].filter(Boolean);
  const repSelect = field({ name: 'rep', label: t('field.rep'), value: state.repId, options: firstOptions });
  const dateField = field({ name: 'date', label: t('field.date'), type: 'date', value: state.date, max: today() });
  const controls = h('form', { class: 'field-day-controls', 'aria-label': t('field.pick_day') }, manager && repSelect, dateField);
  controls.addEventListener('submit', (event) => event.preventDefault());
  controls.addEventListener('change', () => {
    state.repId = manager ? controls.elements.rep.value : '';
    state.date = controls.elements.date.value || today();
    const params = new URLSearchParams();
    if (state.repId) params.set('rep', state.repId);
    if (state.date !== today()) params.set('date', state.date);
    const search = params.toString();
    history.replaceState({}, '', `${location.pathname}${search ? `?${search}` : ''}`);
    if (teamLink) teamLink.href = teamHref();
    load();
  });

  async function loadReps() {
    try {
      const { fieldReps } = await gql(FIELD_REPS);
      const select = controls.elements.rep;
      const reps = fieldReps.filter((user) => user.id !== me.id);
      const options = [{ value: '', label: t('field.me') }, ...reps.map((user) => ({ value: user.id, label: user.fullName }))];
      if (state.repId && !options.some((option) => option.value === state.repId)) options.push({ value: state.repId, label: t('field.rep_number', { id: state.repId }) });
      fill(select, options.map((option) => h('option', { value: option.value, selected: option.value === state.repId }, option.label)));
    } catch {
      // Without the list a manager still sees their own day; a ?rep= link still works.
    }
  }

  function rows(day) {
    const mine = own() && day.rep.id === me.id;
    const pending = mine && day.date === today() ? state.pending.filter((item) => item.type === CHECK_IN) : [];
    const records = mine ? state.pending.filter((item) => item.type === RECORD) : [];
    const queuedFor = (visit) => ({ own: mine, recordQueued: records.some((item) => item.input.visitId === visit.id) });
    const visitRows = day.visits.map((visit) => {
      if (!mine || visit.checkedOutAt) return visitRow(visit, null, queuedFor(visit));
      const slot = h('div', { class: 'visit-actions' });
      const open = h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('field.check_out_for', { name: visit.customer.name }) }, t('field.check_out'));
      const closed = () => fill(slot, open);
      open.addEventListener('click', () => {
        fill(slot, checkOutForm(visit, { onDone: (saved) => (saved ? load() : (closed(), open.focus())) }));
        slot.querySelector('textarea').focus();
      });
      closed();
      return visitRow(visit, slot, queuedFor(visit));
    });
    const pendingRows = pending.map((item) => pendingVisitRow(item, { recordQueued: records.some((record) => record.input.visitClientId === item.input.clientId) }));
    return [...visitRows, ...pendingRows];
  }

  function draw() {
    const day = state.day;
    if (!day) return;
    title.textContent = own() ? t('field.my_day') : t('field.day_of', { name: day.rep.fullName });
    checkIn.hidden = !own();
    const list = rows(day);
    fill(
      body,
      state.notice,
      h(
        'p',
        { class: 'field-summary', dataset: { testid: 'field-summary' } },
        h('span', {}, formatDate(`${day.date}T12:00:00`, { dateStyle: 'full' })),
        h('span', {}, t('field.visit_count', { count: formatNumber(day.visits.length) })),
        h('span', { dataset: { testid: 'field-travelled' } }, t('field.travelled', { distance: distanceText(day.distanceTravelledMeters) })),
      ),
      list.length
        ? h('ul', { class: 'visit-list card', 'aria-label': t('field.visits') }, list)
        : emptyView({ iconName: 'pin', title: t('field.empty'), hint: own() ? t('field.empty_hint') : '' }),
      routeCard(day),
      own() && state.targets,
    );
  }

  // 我的目标: read once per visit to the screen, beside the day (ui/field_targets.js).
  async function loadTargets() {
    state.targets = await targetsCard();
    draw();
  }

  let loading = 0;
  async function load() {
    const mine = ++loading;
    if (!state.day) fill(body, loadingView(3));
    const variables = { repId: own() ? null : state.repId, date: state.date };
    try {
      state.pending = await queuedItems();
      // Only the rep's own today is kept for offline use: the day they are out working.
      const plain = own() && state.date === today();
      const { data, stale, savedAt } = plain ? await cachedQuery('field.day', FIELD_DAY, variables) : { data: await gql(FIELD_DAY, variables), stale: false };
      if (mine !== loading) return;
      let day = data.fieldDay;
      // An offline copy from an earlier day says nothing about today's visits.
      if (stale && day.date !== state.date) day = { ...day, date: state.date, visits: [], distanceTravelledMeters: 0 };
      state.day = day;
      state.notice = stale ? staleNotice(savedAt) : null;
      draw();
    } catch (error) {
      if (mine !== loading) return;
      state.day = null;
      fill(body, error.code === 'not_found' ? emptyView({ iconName: 'users', title: t('field.rep_not_found'), hint: t('field.rep_not_found_hint') }) : errorView(error, { retry: load }));
    }
  }

  const settings = hasScope('field.manage') && h('a', { href: appUrl('/field/settings'), class: 'button button-quiet button-small' }, t('field.settings'));
  // The team page opens on the day being looked at here.
  const teamHref = () => appUrl(`/field/team${state.date === today() ? '' : `?date=${state.date}`}`);
  const teamLink = manager && h('a', { href: teamHref(), class: 'button button-quiet button-small' }, icon('users', { size: 18 }), t('field.team'));
  const links = h(
    'nav',
    { class: 'field-links', 'aria-label': t('field.more_views') },
    h('a', { href: appUrl('/field/plan'), class: 'button button-quiet button-small' }, icon('check', { size: 18 }), t('fplan.title')),
    h('a', { href: appUrl('/field/logs'), class: 'button button-quiet button-small' }, icon('order', { size: 18 }), t('flog.title')),
    h('a', { href: appUrl('/field/rankings'), class: 'button button-quiet button-small' }, icon('chart', { size: 18 }), t('field.rankings')),
    teamLink,
  );
  fill(root, screenHeader(title, settings), controls, links, checkIn, body);
  if (manager) loadReps();
  load();
  loadTargets();
  // The visit types kept on the phone, so a visit can be recorded offline later in the day
  // (the visit screen reads this copy when there is no connection).
  if (isOnline()) cachedQuery('field.visit_kinds', VISIT_KINDS, { includeArchived: true }).catch(() => undefined);

  const stops = [
    on('outbox:changed', (items) => {
      state.pending = items;
      draw();
    }),
    on('outbox:sent', ({ item }) => (item.type === CHECK_IN || item.type === RECORD) && load()),
  ];
  return { refresh: load, unmount: () => stops.forEach((stop) => stop()) };
}
