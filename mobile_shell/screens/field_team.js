/**
 * 团队外勤 (a manager's team at a glance; field.view_team or field.view_all): for a day (default
 * today), one row per person the manager may follow (fieldReps), grouped by team: how many
 * customers they visited, their last check-in — when and at which customer (who is where) — and
 * how many check-ins were out of range. A row opens that rep's day (/field?rep=&date=).
 *
 * Each row is that rep's fieldDay: the API has no one-call summary of a team's day, so the days
 * are fetched a few at a time and each row fills in as its answer comes.
 */

import { FIELD_REP_DAY, FIELD_REPS, FIELD_TEAMS } from '../api/fieldsales.js';
import { gql } from '../core/graphql.js';
import { session } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { timeText } from '../ui/field_visits.js';
import { today } from '../ui/finance_fields.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';

// Enough to fill a phone's screen quickly without queueing a burst of requests on the server.
const AT_ONCE = 4;

/** The team sections: each team with the reps of `reps` in it (in the reps' order), then the rest. */
function sections(reps, teams) {
  const placed = new Set();
  const groups = [];
  for (const team of teams) {
    const members = reps.filter((rep) => team.memberIds.includes(rep.id) && !placed.has(rep.id));
    if (!members.length) continue;
    members.forEach((rep) => placed.add(rep.id));
    groups.push({ id: team.id, name: team.name, reps: members });
  }
  const rest = reps.filter((rep) => !placed.has(rep.id));
  if (rest.length) groups.push({ id: '', name: groups.length ? t('field.team_others') : '', reps: rest });
  return groups;
}

function lastVisit(day) {
  return day.visits[day.visits.length - 1] || null;
}

function happenedAt(visit) {
  return visit.capturedOffline && visit.capturedAt ? visit.capturedAt : visit.checkedInAt;
}

export function mount(root, { query }) {
  const me = session().user;
  const state = { date: /^\d{4}-\d{2}-\d{2}$/.test(query.get('date') || '') ? query.get('date') : today(), days: new Map() };
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

  function numbers(rep) {
    const answer = state.days.get(rep.id);
    if (!answer) return h('span', { class: 'skeleton team-rep-loading', 'aria-hidden': 'true' });
    if (answer.error) return h('span', { class: 'field-error small' }, errorText(answer.error));
    const outOfRange = answer.day.visits.filter((visit) => visit.outOfRange).length;
    return h(
      'span',
      { class: 'visit-chips team-rep-numbers' },
      h('span', { class: 'chip team-visits', dataset: { count: answer.day.visits.length } }, t('field.visit_count', { count: formatNumber(answer.day.visits.length) })),
      outOfRange > 0 && h('span', { class: 'chip chip-bad team-out-of-range', dataset: { count: outOfRange } }, t('field.team_out_of_range', { count: formatNumber(outOfRange) })),
    );
  }

  function whereText(rep) {
    const answer = state.days.get(rep.id);
    if (!answer || answer.error) return '';
    const last = lastVisit(answer.day);
    return last ? t('field.team_last', { time: timeText(happenedAt(last)), name: last.customer.name }) : t('field.team_none');
  }

  function repRow(rep) {
    const name = rep.id === me.id ? t('field.team_me', { name: rep.fullName }) : rep.fullName;
    return h(
      'li',
      { class: 'team-rep', dataset: { repId: rep.id } },
      h(
        'a',
        { href: dayUrl(rep), class: 'team-rep-link' },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }, (rep.fullName || '?').slice(0, 1)),
        h('span', { class: 'team-rep-main' }, h('strong', { class: 'team-rep-name' }, name), h('span', { class: 'muted small team-rep-last' }, whereText(rep)), numbers(rep)),
      ),
    );
  }

  function drawSummary(reps) {
    const settled = reps.map((rep) => state.days.get(rep.id)).filter(Boolean);
    if (settled.length < reps.length) return fill(summary, t('field.team_loading', { done: formatNumber(settled.length), total: formatNumber(reps.length) }));
    const answers = settled.filter((answer) => answer.day);
    const visits = answers.reduce((sum, answer) => sum + answer.day.visits.length, 0);
    const idle = answers.filter((answer) => !answer.day.visits.length).length;
    const outOfRange = answers.reduce((sum, answer) => sum + answer.day.visits.filter((visit) => visit.outOfRange).length, 0);
    return fill(
      summary,
      h('span', {}, t('field.team_people', { count: formatNumber(reps.length) })),
      h('span', {}, t('field.visit_count', { count: formatNumber(visits) })),
      h('span', {}, t('field.team_idle', { count: formatNumber(idle) })),
      outOfRange > 0 && h('span', { class: 'field-error' }, t('field.team_out_of_range', { count: formatNumber(outOfRange) })),
    );
  }

  let loading = 0;
  async function load() {
    const mine = ++loading;
    state.days = new Map();
    fill(summary);
    fill(body, loadingView(4));
    let reps;
    let teams;
    try {
      [{ fieldReps: reps }, teams] = await Promise.all([gql(FIELD_REPS), gql(FIELD_TEAMS).then((data) => data.teams, () => [])]);
    } catch (error) {
      if (mine === loading) fill(body, errorView(error, { retry: load }));
      return;
    }
    if (mine !== loading) return;
    if (!reps.length) {
      fill(body, emptyView({ iconName: 'users', title: t('field.team_empty'), hint: t('field.team_empty_hint') }));
      return;
    }
    const rows = new Map();
    fill(
      body,
      sections(reps, teams).map((group) =>
        h(
          'section',
          { class: 'team-section', 'aria-label': group.name || t('field.team') },
          group.name && h('h2', { class: 'subheading' }, group.name),
          h('ul', { class: 'team-list card', dataset: { teamId: group.id } }, group.reps.map((rep) => {
            const row = repRow(rep);
            rows.set(rep.id, row);
            return row;
          })),
        ),
      ),
    );
    drawSummary(reps);
    const waiting = [...reps];
    const worker = async () => {
      while (waiting.length && mine === loading) {
        const rep = waiting.shift();
        try {
          const { fieldDay } = await gql(FIELD_REP_DAY, { repId: rep.id, date: state.date });
          state.days.set(rep.id, { day: fieldDay });
        } catch (error) {
          state.days.set(rep.id, { error });
        }
        if (mine !== loading) return;
        rows.get(rep.id).replaceWith(rows.set(rep.id, repRow(rep)).get(rep.id));
        drawSummary(reps);
      }
    };
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, reps.length) }, worker));
  }

  const back = h('a', { href: appUrl('/field'), class: 'button button-quiet' }, t('nav.field'));
  fill(root, screenHeader(t('field.team'), back), controls, summary, body);
  load();
  return { refresh: load };
}
