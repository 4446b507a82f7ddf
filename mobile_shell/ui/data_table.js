/**
 * A dense table for wide screens (the desktop workbench): sortable column headers, a sticky
 * header row, row checkboxes with "select the page", and keyboard work on the rows: ↑/↓ (and
 * Home/End) move the row focus, Enter opens the row, Space ticks its checkbox. Plain <table>
 * semantics, so screen readers announce headers and cells as they are; the sorted column says
 * so with aria-sort, and each checkbox is named after its row.
 *
 *   dataTable({ label, columns, shown, sort, onSort, onOpen, selectable, rowName })
 *
 *   columns   [{ key, label, cell(item) → node | text, sortable, numeric, always }] in display order
 *   shown     the keys of the columns to show (those marked `always` show anyway)
 *   sort      { key, descending } or null; onSort(key, descending) when a header is clicked
 *   onOpen(item)     Enter on a row (a click on the row's own link opens it as a link)
 *   selectable       row checkboxes; onSelect(ids) whenever the ticked set changes
 *   rowName(item)    what a row is called in its checkbox's name ("SO-2026-000123")
 *
 * Returns { element, setRows(items), setShown(keys), setSort(sort), selected(), clear() }.
 */

import { t } from '../i18n/i18n.js';
import { fill, h } from './element.js';

export function dataTable({
  label,
  columns,
  shown,
  sort = null,
  onSort = () => {},
  onOpen = () => {},
  selectable = false,
  onSelect = () => {},
  rowName = (item) => String(item.id),
}) {
  const state = { items: [], shown: new Set(shown), sort, picked: new Set(), focus: 0 };
  const head = h('thead');
  const body = h('tbody');
  const table = h('table', { class: 'data-table', 'aria-label': label }, head, body);
  const element = h('div', { class: 'table-scroll' }, table);

  const visible = () => columns.filter((column) => column.always || state.shown.has(column.key));

  function headerCell(column) {
    const sorted = state.sort?.key === column.key;
    const direction = sorted ? (state.sort.descending ? 'descending' : 'ascending') : null;
    const attrs = { scope: 'col', class: column.numeric ? 'numeric' : null, 'aria-sort': direction, dataset: { column: column.key } };
    if (!column.sortable) return h('th', attrs, column.label);
    const button = h(
      'button',
      { type: 'button', class: 'sort-button' },
      column.label,
      h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (state.sort.descending ? '▼' : '▲') : '↕'),
    );
    // The first click sorts ascending; clicking the sorted column turns it round.
    button.addEventListener('click', () => onSort(column.key, sorted ? !state.sort.descending : false));
    return h('th', attrs, button);
  }

  const pageCheck = h('input', { type: 'checkbox', class: 'row-check', 'aria-label': t('table.select_page'), dataset: { selectPage: '' } });
  pageCheck.addEventListener('change', () => {
    for (const item of state.items) {
      if (pageCheck.checked) state.picked.add(String(item.id));
      else state.picked.delete(String(item.id));
    }
    syncChecks();
    onSelect(selected());
  });

  /** The ticks on screen after the picked set changed, in place (focus and nodes stay). */
  function syncChecks() {
    for (const tr of body.rows) {
      const on = state.picked.has(tr.dataset.id);
      tr.classList.toggle('is-picked', on);
      const box = tr.querySelector('.row-check');
      if (box) box.checked = on;
    }
    const ids = state.items.map((item) => String(item.id));
    const ticked = ids.filter((id) => state.picked.has(id)).length;
    pageCheck.checked = ids.length > 0 && ticked === ids.length;
    pageCheck.indeterminate = ticked > 0 && ticked < ids.length;
  }

  function row(item, index) {
    const id = String(item.id);
    const cells = visible().map((column) => h('td', { class: column.numeric ? 'numeric' : null, dataset: { column: column.key } }, column.cell(item)));
    const tr = h('tr', { tabindex: index === state.focus ? '0' : '-1', dataset: { id }, class: state.picked.has(id) ? 'is-picked' : null });
    if (selectable) {
      const box = h('input', { type: 'checkbox', class: 'row-check', checked: state.picked.has(id), 'aria-label': t('table.select_row', { name: rowName(item) }) });
      box.addEventListener('change', () => toggle(id, box.checked));
      tr.append(h('td', { class: 'check-cell' }, box));
    }
    tr.append(...cells);
    tr.addEventListener('focus', () => {
      state.focus = index;
    });
    return tr;
  }

  function draw() {
    const keep = document.activeElement && body.contains(document.activeElement) && document.activeElement.tagName === 'TR';
    fill(head, h('tr', {}, selectable && h('th', { scope: 'col', class: 'check-cell' }, pageCheck), visible().map(headerCell)));
    state.focus = Math.min(state.focus, Math.max(0, state.items.length - 1));
    fill(body, state.items.map(row));
    syncChecks();
    if (keep) focusRow(state.focus);
  }

  function toggle(id, on) {
    if (on) state.picked.add(id);
    else state.picked.delete(id);
    syncChecks();
    onSelect(selected());
  }

  function focusRow(index) {
    const rows = [...body.rows];
    if (!rows.length) return;
    const target = Math.max(0, Math.min(index, rows.length - 1));
    for (const [position, tr] of rows.entries()) tr.tabIndex = position === target ? 0 : -1;
    state.focus = target;
    rows[target].focus();
  }

  body.addEventListener('keydown', (event) => {
    const tr = event.target.closest('tr');
    if (!tr) return;
    const index = [...body.rows].indexOf(tr);
    const onRow = event.target === tr;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(index + (event.key === 'ArrowDown' ? 1 : -1));
    } else if ((event.key === 'Home' || event.key === 'End') && onRow) {
      event.preventDefault();
      focusRow(event.key === 'Home' ? 0 : body.rows.length - 1);
    } else if (event.key === 'Enter' && onRow) {
      event.preventDefault();
      onOpen(state.items[index]);
    } else if (event.key === ' ' && onRow && selectable) {
      event.preventDefault(); // not the page scrolling
      const box = tr.querySelector('.row-check');
      box.checked = !box.checked;
      toggle(tr.dataset.id, box.checked);
    }
  });

  function selected() {
    return [...state.picked];
  }

  draw();
  return {
    element,
    setRows(items) {
      state.items = items;
      // What is ticked stays ticked only while it is on the page: a batch acts on what one sees.
      const ids = new Set(items.map((item) => String(item.id)));
      for (const id of [...state.picked]) if (!ids.has(id)) state.picked.delete(id);
      draw();
      onSelect(selected());
    },
    setShown(keys) {
      state.shown = new Set(keys);
      draw();
    },
    setSort(next) {
      state.sort = next;
      draw();
    },
    selected,
    clear() {
      state.picked.clear();
      syncChecks();
      onSelect([]);
    },
  };
}
