/**
 * 团队外勤 (a manager's team at a glance; field.view_team or field.view_all): for a day (default
 * today), one row per person the manager may follow, grouped by team: their check-ins and the
 * customers among them, their last check-in — when and at which customer (who is where) —, how
 * many check-ins were out of range, the orders approved that day with their amount, and the money
 * collected (回款), counted as the rankings count them. A row opens that rep's day
 * (/field?rep=&date=).
 *
 * The whole page is one request (fieldTeamDay with the teams' names), however many reps there are.
 */

import { FIELD_TEAM_DAY } from '../api/fieldsales.js';
import { gql } from '../core/graphql.js';
import { session } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { timeText } from '../ui/field_visits.js';
import { cents, centsMoney, currency, today } from '../ui/finance_fields.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { money } from '../ui/quantity.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';

/** The team sections: each team with its reps of `rows` (in the rows' order), then the rest. */
function sections(rows, teams) {
  const placed = new Set();
  const groups = [];
  for (const team of teams) {
    const members = rows.filter((row) => row.teamIds.includes(team.id) && !placed.has(row.rep.id));
    if (!members.length) continue;
    members.forEach((row) => placed.add(row.rep.id));
    groups.push({ id: team.id, name: team.name, rows: members });
  }
  const rest = rows.filter((row) => !placed.has(row.rep.id));
  if (rest.length) groups.push({ id: '', name: groups.length ? t('field.team_others') : '', rows: rest });
  return groups;
}

/** When a check-in happened: an offline one when it was captured, as the rep's day shows it. */
function happenedAt(visit) {
  return visit.capturedOffline && visit.capturedAt ? visit.capturedAt : visit.checkedInAt;
}

function chip(className, dataset, text, extra = '') {
  return h('span', { class: `chip ${extra} ${className}`.trim(), dataset }, text);
}

export function mount(root, { query }) {
  const me = session().user;
  const state = { date: /^\d{4}-\d{2}-\d{2}$/.test(query.get('date') || '') ? query.get('date') : today() };
  const summary = h('p', { class: 'field-summary', role: 'status', dataset: { testid: 'team-summary' } });
  const body = h('div', { class: 'team-body' });
  const dateField = field({ name: 'date', label: t('field.date'), type: 'date', value: state.date, max: today() });
  const controls = h('form', { class: 'field-day-controls', 'aria-label': t('field.pick_date'), onsubmit: (event) => event.preventDefault() }, dateField);
  dateField.querySelector('input').addEventListener('change', (event) => {
    state.date = event.target.value || today();
    history.replaceState({}, '', `${location.pathname}${state.date === today() ? '' : `?date=${state.date}`}`);
    load();
  });

  function dayUrl(rep) {
    const params = new URLSearchParams();
    if (rep.id !== me.id) params.set('rep', rep.id);
    if (state.date !== today()) params.set('date', state.date);
    const search = params.toString();
    return appUrl(`/field${search ? `?${search}` : ''}`);
  }

  function numbers(row) {
    const unit = currency();
    return h(
      'span',
      { class: 'visit-chips team-rep-numbers' },
      chip('team-visits', { count: row.visitCount }, t('field.team_visits', { count: formatNumber(row.visitCount) })),
      row.customerCount > 0 && chip('team-customers', { count: row.customerCount }, t('field.team_customers', { count: formatNumber(row.customerCount) })),
      row.outOfRangeCount > 0 && chip('team-out-of-range', { count: row.outOfRangeCount }, t('field.team_out_of_range', { count: formatNumber(row.outOfRangeCount) }), 'chip-bad'),
      row.ordersCount > 0 && chip('team-orders', { count: row.ordersCount, amount: row.ordersAmount }, t('field.team_orders', { count: formatNumber(row.ordersCount), amount: money(row.ordersAmount, unit) })),
      cents(row.collectionsAmount) !== 0 && chip('team-collections', { amount: row.collectionsAmount }, t('field.team_collections', { amount: money(row.collectionsAmount, unit) })),
    );
  }

  function repRow(row) {
    const { rep, lastVisit } = row;
    const name = rep.id === me.id ? t('field.team_me', { name: rep.fullName }) : rep.fullName;
    const where = lastVisit ? t('field.team_last', { time: timeText(happenedAt(lastVisit)), name: lastVisit.customer.name }) : t('field.team_none');
    return h(
      'li',
      { class: 'team-rep', dataset: { repId: rep.id } },
      h(
        'a',
        { href: dayUrl(rep), class: 'team-rep-link' },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }, (rep.fullName || '?').slice(0, 1)),
        h('span', { class: 'team-rep-main' }, h('strong', { class: 'team-rep-name' }, name), h('span', { class: 'muted small team-rep-last' }, where), numbers(row)),
      ),
    );
  }

  function drawSummary(rows) {
    const total = (pick) => rows.reduce((sum, row) => sum + pick(row), 0);
    const visits = total((row) => row.visitCount);
    const idle = rows.filter((row) => !row.visitCount).length;
    const outOfRange = total((row) => row.outOfRangeCount);
    const orders = total((row) => row.ordersCount);
    // Sums of money in whole fen: decimal strings never meet float rounding.
    const ordered = total((row) => cents(row.ordersAmount) || 0);
    const collected = total((row) => cents(row.collectionsAmount) || 0);
    return fill(
      summary,
      h('span', {}, t('field.team_people', { count: formatNumber(rows.length) })),
      h('span', {}, t('field.team_visits', { count: formatNumber(visits) })),
      h('span', {}, t('field.team_idle', { count: formatNumber(idle) })),
      h('span', { class: 'team-summary-orders' }, t('field.team_orders', { count: formatNumber(orders), amount: centsMoney(ordered, currency()) })),
      h('span', { class: 'team-summary-collections' }, t('field.team_collections', { amount: centsMoney(collected, currency()) })),
      outOfRange > 0 && h('span', { class: 'field-error' }, t('field.team_out_of_range', { count: formatNumber(outOfRange) })),
    );
  }

  let loading = 0;
  async function load() {
    const mine = ++loading;
    fill(summary);
    fill(body, loadingView(4));
    let answer;
    try {
      answer = await gql(FIELD_TEAM_DAY, { date: state.date });
    } catch (error) {
      if (mine === loading) fill(body, errorView(error, { retry: load }));
      return;
    }
    if (mine !== loading) return;
    const rows = answer.fieldTeamDay.reps;
    if (!rows.length) {
      fill(body, emptyView({ iconName: 'users', title: t('field.team_empty'), hint: t('field.team_empty_hint') }));
      return;
    }
    fill(
      body,
      sections(rows, answer.teams).map((group) =>
        h(
          'section',
          { class: 'team-section', 'aria-label': group.name || t('field.team') },
          group.name && h('h2', { class: 'subheading' }, group.name),
          h('ul', { class: 'team-list card', dataset: { teamId: group.id } }, group.rows.map(repRow)),
        ),
      ),
    );
    drawSummary(rows);
  }

  const back = h('a', { href: appUrl('/field'), class: 'button button-quiet' }, t('nav.field'));
  fill(root, screenHeader(t('field.team'), back), controls, summary, body);
  load();
  return { refresh: load };
}
