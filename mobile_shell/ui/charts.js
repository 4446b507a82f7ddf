/**
 * Small charts without a library: vertical bars for a period series (this period in the brand
 * colour, the previous period as a lighter bar behind it), horizontal bars for rankings, and
 * the data table that goes under every chart.
 *
 * The bars are SVG stretched to the width of the screen (preserveAspectRatio="none"), and the
 * words around them are HTML, so text keeps its size and contrast on a phone and on a PC. Each
 * chart is one image to assistive technology (role="img" with a summary in aria-label); the
 * table below gives the same figures row by row.
 */

import { formatNumber, t } from '../i18n/i18n.js';
import { h } from './element.js';

const SVG = 'http://www.w3.org/2000/svg';
export const COLOURS = { current: '#c2410c', previous: '#fdba74', negative: '#b91c1c', track: '#e5e7eb' };

function svg(tag, attrs = {}) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

function canvas(width, height, pixels) {
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' });
  Object.assign(root.style, { width: '100%', height: `${pixels}px` });
  return root;
}

/** 12345.6 → "1.2万" / "12K": axis labels only; exact figures are in the table. */
export function compact(value) {
  return formatNumber(value, { notation: 'compact', maximumFractionDigits: 1 });
}

function swatch(colour) {
  return h('span', { style: { display: 'inline-block', width: '12px', height: '12px', borderRadius: '2px', background: colour, marginRight: '4px', verticalAlign: 'middle' } });
}

/**
 * Bars per period: `labels` under the bars (every `step`-th shown), `current` and `previous`
 * numbers (previous may be null), `names` for the legend, `summary` read out for the chart.
 */
export function barChart({ labels, current, previous = null, names = [], summary, step = 1 }) {
  const count = Math.max(labels.length, 1);
  const top = Math.max(...current, ...(previous || []).map((value) => value ?? 0), 0) || 1;
  const plot = canvas(count * 10, 100, 160);
  plot.append(svg('rect', { x: 0, y: 99.5, width: count * 10, height: 0.5, fill: COLOURS.track }));
  labels.forEach((label, index) => {
    const was = previous?.[index];
    if (was) {
      const height = (Math.max(was, 0) / top) * 96;
      plot.append(svg('rect', { x: index * 10 + 1, y: 100 - height, width: 8, height, fill: COLOURS.previous, class: 'bar-previous', 'data-value': was }));
    }
    const height = (Math.max(current[index], 0) / top) * 96;
    plot.append(svg('rect', { x: index * 10 + 2.5, y: 100 - height, width: 5, height, fill: COLOURS.current, class: 'bar-current', 'data-label': label, 'data-value': current[index] }));
  });
  const axis = h(
    'div',
    { class: 'muted small', style: { display: 'grid', gridTemplateColumns: `repeat(${count}, minmax(0, 1fr))`, textAlign: 'center', whiteSpace: 'nowrap' } },
    labels.map((label, index) => h('span', {}, index % step === 0 ? label : '')),
  );
  return h(
    'figure',
    { class: 'chart chart-bars', role: 'img', 'aria-label': summary, style: { margin: '0 0 12px' } },
    h('div', { class: 'muted small' }, t('chart.max', { value: compact(top) })),
    plot,
    axis,
    names.length > 0 &&
      h(
        'div',
        { class: 'small roles' },
        h('span', {}, swatch(COLOURS.current), names[0]),
        names[1] && previous && h('span', { style: { marginLeft: '12px' } }, swatch(COLOURS.previous), names[1]),
      ),
  );
}

/** A ranking: one labelled bar per row ({ label, value, text }), largest first as given. */
export function hbarChart({ rows, summary }) {
  const top = Math.max(...rows.map((row) => Math.abs(row.value)), 0) || 1;
  const item = (row) => {
    const bar = canvas(100, 4, 10);
    bar.append(svg('rect', { x: 0, y: 0, width: 100, height: 4, fill: COLOURS.track }));
    bar.append(svg('rect', { x: 0, y: 0, width: (Math.abs(row.value) / top) * 100, height: 4, fill: row.value < 0 ? COLOURS.negative : COLOURS.current, 'data-value': row.value }));
    return h(
      'li',
      { class: 'chart-row', style: { marginBottom: '8px' } },
      h('div', { class: 'small', style: { display: 'flex', justifyContent: 'space-between', gap: '8px' } }, h('span', { style: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } }, row.label), h('strong', {}, row.text)),
      bar,
    );
  };
  return h('figure', { class: 'chart chart-ranking', role: 'img', 'aria-label': summary, style: { margin: '0 0 12px' } }, h('ul', { style: { listStyle: 'none', margin: 0, padding: 0 } }, rows.map(item)));
}

/**
 * The figures as a table: headers [[text, numeric]], rows of cells (text or nodes), optional
 * totals row. Numeric columns are right-aligned. `stack` turns each row into label / value
 * pairs on phones (wide tables), the first cell heading the row.
 */
export function dataTable({ label, headers, rows, totals = null, stack = false }) {
  const cellClass = (index) => [headers[index][1] && 'num', stack && index === 0 && 'stack-head'].filter(Boolean).join(' ') || null;
  const cells = (values, tag) =>
    values.map((value, index) => h(tag, { class: cellClass(index), scope: tag === 'th' ? 'col' : null, 'data-label': stack && tag === 'td' && index > 0 ? headers[index][0] : null }, value));
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: stack ? 'data-table stack-table report-table' : 'data-table report-table', 'aria-label': label },
      h('thead', {}, h('tr', {}, cells(headers.map(([text]) => text), 'th'))),
      h('tbody', {}, rows.map((row) => h('tr', {}, cells(row, 'td')))),
      totals && h('tfoot', {}, h('tr', { class: 'report-totals' }, cells(totals, 'td'))),
    ),
  );
}
