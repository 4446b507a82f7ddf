/**
 * 粘贴下单 on the order entry: a WeChat message, a 接龙 list or a column of SKU codes is read by
 * orderTextParse into draft lines. A line the reader is sure of (one SKU, one quantity) comes
 * ticked; an uncertain one lists its candidates, none chosen, with why it is unsure, and the
 * person picks one (or leaves the line out). Nothing is ordered here: 加入订单 puts the lines in
 * the form, where the order is checked and confirmed as any other. Each pick is taught back
 * (orderTextAliasLearn), so the next message with those words is read surely.
 */

import { ORDER_TEXT_ALIAS_LEARN, ORDER_TEXT_PARSE } from '../api/messaging.js';
import { gql } from '../core/graphql.js';
import { hasText, t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { busy } from './form.js';
import { plainNumber } from './order_lines.js';
import { decimalInput } from './quantity.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

// 下单 on a chat message leaves its words here and opens /orders/new?paste=1, which reads them once.
export const PASTE_KEY = 'sparrow.paste_text';

const skuLabel = (sku) => [sku.name, sku.specLabel, sku.code].filter(Boolean).join(' · ');

function doubtText(code) {
  const key = `paste.doubt.${code}`;
  return hasText(key) ? t(key) : code;
}

/** One draft line: its words, the quantity box, and the SKU (sure) or the candidates to pick. */
function draftRow(line, index) {
  const state = { line, skuId: line.confident ? line.sku.id : '', keep: line.confident || line.candidates.length > 0 };
  const name = `paste-${index}`;
  const quantity = h('input', { type: 'text', inputmode: 'decimal', class: 'paste-quantity', value: plainNumber(line.quantity), 'aria-label': t('paste.quantity_for', { n: index + 1 }), autocomplete: 'off' });
  const unit = h('span', { class: 'muted small' }, line.unit || '');
  const choices = line.confident
    ? h('p', { class: 'paste-sure' }, h('span', { class: 'chip chip-good' }, t('paste.sure')), ' ', skuLabel(line.sku))
    : h(
        'fieldset',
        { class: 'paste-candidates' },
        h('legend', { class: 'small' }, line.candidates.length ? t('paste.pick') : t('paste.no_candidates')),
        line.candidates.map((sku) =>
          h('label', { class: 'paste-candidate' }, h('input', { type: 'radio', name, value: sku.id, onchange: () => (state.skuId = sku.id) }), ' ', skuLabel(sku)),
        ),
      );
  const skip = h('input', { type: 'checkbox', checked: !state.keep, onchange: (event) => (state.keep = !event.target.checked) });
  const element = h(
    'li',
    { class: `paste-line${line.confident ? ' paste-line-sure' : ' paste-line-unsure'}`, dataset: { index: String(index), confident: String(line.confident) } },
    h('p', { class: 'paste-source' }, `“${line.source}”`, line.note && h('span', { class: 'muted small' }, ` — ${line.note}`)),
    !line.confident && line.doubts.length > 0 && h('p', { class: 'hint paste-doubts' }, line.doubts.map(doubtText).join('；')),
    choices,
    h('div', { class: 'paste-line-foot' }, h('label', { class: 'paste-quantity-box' }, t('paste.quantity'), ' ', quantity, ' ', unit), h('label', { class: 'small' }, skip, ' ', t('paste.skip'))),
    h('p', { class: 'field-error', hidden: true }),
  );
  return { element, state, quantity };
}

/** The order line for a kept draft, or a problem to show on it. */
function toOrderLine(row) {
  const { line, skuId } = row.state;
  const sku = line.confident ? line.sku : line.candidates.find((one) => one.id === skuId);
  if (!sku) return { problem: t('paste.pick_needed') };
  const quantity = decimalInput(row.quantity.value);
  if (!quantity || Number(quantity) <= 0) return { problem: t('paste.quantity_needed') };
  // The pack unit read (2箱) belongs to the product read; another product picked counts in its own unit.
  const readProduct = (line.sku || line.candidates[0])?.productId;
  const packed = line.packUnitId && sku.productId === readProduct;
  return {
    row: {
      sku: { id: sku.id, code: sku.code, name: sku.name, specLabel: sku.specLabel, baseUnit: sku.baseUnit, productId: sku.productId },
      packUnitId: packed ? line.packUnitId : null,
      unitName: packed ? line.unit : sku.baseUnit,
      unitFactor: packed ? line.unitFactor : '1',
      quantity,
    },
    learn: !line.confident && { source: line.source, skuId: sku.id },
  };
}

/**
 * pastePanel({ customerId(), onAdd(rows), text }) → { element, open(text) }: a folded
 * panel (打开 with the button, or open(text) to read a message at once).
 */
export function pastePanel({ customerId, onAdd }) {
  let rows = [];
  const area = h('textarea', { name: 'pasteText', rows: 4, maxlength: 5000, class: 'paste-text', 'aria-label': t('paste.text'), placeholder: t('paste.placeholder') });
  const read = h('button', { type: 'button', class: 'button button-quiet' }, t('paste.read'));
  const add = h('button', { type: 'button', class: 'button paste-add', hidden: true }, t('paste.add'));
  const problem = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const lines = h('ol', { class: 'paste-lines', 'aria-label': t('paste.lines') });
  const unmatched = h('p', { class: 'hint paste-unmatched', hidden: true });
  const body = h('div', { class: 'paste-body', hidden: true }, h('label', { class: 'field-label' }, t('paste.text')), area, h('div', { class: 'form-actions' }, read), problem, lines, unmatched, add);
  const toggle = h('button', { type: 'button', class: 'button button-quiet button-block paste-toggle', 'aria-expanded': 'false' }, t('paste.title'));
  const element = h('div', { class: 'paste-order' }, toggle, body);

  function show(on) {
    body.hidden = !on;
    toggle.setAttribute('aria-expanded', String(on));
  }

  async function parse() {
    problem.hidden = true;
    const text = area.value.trim();
    if (!text) return;
    await busy(read, async () => {
      try {
        const { orderTextParse: result } = await gql(ORDER_TEXT_PARSE, { text, customerId: customerId() || null });
        rows = result.lines.map(draftRow);
        fill(lines, rows.map((row) => row.element));
        unmatched.hidden = !result.unmatched.length;
        unmatched.textContent = t('paste.unmatched', { parts: result.unmatched.join('；') });
        add.hidden = !rows.length;
        add.textContent = t('paste.add');
        if (!rows.length) {
          problem.textContent = t('paste.nothing');
          problem.hidden = false;
        }
      } catch (error) {
        problem.textContent = errorText(error);
        problem.hidden = false;
      }
    });
  }

  add.addEventListener('click', async () => {
    const kept = rows.filter((row) => row.state.keep);
    const results = kept.map((draft) => ({ draft, ...toOrderLine(draft) }));
    let bad = 0;
    for (const result of results) {
      const slot = result.draft.element.querySelector('.field-error');
      slot.hidden = !result.problem;
      slot.textContent = result.problem || '';
      if (result.problem) bad += 1;
    }
    if (bad) return;
    await onAdd(results.map((result) => result.row));
    for (const result of results) {
      if (result.learn) gql(ORDER_TEXT_ALIAS_LEARN, { input: result.learn }).catch(() => {}); // a hint for next time; the order does not wait on it
    }
    toast(t('paste.added', { n: results.length }), { kind: 'success' });
    rows = [];
    fill(lines);
    unmatched.hidden = true;
    add.hidden = true;
    area.value = '';
    show(false);
  });
  read.addEventListener('click', parse);
  toggle.addEventListener('click', () => show(body.hidden));
  return {
    element,
    open(text) {
      area.value = text;
      show(true);
      return parse();
    },
  };
}
