/**
 * Batch shipping (批量发货, for shipping.manage): tick many orders (or all), give each its
 * tracking number — typed, scanned (Enter moves on to the next row, as a USB scanner does
 * after every code) or imported from a CSV / XLSX sheet of order number → tracking number —
 * and ship them in one action. shipmentBatchShip takes them in chunks of at most 100, each
 * with its own idempotency key (a retry of the same chunk returns the first results). Every
 * row shows its own result: the shipment, or its own errors; a failing row never holds the
 * others back and stays ticked, with its number, for correction.
 */

import { BATCH_ORDERS, SHIPMENT_BATCH_SHIP, SHIPMENT_IMPORT, SHIPPING_REPS } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy, field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { newKey } from '../ui/quantity.js';
import { batchRow, fileAsBase64 } from '../ui/shipping_batch_row.js';
import { orderFilters, shippingSections } from '../ui/shipping_common.js';
import { deliveryNoteUrl, printLinks } from '../ui/shipping_print.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const CHUNK = 100;

export function mount(root) {
  const state = { filter: null, rows: new Map(), shown: [], total: 0, token: 0, keys: new Map() };
  const list = h('ul', { class: 'item-list card batch-list', 'aria-label': t('shipbatch.list_label') });
  const listHost = h('div', {});
  const summary = h('p', { class: 'muted', role: 'status' });
  const outcome = h('div', { class: 'batch-outcome', 'aria-live': 'polite' });
  const problems = h('div', {});
  const ship = h('button', { type: 'button', class: 'button', disabled: true }, t('shipbatch.ship', { count: 0 }));
  const selectAll = h('input', { type: 'checkbox', name: 'selectAll' });
  const filters = orderFilters({
    onChange: (filter) => {
      state.filter = filter;
      load();
    },
  });
  state.filter = filters.filter();

  const open = () => state.shown.filter((row) => !row.shipped);
  const chosen = () => [...state.rows.values()].filter((row) => row.selected);

  function sync() {
    const count = chosen().length;
    ship.textContent = t('shipbatch.ship', { count: formatNumber(count) });
    ship.disabled = count === 0;
    const candidates = open();
    const picked = candidates.filter((row) => row.selected).length;
    selectAll.checked = candidates.length > 0 && picked === candidates.length;
    selectAll.indeterminate = picked > 0 && picked < candidates.length;
  }

  selectAll.addEventListener('change', () => {
    for (const row of open()) row.checkbox.checked = selectAll.checked;
    sync();
  });

  /** Enter in a row's number: on to the next row still to ship, else to the ship button. */
  function next(row) {
    if (row.tracking.input.value.trim()) row.select(true);
    const rows = open();
    const after = rows[rows.indexOf(row) + 1];
    if (after) after.tracking.focus();
    else ship.focus();
  }

  function rowFor(order) {
    const key = order.id || `#${order.number}`;
    if (!state.rows.has(key)) state.rows.set(key, batchRow(order, { onEnter: next, onSelect: sync }));
    return state.rows.get(key);
  }

  function drawList() {
    // Rows the user worked on (a number typed, a result shown) stay when the filters change.
    const kept = [...state.rows.values()].filter((row) => !state.shown.includes(row) && (row.shipped || row.selected || row.element.dataset.result));
    const rows = [...state.shown, ...kept];
    if (!rows.length) {
      fill(listHost, emptyView({ iconName: 'check', title: t('shipping.empty'), hint: t('shipping.empty_hint') }));
    } else {
      // Redrawing moves the rows' nodes: whoever was typing or scanning into one keeps the focus.
      const focused = list.contains(document.activeElement) ? document.activeElement : null;
      const same = rows.length === list.children.length && rows.every((row, index) => list.children[index] === row.element);
      if (!same) fill(list, rows.map((row) => row.element));
      if (listHost.firstChild !== list) fill(listHost, list);
      if (focused && focused !== document.activeElement) focused.focus();
    }
    sync();
  }

  async function load() {
    const token = ++state.token;
    if (listHost.firstChild !== list) fill(listHost, loadingView(4)); // a reload keeps the rows in place
    listHost.setAttribute('aria-busy', 'true');
    try {
      const { ordersToShip: page } = await gql(BATCH_ORDERS, { filter: state.filter, limit: CHUNK, offset: 0 });
      if (token !== state.token) return;
      state.shown = page.items.map(rowFor);
      state.total = page.totalCount;
      summary.textContent = page.totalCount > page.items.length
        ? t('shipbatch.count_more', { shown: formatNumber(page.items.length), count: formatNumber(page.totalCount) })
        : t('shipping.count', { count: formatNumber(page.totalCount) });
      drawList();
    } catch (error) {
      if (token === state.token) fill(listHost, errorView(error, { retry: load }));
    } finally {
      if (token === state.token) listHost.removeAttribute('aria-busy');
    }
  }

  async function importSheet(file) {
    fill(problems);
    try {
      const rows = (await gql(SHIPMENT_IMPORT, { contentBase64: await fileAsBase64(file), fileName: file.name })).shipmentImportPreview;
      const unmatched = [];
      let filled = 0;
      for (const imported of rows) {
        if (!imported.orderId) {
          unmatched.push(imported);
          continue;
        }
        const row = rowFor({ id: imported.orderId, number: imported.orderNumber });
        if (!state.shown.includes(row)) state.shown.push(row);
        if (row.shipped) continue;
        row.tracking.set(imported.trackingNumber, imported.carrier?.id || '');
        row.checkbox.checked = true;
        row.showProblems(imported.errors);
        filled += 1;
      }
      drawList();
      toast(t('shipbatch.imported', { count: formatNumber(filled) }), { kind: filled ? 'success' : 'info' });
      if (unmatched.length) {
        fill(
          problems,
          h(
            'section',
            { class: 'card import-problems', role: 'alert' },
            h('h2', { class: 'card-title' }, t('shipbatch.import_problems', { count: formatNumber(unmatched.length) })),
            h('ul', { class: 'plain-list' }, unmatched.map((one) => h('li', { class: 'field-error', dataset: { row: String(one.row) } }, t('shipbatch.import_row', { row: one.row, number: one.orderNumber || '—', problem: one.errors.map(errorText).join(' ') })))),
          ),
        );
      }
    } catch (error) {
      toast(errorText(error), { kind: 'error' });
    }
  }

  /** The same rows sent again (a retry after a lost answer) reuse their key. */
  function keyFor(inputs) {
    const signature = JSON.stringify(inputs);
    if (!state.keys.has(signature)) state.keys.set(signature, newKey('batch'));
    return state.keys.get(signature);
  }

  async function shipAll() {
    const rows = chosen();
    const shipped = [];
    let failed = 0;
    fill(outcome);
    for (let start = 0; start < rows.length; start += CHUNK) {
      const part = rows.slice(start, start + CHUNK);
      const inputs = part.map((row) => row.input());
      try {
        const { shipmentBatchShip: result } = await gql(SHIPMENT_BATCH_SHIP, { input: { rows: inputs, idempotencyKey: keyFor(inputs) } });
        if (!result.batch) {
          failed += part.length;
          part.forEach((row) => row.showProblems(result.errors));
          continue;
        }
        for (const line of result.batch.rows) {
          const row = part[line.row];
          if (line.ok && line.shipment) {
            row.showShipped(line.shipment);
            shipped.push(line.shipment);
          } else {
            failed += 1;
            row.showProblems(line.errors);
          }
        }
      } catch (error) {
        failed += part.length; // not sent, or the answer was lost: the same rows retry with the same key
        part.forEach((row) => row.showProblems([error]));
      }
    }
    sync();
    fill(
      outcome,
      h('p', { class: failed ? 'form-error' : 'notice', role: 'status', dataset: { shipped: String(shipped.length), failed: String(failed) } }, t('shipbatch.done', { shipped: formatNumber(shipped.length), failed: formatNumber(failed) })),
      shipped.length > 0 && printLinks(deliveryNoteUrl(shipped.map((one) => one.id)), t('shipprint.delivery_notes')),
    );
    const firstFailed = rows.find((row) => !row.shipped);
    if (firstFailed) firstFailed.tracking.focus();
  }

  ship.addEventListener('click', () => busy(ship, shipAll).then(sync));

  const fileField = field({ name: 'sheet', label: t('shipbatch.import_label'), type: 'file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', hint: t('shipbatch.import_hint') });
  const fileInput = fileField.querySelector('input');
  fileInput.addEventListener('change', () => {
    const file = fileInput.files[0];
    if (file) importSheet(file).finally(() => { fileInput.value = ''; });
  });

  fill(
    root,
    screenHeader(t('shipbatch.title')),
    shippingSections('shipping-batch'),
    filters.element,
    h('section', { class: 'card' }, fileField),
    problems,
    summary,
    h('label', { class: 'check-row batch-all' }, selectAll, t('shipbatch.select_all')),
    listHost,
    outcome,
    h('div', { class: 'form-actions sticky-actions' }, ship),
  );
  load();
  gql(SHIPPING_REPS)
    .then((data) => filters.setReps(data.ordersToShipSummary))
    .catch(() => {
      // Without the reps the other filters still work.
    });
  return {};
}
