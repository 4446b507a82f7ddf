/**
 * A list as a desktop table (≥ 1024 px): the filters, the sort and the page live in the URL's
 * query, so a view can be bookmarked and shared and Back/Forward step through what one looked
 * at (the router mounts the screen again from the URL); the columns one shows are kept on the
 * server per person (listColumns), so they follow them to any computer; saved views
 * (ui/workbench_views.js) name a filter, sort and columns set.
 *
 *   workbench(root, { list, title, actions, extra, query, columns, defaults, filters, fetch,
 *                     onOpen, selectable, rowName, batchBar })
 *
 *   list        the list's name for columns and views ('orders', 'customers', 'products')
 *   columns     the table's columns (ui/data_table.js); defaults: the keys shown until one chooses
 *   filters(params)  the filter form's fields; each control's name is its URL key, and its value
 *               is read back with FormData (a picker keeps a hidden input)
 *   fetch(params, { limit, offset, sort })  the page: { items, totalCount }; sort is
 *               { key, descending } or null
 *   batchBar(table, reload)  the selection's actions: { element, update(ids) } (optional)
 */

import { LIST_COLUMNS, LIST_COLUMNS_SET } from '../api/workbench.js';
import { gql } from '../core/graphql.js';
import { showCurrent } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { dataTable } from './data_table.js';
import { fill, h } from './element.js';
import { screenHeader } from './layout.js';
import { errorView, emptyView, loadingView } from './states.js';
import { savedViewsBar } from './workbench_views.js';

export const PAGE_SIZE = 50;
export const WIDE = '(min-width: 1024px)';
// URL keys that are not filters: the sort, the page and the saved view shown.
const STATE_KEYS = ['sort', 'page', 'view'];

/** "-order_date" → { key: 'order_date', descending: true }; null for none. */
export function parseSort(text) {
  if (!text) return null;
  return text.startsWith('-') ? { key: text.slice(1), descending: true } : { key: text, descending: false };
}

function sortText(sort) {
  return sort ? `${sort.descending ? '-' : ''}${sort.key}` : '';
}

// A person's columns per list, read once per page load (they change only through this module).
const columnCache = new Map();

async function savedColumns(list) {
  if (!columnCache.has(list)) {
    try {
      columnCache.set(list, (await gql(LIST_COLUMNS, { list })).listColumns);
    } catch {
      return null; // the defaults serve while the server cannot answer
    }
  }
  return columnCache.get(list);
}

export function workbench(root, { list, title, actions = [], extra = null, query, columns, defaults, filters, fetch, onOpen, selectable = false, rowName, batchBar = null }) {
  let params = new URLSearchParams(query);
  const known = new Set(columns.map((column) => column.key));
  const state = { shown: defaults, total: 0, token: 0 };
  const summary = h('p', { class: 'muted table-summary', role: 'status' });
  const holder = h('div', { class: 'table-holder' });
  const pager = h('nav', { class: 'table-pager', 'aria-label': t('table.pages') });
  const bar = batchBar ? batchBar(() => table, () => load()) : null;

  const table = dataTable({
    label: title,
    columns,
    shown: defaults,
    sort: parseSort(params.get('sort')),
    selectable,
    rowName,
    onOpen,
    onSelect: (ids) => bar?.update(ids),
    onSort: (key, descending) => go({ sort: sortText({ key, descending }), page: '' }),
  });

  /** A new URL state: `changes` over the current query (empty values drop their key). */
  function go(changes, { replace = false, keepView = false, redraw = false } = {}) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === '' || value === null || value === undefined) next.delete(key);
      else next.set(key, value);
    }
    if (!keepView) next.delete('view'); // changed by hand: no longer that saved view as it was
    params = next;
    const search = params.toString();
    history[replace ? 'replaceState' : 'pushState']({}, '', `${location.pathname}${search ? `?${search}` : ''}`);
    table.setSort(parseSort(params.get('sort')));
    views.mark(params.get('view'));
    if (redraw) drawFilters(); // set by code (a view, clearing), not typed: the form shows it
    return load();
  }

  function showColumns(keys, { save = false } = {}) {
    state.shown = keys.filter((key) => known.has(key));
    if (!state.shown.length) state.shown = defaults;
    table.setShown(state.shown);
    drawChooser();
    if (save) {
      columnCache.set(list, state.shown);
      gql(LIST_COLUMNS_SET, { list, columns: state.shown }).catch(() => {}); // kept here even if not sent
    }
  }

  const chooserBody = h('fieldset', { class: 'column-choices' });
  const chooser = h('details', { class: 'column-chooser' }, h('summary', { class: 'button button-quiet button-small' }, t('table.columns')), chooserBody);

  function drawChooser() {
    fill(
      chooserBody,
      h('legend', {}, t('table.columns_legend')),
      columns.map((column) =>
        h(
          'label',
          { class: 'choice' },
          h('input', {
            type: 'checkbox',
            name: 'column',
            value: column.key,
            checked: column.always || state.shown.includes(column.key),
            disabled: !!column.always,
            onchange: (event) => {
              const on = event.target.checked;
              const keys = columns.map((one) => one.key).filter((key) => (key === column.key ? on : state.shown.includes(key)));
              showColumns(keys, { save: true });
            },
          }),
          column.label,
        ),
      ),
    );
  }

  const views = savedViewsBar({
    list,
    current: () => ({ query: filterQuery(), columns: state.shown }),
    onPick: (view) => {
      if (!view) return go(Object.fromEntries([...params.keys()].map((key) => [key, ''])), { redraw: true });
      params = new URLSearchParams(view.query);
      if (view.columns.length) showColumns(view.columns);
      return go({ view: view.id, page: '' }, { keepView: true, redraw: true });
    },
  });

  /** The query of the filters and sort, without the page and the view: what a view keeps. */
  function filterQuery() {
    const kept = new URLSearchParams(params);
    kept.delete('page');
    kept.delete('view');
    return kept.toString();
  }

  const form = h('form', { class: 'filters table-filters', role: 'search', 'aria-label': t('table.filters') });
  function drawFilters() {
    fill(
      form,
      filters(params),
      h(
        'div',
        { class: 'table-filter-actions' },
        h('button', { type: 'submit', class: 'button button-small' }, t('table.apply')),
        h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => clearFilters() }, t('table.clear')),
      ),
    );
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const changes = {};
    for (const key of params.keys()) if (!STATE_KEYS.includes(key)) changes[key] = '';
    for (const [key, value] of new FormData(form)) if (String(value).trim()) changes[key] = String(value).trim();
    go({ ...changes, page: '' });
  });
  function clearFilters() {
    const changes = { page: '' };
    for (const key of params.keys()) if (!STATE_KEYS.includes(key) && key !== 'sort') changes[key] = '';
    go(changes, { redraw: true });
  }

  function drawPager() {
    const page = Math.max(1, Number(params.get('page')) || 1);
    const first = state.total ? (page - 1) * PAGE_SIZE + 1 : 0;
    const last = Math.min(state.total, page * PAGE_SIZE);
    summary.textContent = t('table.showing', { first: formatNumber(first), last: formatNumber(last), total: formatNumber(state.total) });
    fill(
      pager,
      h('button', { type: 'button', class: 'button button-quiet button-small', disabled: page <= 1, onclick: () => go({ page: page > 2 ? String(page - 1) : '' }, { keepView: true }) }, t('table.previous')),
      h('button', { type: 'button', class: 'button button-quiet button-small', disabled: last >= state.total, onclick: () => go({ page: String(page + 1) }, { keepView: true }) }, t('table.next')),
    );
  }

  async function load() {
    const token = ++state.token;
    const page = Math.max(1, Number(params.get('page')) || 1);
    holder.setAttribute('aria-busy', 'true');
    if (!state.total) fill(holder, loadingView(3));
    try {
      const answer = await fetch(params, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, sort: parseSort(params.get('sort')) });
      if (token !== state.token) return;
      state.total = answer.totalCount;
      table.setRows(answer.items);
      fill(holder, answer.items.length ? table.element : emptyView({ iconName: 'inbox', title: t('table.empty') }));
      drawPager();
    } catch (error) {
      if (token === state.token) fill(holder, errorView(error, { retry: () => load() }));
    } finally {
      if (token === state.token) holder.removeAttribute('aria-busy');
    }
  }

  fill(
    root,
    screenHeader(title, ...actions),
    extra,
    h('div', { class: 'table-toolbar' }, views.element, chooser),
    form,
    bar?.element,
    summary,
    holder,
    pager,
  );
  drawFilters();
  drawChooser();

  (async () => {
    const [mine] = await Promise.all([savedColumns(list), views.load()]);
    if (mine?.length) showColumns(mine);
    const viewId = params.get('view');
    const view = viewId && views.find(viewId);
    // A bookmarked /app/orders?view=12 opens that view as it was saved; filters in the URL
    // beside it are the view's own (the app writes them there when the view is picked).
    if (view && [...params.keys()].every((key) => key === 'view')) {
      params = new URLSearchParams(view.query);
      params.set('view', view.id);
      history.replaceState({}, '', `${location.pathname}?${params}`);
      table.setSort(parseSort(params.get('sort')));
      drawFilters();
    }
    if (view?.columns.length) showColumns(view.columns);
    views.mark(params.get('view'));
    await load();
  })();

  return { refresh: () => load(), redrawFilters: () => drawFilters() };
}

/**
 * Mounts a list screen as a table on a wide screen and as its phone list otherwise, and again
 * when the window crosses the width (a screen module's mount: `return byWidth(...)`).
 */
export function byWidth(mountWide, mountNarrow) {
  const media = window.matchMedia(WIDE);
  const instance = media.matches ? mountWide() : mountNarrow();
  const again = () => showCurrent();
  media.addEventListener('change', again);
  return {
    ...instance,
    unmount() {
      media.removeEventListener('change', again);
      instance?.unmount?.();
    },
  };
}
