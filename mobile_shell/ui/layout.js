/**
 * Building blocks of a screen's layout: the title row (the focus target after navigation),
 * cards with a heading, a definition list for read-only facts, and the detail pages' two
 * columns.
 */

import { h } from './element.js';

/** The screen's <h1> (focusable, so the router can move focus to it) and optional actions. */
export function screenHeader(title, ...actions) {
  return h(
    'div',
    { class: 'screen-header' },
    h('h1', { class: 'screen-title', tabindex: '-1' }, title),
    actions.length ? h('div', { class: 'screen-actions' }, actions) : null,
  );
}

export function card(title, ...children) {
  const headingId = `card-${Math.random().toString(36).slice(2, 9)}`;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': title ? headingId : null },
    title && h('h2', { class: 'card-title', id: headingId }, title),
    children,
  );
}

/** [[term, value], ...] as a <dl>. */
export function facts(rows) {
  return h(
    'dl',
    { class: 'facts' },
    rows.filter(Boolean).map(([term, value]) => h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, value ?? '—'))),
  );
}

/** Marks a part of a detail page for the side column (status, totals, timeline, actions). */
export function aside(node) {
  if (node) node.dataset.aside = '';
  return node;
}

/**
 * A detail page's cards: from 1024 px the main content on the left and the parts marked with
 * aside() in a narrower column on the right (styles/components.css, .detail-columns). Below it
 * both columns are `display: contents`, so the cards are items of one .card-grid as before, and
 * each keeps its place through `order`: a phone shows exactly what it showed.
 */
export function detailColumns(...parts) {
  const main = h('div', { class: 'detail-main' });
  const side = h('div', { class: 'detail-side' });
  parts.flat().filter(Boolean).forEach((node, index) => {
    node.style.order = String(index);
    ('aside' in node.dataset ? side : main).append(node);
  });
  return h('div', { class: 'card-grid detail-columns' }, main, side);
}
