/**
 * Counting one stocktake on a phone: scan (or type) a barcode or SKU code, enter the counted
 * quantity with the stepper, see book vs counted and the difference. Counts stay on the phone
 * until saved (stocktakeCount, 100 per request); approving saves what is pending, shows the
 * differences, and posts them (stocktakeApprove). A SKU not on the sheet is added as found goods.
 * A sheet still being counted can be cancelled (after a confirmation): nothing is posted.
 */

import { STOCKTAKE, STOCKTAKE_APPROVE, STOCKTAKE_CANCEL, STOCKTAKE_COUNT } from '../api/inventory.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { busy } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { decimalInput, qty } from '../ui/quantity.js';
import { scannerField } from '../ui/scanner.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';
import { stepper } from '../ui/stepper.js';
import { documentChip, findSku } from '../ui/stock_documents.js';
import { toast } from '../ui/toast.js';

const BATCH = 100;

/** "+2", "-1.5", "0": a difference with its sign. */
export function signed(value) {
  if (value === null || value === undefined) return '—';
  return Number(value) > 0 ? `+${qty(value)}` : qty(value);
}

function minus(a, b) {
  return String(Math.round((Number(a) - Number(b)) * 1000) / 1000);
}

export function mount(root, { params }) {
  const state = { doc: null, lines: [], pending: new Map(), current: null };
  const body = h('div', {});
  const currentSlot = h('div', { 'aria-live': 'polite' });
  const linesSlot = h('div', {});
  const saveButton = h('button', { type: 'button', class: 'button button-quiet' }, t('stocktake.save'));
  const approveButton = h('button', { type: 'button', class: 'button' }, t('stocktake.approve'));
  const cancelButton = h('button', { type: 'button', class: 'button button-quiet' }, t('stocktake.cancel'));
  const unsaved = h('span', { class: 'muted small', role: 'status' });

  const counted = (line) => (state.pending.has(line.sku.id) ? state.pending.get(line.sku.id) : line.countedQuantity);
  const difference = (line) => {
    if (line.difference !== null && line.difference !== undefined) return line.difference;
    const value = decimalInput(counted(line) ?? '');
    return value ? minus(value, line.quantity ?? 0) : null;
  };

  function lineRow(line) {
    const value = counted(line);
    const diff = value === null || value === undefined || value === '' ? null : difference(line);
    const open = state.doc.status === 'counting';
    const attrs = { class: `item-row stocktake-line${line === state.current ? ' row-current' : ''}`, dataset: { skuCode: line.sku.code } };
    const parts = [
      h('div', { class: 'item-main' }, h('strong', {}, `${line.sku.name}${line.sku.specLabel ? ` · ${line.sku.specLabel}` : ''}`), h('span', { class: 'muted small' }, [line.sku.code, line.sku.barcode].filter(Boolean).join(' · '))),
      h(
        'div',
        { class: 'item-meta' },
        h('span', { class: 'small' }, t('stocktake.expected', { qty: qty(line.quantity) })),
        diff === null
          ? h('span', { class: 'muted small' }, t('stocktake.uncounted'))
          : h('span', { class: 'small', dataset: { counted: value } }, t('stocktake.counted_n', { qty: qty(value) })),
        diff !== null && h('span', { class: `qty ${Number(diff) > 0 ? 'qty-in' : Number(diff) < 0 ? 'qty-out' : ''}`, dataset: { difference: diff } }, t('stocktake.difference', { qty: signed(diff) })),
      ),
    ];
    if (!open) return h('li', {}, h('div', attrs, parts));
    return h('li', {}, h('button', { ...attrs, type: 'button', onclick: () => choose(line) }, parts));
  }

  function drawLines() {
    const count = state.pending.size;
    unsaved.textContent = count ? t('stocktake.unsaved', { count: formatNumber(count) }) : '';
    saveButton.disabled = count === 0;
    const done = state.lines.filter((line) => counted(line) !== null && counted(line) !== undefined && counted(line) !== '').length;
    fill(
      linesSlot,
      h('p', { class: 'muted' }, t('stocktake.progress', { counted: formatNumber(done), total: formatNumber(state.lines.length) })),
      state.lines.length
        ? h('ul', { class: 'item-list card', 'aria-label': t('stocktake.lines') }, state.lines.map(lineRow))
        : emptyView({ iconName: 'inbox', title: t('product.no_stock') }),
    );
  }

  function drawCurrent() {
    const line = state.current;
    if (!line) return fill(currentSlot);
    const diffText = h('span', { class: 'qty' });
    const showDiff = () => {
      const value = decimalInput(counted(line) ?? '');
      diffText.textContent = value ? t('stocktake.difference', { qty: signed(minus(value, line.quantity ?? 0)) }) : '';
    };
    const control = stepper({
      label: t('stocktake.counted_for', { code: line.sku.code }),
      name: 'counted',
      value: counted(line) === null || counted(line) === undefined ? '' : qty(counted(line)).replace(/,/g, ''),
      onChange: (raw) => {
        const value = decimalInput(raw);
        if (value === null) return;
        if (value === '') state.pending.delete(line.sku.id);
        else state.pending.set(line.sku.id, value);
        showDiff();
        drawLines();
      },
    });
    showDiff();
    fill(
      currentSlot,
      h(
        'section',
        { class: 'card stocktake-current', dataset: { skuCode: line.sku.code } },
        h('h2', { class: 'card-title' }, `${line.sku.name}${line.sku.specLabel ? ` · ${line.sku.specLabel}` : ''}`),
        h('p', { class: 'muted small' }, `${line.sku.code} · ${t('stocktake.expected', { qty: qty(line.quantity) })}`),
        h('p', { class: 'stepper-label' }, t('stocktake.counted_label')),
        control,
        diffText,
      ),
    );
    const input = control.querySelector('input');
    input.focus();
    input.select();
    return undefined;
  }

  function choose(line) {
    state.current = line;
    drawCurrent();
    drawLines();
  }

  async function onCode(code) {
    const wanted = code.toLowerCase();
    let line = state.lines.find((one) => one.sku.barcode === code || one.sku.code.toLowerCase() === wanted);
    if (!line) {
      try {
        const sku = await findSku(code);
        if (!sku) return toast(t('stocktake.unknown', { code }), { kind: 'error' });
        line = state.lines.find((one) => one.sku.id === sku.id);
        if (!line) {
          line = { quantity: null, countedQuantity: null, difference: null, sku: { id: sku.id, code: sku.code, barcode: sku.barcode, name: sku.product.name, specLabel: sku.specLabel } };
          state.lines.push(line);
          toast(t('stocktake.not_on_sheet', { code: sku.code }));
        }
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    }
    return choose(line);
  }

  /** Sends the pending counts in batches; returns false (after a message) if one failed. */
  async function save() {
    const counts = [...state.pending].map(([skuId, countedQuantity]) => ({ skuId, countedQuantity }));
    for (let start = 0; start < counts.length; start += BATCH) {
      const batch = counts.slice(start, start + BATCH);
      const { stocktakeCount: result } = await gql(STOCKTAKE_COUNT, { id: state.doc.id, counts: batch });
      if (result.errors.length) {
        toast(errorText(result.errors[0]), { kind: 'error' });
        return false;
      }
      batch.forEach((one) => state.pending.delete(one.skuId));
      setDoc(result.document);
    }
    return true;
  }

  saveButton.addEventListener('click', () =>
    busy(saveButton, async () => {
      try {
        if (await save()) toast(t('stocktake.saved'), { kind: 'success' });
      } catch (error) {
        toast(errorText(error), { kind: 'error' });
      }
      drawLines();
    }),
  );

  approveButton.addEventListener('click', () =>
    busy(approveButton, async () => {
      try {
        if (!(await save())) return drawLines();
        drawLines();
        const changed = state.lines.filter((line) => line.countedQuantity !== null && Number(difference(line)) !== 0);
        const message = [
          changed.length ? t('stocktake.differences', { count: formatNumber(changed.length) }) : t('stocktake.no_differences'),
          changed.map((line) => [h('br'), h('span', { class: 'approve-diff', dataset: { skuCode: line.sku.code } }, `${line.sku.code} ${line.sku.name}: ${signed(difference(line))}`)]),
          h('br'),
          t('stocktake.approve_body'),
        ];
        const ok = await confirmDialog({ title: t('stocktake.approve_title', { number: state.doc.number }), message, confirmLabel: t('stocktake.approve') });
        if (!ok) return undefined;
        const { stocktakeApprove: result } = await gql(STOCKTAKE_APPROVE, { id: state.doc.id });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(t('stocktake.approved', { number: state.doc.number }), { kind: 'success' });
        state.current = null;
        setDoc(result.document);
        return draw();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    }),
  );

  cancelButton.addEventListener('click', async () => {
    const message = state.pending.size ? t('stocktake.cancel_body_unsaved', { count: formatNumber(state.pending.size) }) : t('stocktake.cancel_body');
    const ok = await confirmDialog({ title: t('stocktake.cancel_title', { number: state.doc.number }), message, confirmLabel: t('stocktake.cancel'), danger: true });
    if (!ok) return;
    await busy(cancelButton, async () => {
      try {
        const { stocktakeCancel: result } = await gql(STOCKTAKE_CANCEL, { id: state.doc.id });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(t('stocktake.cancelled', { number: state.doc.number }), { kind: 'success' });
        state.pending.clear();
        state.current = null;
        state.lines = [];
        setDoc(result.document);
        return draw();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  });

  function setDoc(doc) {
    const added = state.lines.filter((line) => line.quantity === null && !doc.lines.some((one) => one.sku.id === line.sku.id));
    state.doc = doc;
    state.lines = [...doc.lines, ...added];
    if (state.current) state.current = state.lines.find((line) => line.sku.id === state.current.sku.id) || null;
  }

  function draw() {
    const doc = state.doc;
    const open = doc.status === 'counting';
    const back = h('a', { href: appUrl('/stocktakes'), class: 'button button-quiet' }, t('stocktake.list_title'));
    fill(
      root,
      screenHeader(doc.number, back, open && cancelButton),
      h('p', { class: 'muted subtitle' }, documentChip('stocktake', doc.status), ` ${t('stocktake.meta', { warehouse: doc.warehouse, who: doc.createdBy })} · ${formatDateTime(doc.createdAt)}`),
      open && card(null, scannerField({ name: 'code', label: t('scan.label'), onCode }), h('p', { class: 'muted small' }, t('stocktake.scan_hint'))),
      open && currentSlot,
      linesSlot,
      open && h('div', { class: 'form-actions sticky-actions stocktake-actions' }, unsaved, saveButton, approveButton),
    );
    drawCurrent();
    drawLines();
  }

  async function load() {
    if (state.pending.size) return; // a refresh must not throw away counts not saved yet
    fill(root, screenHeader(t('stocktake.title')), body);
    fill(body, loadingView(4));
    try {
      const { stockDocument } = await gql(STOCKTAKE, { id: params.id });
      state.lines = [];
      setDoc(stockDocument);
      draw();
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load };
}
