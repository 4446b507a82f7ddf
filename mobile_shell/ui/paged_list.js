/**
 * One paged list for every list screen: the rows of a list query a page at a time, with
 * "加载更多" while the server holds more, a loading placeholder, the empty state, the error with
 * its retry, aria-busy while a page is on its way, and a guard so a slower, older answer (a
 * search typed further, a filter changed again) never overwrites a newer one.
 */

import { t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { errorView, loadingView } from './states.js';

/**
 * `fetch({ limit, offset }, { append })` resolves to a page of the API, `{ items, totalCount }`,
 * optionally with `notice`: a node shown above the rows (the offline copy's staleNotice). The
 * first argument holds exactly the paging variables, to spread into the query's.
 *
 *   row(item)        the <li> of one item
 *   label()          the list's accessible name, read at each draw (it may follow a filter)
 *   empty()          what shows when there is nothing to list
 *   count(list)      the text of `summary` (a role=status paragraph the screen places); none without it
 *   pageSize         rows per page (30)
 *   listClass        the <ul>'s class ('item-list card')
 *   host             attributes of the element holding the list
 *   keepRows         a reload keeps the rows on screen until the new page arrives (no placeholder)
 *   skeleton         rows of the loading placeholder (4)
 *   moreLabel(list)  the load-more button's text ('加载更多')
 *   leadingRows()    rows drawn before the items in the same list (counted for the empty state)
 *   visible(items)   the loaded items to draw, when the screen narrows them itself
 *   hasMore(list)    whether another page may be asked for (by default: fewer loaded than the total)
 *   onLoaded(page, { append })  with the page fetch answered, once taken in and before it is drawn
 *
 * Returns the list: { element, summary, load({ append }), draw(), items, total, loaded }.
 */
export function pagedList({
  fetch,
  row,
  label,
  empty,
  count = null,
  pageSize = 30,
  listClass = 'item-list card',
  host = {},
  keepRows = false,
  skeleton = 4,
  moreLabel = () => t('action.load_more'),
  leadingRows = () => [],
  visible = (items) => items,
  hasMore = (list) => list.items.length < list.total,
  onLoaded = () => {},
}) {
  const state = { items: [], total: 0, loaded: false, notice: null, token: 0 };
  const element = h('div', host);
  const summary = h('p', { class: 'muted', role: 'status' });

  const list = {
    element,
    summary,
    get items() {
      return state.items;
    },
    get total() {
      return state.total;
    },
    get loaded() {
      return state.loaded;
    },
    /** True while `token` is the newest load: for work a screen does after a page arrived. */
    isCurrent(token) {
      return token === state.token;
    },
    get token() {
      return state.token;
    },
    draw,
    load,
  };

  function draw() {
    if (count) summary.textContent = count(list);
    const shown = visible(state.items);
    const lead = leadingRows();
    const more =
      hasMore(list) &&
      h('button', { type: 'button', class: 'button button-quiet button-block', onclick: () => load({ append: true }) }, moreLabel(list));
    if (!shown.length && !lead.length) return fill(element, state.notice, empty(), more);
    return fill(element, state.notice, h('ul', { class: listClass, 'aria-label': label() }, lead, shown.map(row)), more);
  }

  async function load({ append = false } = {}) {
    const token = ++state.token;
    if (!append && !(keepRows && state.loaded)) fill(element, loadingView(skeleton));
    element.setAttribute('aria-busy', 'true');
    try {
      const page = await fetch({ limit: pageSize, offset: append ? state.items.length : 0 }, { append });
      if (token !== state.token) return;
      state.items = append ? [...state.items, ...page.items] : page.items;
      state.total = page.totalCount;
      state.notice = page.notice || null;
      state.loaded = true;
      onLoaded(page, { append });
      draw();
    } catch (error) {
      if (token === state.token) fill(element, errorView(error, { retry: () => load() }));
    } finally {
      if (token === state.token) element.removeAttribute('aria-busy');
    }
  }

  return list;
}
