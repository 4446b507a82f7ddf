/**
 * 我的计划 (a rep's plan for a day): the customers to visit in order, each ✓ once the rep
 * checked in there that day; add customers (the rep's own, searched like the check-in screen),
 * move them up and down or remove them, and save the whole list (visitPlanSet). Below, 逾期客户
 * (behind on their level's visits this month) and 建议拜访 (ranked, with what the score adds up)
 * each with 加入计划. Managers (field.view_team, field.view_all) pick a rep (?rep=&date=).
 */

import { FIELD_CUSTOMERS, FIELD_REPS } from '../api/fieldsales.js';
import { PLAN_HINTS, VISIT_PLAN, VISIT_PLAN_SET } from '../api/field_plans.js';
import { gql } from '../core/graphql.js';
import { hasScope, session } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, formatRelative, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { fieldLinks } from '../ui/field_plans.js';
import { timeText } from '../ui/field_visits.js';
import { today } from '../ui/finance_fields.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { icon } from '../ui/icons.js';
import { card, screenHeader } from '../ui/layout.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const MANAGER_SCOPES = ['field.view_team', 'field.view_all'];
const SEARCH_PAGE = 20;

/** The facts a suggestion's score adds up, as one line. */
function scoreParts(row) {
  const parts = [
    row.daysSinceLastOrder == null ? t('fplan.part_never_ordered') : t('fplan.part_order', { days: formatNumber(row.daysSinceLastOrder), usual: formatNumber(row.usualReorderDays ?? 30) }),
    row.oldestUnpaidDays != null && t('fplan.part_unpaid', { days: formatNumber(row.oldestUnpaidDays) }),
    row.daysSinceLastVisit == null ? t('fplan.part_never_visited') : t('fplan.part_visit', { days: formatNumber(row.daysSinceLastVisit) }),
    row.followUpOn && t('fplan.part_follow_up', { date: formatDate(`${row.followUpOn}T12:00:00`) }),
  ];
  return parts.filter(Boolean).join(' · ');
}

export function mount(root, { query }) {
  const me = session().user;
  const manager = hasScope(MANAGER_SCOPES);
  const state = { repId: (manager && query.get('rep')) || '', date: query.get('date') || today(), plan: null, stops: [], dirty: false, hints: null };
  const own = () => !state.repId || state.repId === me.id;
  const editable = () => state.date >= today();
  const title = h('span', {}, t('fplan.title'));
  const body = h('div', { class: 'field-plan-body' });
  const hints = h('div', { class: 'field-plan-hints' });

  const firstOptions = [{ value: '', label: t('field.me') }, state.repId && { value: state.repId, label: t('field.rep_number', { id: state.repId }) }].filter(Boolean);
  const controls = h(
    'form',
    { class: 'field-day-controls', 'aria-label': t('fplan.pick') },
    manager && field({ name: 'rep', label: t('field.rep'), value: state.repId, options: firstOptions }),
    field({ name: 'date', label: t('field.date'), type: 'date', value: state.date }),
  );
  controls.addEventListener('submit', (event) => event.preventDefault());
  controls.addEventListener('change', () => {
    state.repId = manager ? controls.elements.rep.value : '';
    state.date = controls.elements.date.value || today();
    const params = new URLSearchParams();
    if (state.repId) params.set('rep', state.repId);
    if (state.date !== today()) params.set('date', state.date);
    const search = params.toString();
    history.replaceState({}, '', `${location.pathname}${search ? `?${search}` : ''}`);
    load();
  });

  async function loadReps() {
    try {
      const { fieldReps } = await gql(FIELD_REPS);
      const reps = fieldReps.filter((user) => user.id !== me.id);
      const options = [{ value: '', label: t('field.me') }, ...reps.map((user) => ({ value: user.id, label: user.fullName }))];
      if (state.repId && !options.some((option) => option.value === state.repId)) options.push({ value: state.repId, label: t('field.rep_number', { id: state.repId }) });
      fill(controls.elements.rep, options.map((option) => h('option', { value: option.value, selected: option.value === state.repId }, option.label)));
    } catch {
      // Without the list a manager still plans their own day; a ?rep= link still works.
    }
  }

  function add(customer) {
    if (state.stops.some((stop) => stop.customer.id === customer.id)) return;
    state.stops.push({ customer, note: '', visited: false, visitedAt: null });
    state.dirty = true;
    draw();
  }

  function move(index, by) {
    const [stop] = state.stops.splice(index, 1);
    state.stops.splice(index + by, 0, stop);
    state.dirty = true;
    draw();
  }

  function stopRow(stop, index) {
    const name = stop.customer.name;
    const last = state.stops.length - 1;
    const button = (label, iconName, text, onclick, disabled = false) =>
      h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': label, disabled, onclick }, iconName ? icon(iconName, { size: 16 }) : text);
    return h(
      'li',
      { class: 'item-row plan-stop', dataset: { customerId: stop.customer.id, testid: 'plan-stop', visited: stop.visited ? 'true' : 'false' } },
      h(
        'div',
        { class: 'item-main' },
        h('a', { href: appUrl(`/customers/${stop.customer.id}`) }, h('strong', {}, `${index + 1}. ${name}`)),
        stop.visited
          ? h('span', { class: 'chip chip-good', dataset: { testid: 'plan-visited' } }, icon('check', { size: 14 }), stop.visitedAt ? t('fplan.visited_at', { time: timeText(stop.visitedAt) }) : t('fplan.visited'))
          : h('span', { class: 'muted small' }, stop.customer.code),
        stop.note && h('span', { class: 'muted small' }, stop.note),
      ),
      editable() &&
        h(
          'div',
          { class: 'form-actions plan-stop-actions' },
          button(t('fplan.up', { name }), null, '↑', () => move(index, -1), index === 0),
          button(t('fplan.down', { name }), null, '↓', () => move(index, 1), index === last),
          button(t('fplan.remove', { name }), null, '×', () => {
            state.stops.splice(index, 1);
            state.dirty = true;
            draw();
          }),
        ),
    );
  }

  // 添加客户: the rep's own customers (the customers query shows a rep theirs, a manager all).
  const searchInput = h('input', { type: 'search', name: 'plan-search', 'aria-label': t('fplan.add_search'), placeholder: t('fplan.add_search'), autocomplete: 'off' });
  const results = h('ul', { class: 'item-list plan-results', 'aria-live': 'polite' });
  let token = 0;
  let timer = 0;
  function addButton(customer) {
    const inPlan = state.stops.some((stop) => stop.customer.id === customer.id);
    return h('button', { type: 'button', class: 'button button-small', disabled: inPlan, 'aria-label': t('fplan.add_for', { name: customer.name }), onclick: () => add(customer) }, inPlan ? t('fplan.in_plan') : t('fplan.add'));
  }
  async function search(term) {
    const mine = ++token;
    if (!term) return fill(results);
    try {
      const { customers } = await gql(FIELD_CUSTOMERS, { search: term, limit: SEARCH_PAGE });
      if (mine !== token) return results;
      return fill(results, customers.items.map((customer) => h('li', { class: 'item-row plan-result' }, h('div', { class: 'item-main' }, h('strong', {}, customer.name), h('span', { class: 'muted small' }, customer.code)), addButton(customer))));
    } catch (error) {
      return mine === token ? fill(results, h('li', { class: 'field-error' }, errorText(error))) : results;
    }
  }
  searchInput.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(searchInput.value.trim()), 250);
  });

  const save = h('button', { type: 'submit', class: 'button button-block', dataset: { testid: 'plan-save' } }, t('fplan.save'));
  const form = h('form', { class: 'plan-form', novalidate: true, 'aria-label': t('fplan.stops') }, formError(), save);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    return busy(save, async () => {
      const variables = { date: state.date, customerIds: state.stops.map((stop) => stop.customer.id), repId: own() ? null : state.repId, notes: state.stops.map((stop) => stop.note || '') };
      try {
        const { visitPlanSet: result } = await gql(VISIT_PLAN_SET, variables);
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('fplan.saved'), { kind: 'success' });
        return show(result.plan);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  function drawHints() {
    const data = state.hints;
    if (!data || !editable()) return fill(hints);
    const row = (customer, ...lines) => h('li', { class: 'item-row' }, h('div', { class: 'item-main' }, h('strong', {}, customer.name), lines.map((line) => line && h('span', { class: 'muted small' }, line))), addButton(customer));
    const overdue = data.overdueCustomers.map((one) =>
      row(one.customer, t('fplan.overdue_row', { required: formatNumber(one.requiredVisits), done: formatNumber(one.visitsThisMonth) }), one.lastVisitAt ? t('fplan.last_visit', { when: formatRelative(one.lastVisitAt) }) : t('fplan.never_visited')),
    );
    const suggested = data.visitSuggestions.map((one) => row(one.customer, t('fplan.score', { score: formatNumber(Number(one.score), { maximumFractionDigits: 2 }) }), scoreParts(one)));
    return fill(
      hints,
      card(t('fplan.overdue'), overdue.length ? h('ul', { class: 'item-list', dataset: { testid: 'plan-overdue' } }, overdue) : h('p', { class: 'muted' }, t('fplan.overdue_none'))),
      card(t('fplan.suggestions'), suggested.length ? h('ul', { class: 'item-list', dataset: { testid: 'plan-suggestions' } }, suggested) : h('p', { class: 'muted' }, t('fplan.suggestions_none'))),
    );
  }

  function draw() {
    const plan = state.plan;
    if (!plan) return;
    title.textContent = own() ? t('fplan.title') : t('fplan.title_of', { name: plan.rep.fullName });
    const visited = state.stops.filter((stop) => stop.visited).length;
    fill(
      body,
      h(
        'p',
        { class: 'field-summary', dataset: { testid: 'plan-summary' } },
        h('span', {}, formatDate(`${plan.date}T12:00:00`, { dateStyle: 'full' })),
        h('span', {}, t('fplan.stop_count', { count: formatNumber(state.stops.length), visited: formatNumber(visited) })),
      ),
      state.stops.length
        ? h('ol', { class: 'item-list card plan-stops', 'aria-label': t('fplan.stops') }, state.stops.map(stopRow))
        : emptyView({ iconName: 'pin', title: t('fplan.empty'), hint: editable() ? t('fplan.empty_hint') : '' }),
      editable() ? [h('div', { class: 'plan-search' }, searchInput, results), state.dirty && h('p', { class: 'hint', role: 'status' }, t('fplan.unsaved')), form] : h('p', { class: 'muted small' }, t('fplan.past')),
    );
    drawHints();
  }

  function show(plan) {
    state.plan = plan;
    state.stops = plan.stops.map((stop) => ({ ...stop }));
    state.dirty = false;
    draw();
  }

  let loading = 0;
  async function load() {
    const mine = ++loading;
    fill(body, loadingView(3));
    fill(hints);
    const repId = own() ? null : state.repId;
    try {
      const [{ visitPlan }, hinted] = await Promise.all([gql(VISIT_PLAN, { repId, date: state.date }), editable() ? gql(PLAN_HINTS, { repId, limit: 10 }) : null]);
      if (mine !== loading) return;
      state.hints = hinted;
      show(visitPlan);
    } catch (error) {
      if (mine !== loading) return;
      state.plan = null;
      fill(body, error.code === 'not_found' ? emptyView({ iconName: 'users', title: t('field.rep_not_found'), hint: t('field.rep_not_found_hint') }) : errorView(error, { retry: load }));
    }
  }

  fill(root, screenHeader(title), fieldLinks('/field/plan'), controls, body, hints);
  if (manager) loadReps();
  load();
  return { refresh: load };
}
