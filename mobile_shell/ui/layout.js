/**
 * Building blocks of a screen's layout: the title row (the focus target after navigation),
 * cards with a heading, and a definition list for read-only facts.
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
