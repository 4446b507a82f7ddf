/**
 * 排行榜 (field rankings), for everyone in the field: the reps, teams or regions of the workspace
 * ranked by sales, collections (回款), new customers or visits over the day, week, month or
 * quarter containing a date (default today), from the server's daily rollup (fieldRankings).
 * Equal values share a rank (1, 1, 3: the server's rule) and say 并列; a row with a month's or
 * quarter's target shows it with a completion bar; the caller's own row (their team's, their
 * region's) is highlighted. Ordered by the value or by completion of the target (those without
 * one last). The choices are kept in the address (?period=&dimension=&metric=&rankBy=&date=).
 */

import { FIELD_RANKINGS, FIELD_TEAMS } from '../api/fieldsales.js';
import { gql } from '../core/graphql.js';
import { session } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatMoney, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { currency, today } from '../ui/finance_fields.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';

const PERIODS = ['day', 'week', 'month', 'quarter'];
const DIMENSIONS = ['rep', 'team', 'region'];
const METRICS = ['sales_amount', 'collections', 'new_customers', 'visits'];
const RANK_BY = ['value', 'completion_rate'];
const MONEY = new Set(['sales_amount', 'collections']);
const DEFAULTS = { period: 'month', dimension: 'rep', metric: 'sales_amount', rankBy: 'value' };

function chosen(query, name, values) {
  const asked = query.get(name);
  return values.includes(asked) ? asked : DEFAULTS[name];
}

/** A row of radio buttons drawn as one segmented control, with its legend. */
function segmented(name, legend, values, current, onChange) {
  return h(
    'fieldset',
    { class: 'segmented', dataset: { choice: name } },
    h('legend', { class: 'visually-hidden' }, legend),
    h(
      'div',
      { class: 'segmented-options' },
      values.map((value) =>
        h('label', { class: 'segmented-option' }, h('input', { type: 'radio', name, value, checked: value === current, onchange: () => onChange(value) }), h('span', {}, t(`field.${name}.${value}`))),
      ),
    ),
  );
}

// Dates as YYYY-MM-DD strings, computed in UTC so no time zone moves a day.
function parts(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
}

function iso(date) {
  return date.toISOString().slice(0, 10);
}

function shown(isoDate, options) {
  return formatDate(`${isoDate}T12:00:00`, options);
}

/** The span the ranking adds up, as words: 2026年3月5日 / 3月2日 – 3月8日 / 2026年3月 / 2026年第1季度. */
function spanText(period, isoDate) {
  const { year, month, day } = parts(isoDate);
  if (period === 'day') return shown(isoDate, { dateStyle: 'full' });
  if (period === 'week') {
    const at = new Date(Date.UTC(year, month - 1, day));
    const monday = new Date(at.getTime() - ((at.getUTCDay() + 6) % 7) * 86400000);
    const sunday = new Date(monday.getTime() + 6 * 86400000);
    return t('field.span_week', { from: shown(iso(monday), { month: 'short', day: 'numeric' }), to: shown(iso(sunday), { month: 'short', day: 'numeric' }) });
  }
  if (period === 'month') return shown(isoDate, { year: 'numeric', month: 'long' });
  return t('field.span_quarter', { year: String(year), quarter: String(Math.floor((month - 1) / 3) + 1) });
}

function amount(value, metric) {
  return MONEY.has(metric) ? formatMoney(value, currency()) : formatNumber(Number(value));
}

function percent(rate) {
  return formatNumber(Number(rate), { style: 'percent', maximumFractionDigits: 0 });
}

function rankingRow(row, { mine, tied, metric }) {
  const rate = row.completionRate === null ? null : Number(row.completionRate);
  const bar = h('span', { class: 'ranking-bar-fill' });
  if (rate !== null) bar.style.width = `${Math.max(0, Math.min(rate, 1)) * 100}%`;
  return h(
    'li',
    { class: `ranking-row${mine ? ' ranking-mine' : ''}${rate !== null && rate >= 1 ? ' ranking-done' : ''}`, dataset: { rank: row.rank, id: row.id, mine: String(mine) }, 'aria-current': mine ? 'true' : null },
    h(
      'span',
      { class: `ranking-rank${row.rank <= 3 ? ` ranking-top ranking-top-${row.rank}` : ''}` },
      h('span', { class: 'ranking-rank-number' }, formatNumber(row.rank)),
      tied && h('span', { class: 'ranking-tied' }, t('field.rank_tied')),
    ),
    h(
      'div',
      { class: 'ranking-main' },
      h(
        'div',
        { class: 'ranking-line' },
        h('span', { class: 'ranking-name' }, row.name, mine && h('span', { class: 'chip chip-good ranking-me' }, t('field.rank_me'))),
        h('strong', { class: 'ranking-value' }, amount(row.value, metric)),
      ),
      rate !== null && h('span', { class: 'ranking-bar', 'aria-hidden': 'true' }, bar),
      rate !== null && h('span', { class: 'muted small ranking-target' }, t('field.rank_target', { target: amount(row.target, metric), rate: percent(rate) })),
    ),
  );
}

export function mount(root, { query }) {
  const me = session().user;
  const state = {
    period: chosen(query, 'period', PERIODS),
    dimension: chosen(query, 'dimension', DIMENSIONS),
    metric: chosen(query, 'metric', METRICS),
    rankBy: chosen(query, 'rankBy', RANK_BY),
    date: /^\d{4}-\d{2}-\d{2}$/.test(query.get('date') || '') ? query.get('date') : today(),
    teams: null,
  };
  const span = h('p', { class: 'field-summary', dataset: { testid: 'ranking-span' } });
  const body = h('div', { class: 'ranking-body' });
  const dateField = field({ name: 'date', label: t('field.rank_date'), type: 'date', value: state.date, max: today() });

  function remember() {
    const params = new URLSearchParams();
    for (const name of ['period', 'dimension', 'metric', 'rankBy']) if (state[name] !== DEFAULTS[name]) params.set(name, state[name]);
    if (state.date !== today()) params.set('date', state.date);
    const search = params.toString();
    history.replaceState({}, '', `${location.pathname}${search ? `?${search}` : ''}`);
  }

  const choose = (name) => (value) => {
    state[name] = value;
    remember();
    load();
  };
  dateField.querySelector('input').addEventListener('change', (event) => {
    state.date = event.target.value || today();
    remember();
    load();
  });

  /** The ids of the rows that are the caller's: themselves, the teams they are in or manage, their regions. */
  function mineIds() {
    if (state.dimension === 'rep') return new Set([me.id]);
    const teams = (state.teams || []).filter((team) => team.memberIds.includes(me.id) || team.managerId === me.id);
    if (state.dimension === 'team') return new Set(teams.map((team) => team.id));
    return new Set(teams.map((team) => team.regionId).filter(Boolean));
  }

  function draw(rows) {
    span.textContent = spanText(state.period, state.date);
    if (!rows.length) return fill(body, emptyView({ iconName: 'chart', title: t('field.rank_empty'), hint: t(`field.rank_empty_hint.${state.dimension}`) }));
    const mine = mineIds();
    const list = h(
      'ol',
      { class: 'ranking-list card', 'aria-label': t('field.rank_list', { what: t(`field.metric.${state.metric}`) }), dataset: { testid: 'ranking-list' } },
      rows.map((row, index) => rankingRow(row, { mine: mine.has(row.id), tied: rows[index - 1]?.rank === row.rank || rows[index + 1]?.rank === row.rank, metric: state.metric })),
    );
    const targets = state.period === 'day' || state.period === 'week' ? h('p', { class: 'muted small' }, t('field.rank_targets_monthly')) : null;
    return fill(body, list, targets);
  }

  let loading = 0;
  async function load() {
    const mine = ++loading;
    span.textContent = spanText(state.period, state.date);
    fill(body, loadingView(4));
    try {
      const variables = { period: state.period, dimension: state.dimension, metric: state.metric, rankBy: state.rankBy, date: state.date };
      const [{ fieldRankings }] = await Promise.all([
        gql(FIELD_RANKINGS, variables),
        state.dimension !== 'rep' && state.teams === null
          ? gql(FIELD_TEAMS).then(
              (data) => (state.teams = data.teams),
              () => (state.teams = []), // without the teams the ranking still shows, unmarked
            )
          : null,
      ]);
      if (mine === loading) draw(fieldRankings);
    } catch (error) {
      if (mine === loading) fill(body, errorView(error, { retry: load }));
    }
  }

  const back = h('a', { href: appUrl('/field'), class: 'button button-quiet' }, t('nav.field'));
  const controls = h(
    'form',
    { class: 'ranking-controls', 'aria-label': t('field.rank_choose'), onsubmit: (event) => event.preventDefault() },
    segmented('period', t('field.rank_period'), PERIODS, state.period, choose('period')),
    segmented('dimension', t('field.rank_dimension'), DIMENSIONS, state.dimension, choose('dimension')),
    segmented('metric', t('field.rank_metric'), METRICS, state.metric, choose('metric')),
    segmented('rankBy', t('field.rank_by'), RANK_BY, state.rankBy, choose('rankBy')),
    dateField,
  );
  fill(root, screenHeader(t('field.rankings'), back), controls, span, body);
  load();
  return { refresh: load };
}
