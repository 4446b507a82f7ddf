/**
 * An order waiting in the outbox (taken offline): its lines, and when the server refused it, each
 * line's problem where it belongs, with the fix the rep chooses — 采用新价格 for a price that
 * changed (the server's price wins: the rep confirms it), 删除此行 for a discontinued product, short
 * stock or any other line problem. Fixed lines lose their error; 重新发送 sends the order again
 * under the same idempotency key. A problem of the whole order (a customer the rep no longer
 * sees) is shown above the lines; the rep sends again or discards.
 */

import { ORDER_LINE_PRICES } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { revise } from '../offline/queue.js';
import { h } from './element.js';
import { plainNumber } from './order_lines.js';
import { money, qty } from './quantity.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

const LINE = /^lines\.(\d+)\./;

function lineOf(error) {
  const match = LINE.exec(error.field || '');
  return match ? Number(match[1]) : null;
}

/** The item's errors once line `removed` is gone: later lines move up one. */
function shifted(errors, removed) {
  return errors
    .filter((error) => lineOf(error) !== removed)
    .map((error) => {
      const index = lineOf(error);
      return index !== null && index > removed ? { ...error, field: error.field.replace(LINE, `lines.${index - 1}.`) } : error;
    });
}

async function acceptPrice(item, index) {
  const line = item.input.lines[index];
  let found;
  try {
    const { orderLinePrices } = await gql(ORDER_LINE_PRICES, { customerId: item.input.customerId, skuIds: [line.skuId] });
    found = orderLinePrices[0];
  } catch (error) {
    toast(errorText(error), { kind: 'error' });
    return;
  }
  if (!found || found.price === null) return;
  const shown = item.meta.lines[index];
  const factor = Number(shown.unitFactor || 1);
  // The line's own price follows only when the rep had not typed another one.
  const followed = Number(line.unitPrice ?? NaN) === Math.round(Number(line.expectedPrice) * factor * 10000) / 10000;
  const unitPrice = followed || line.unitPrice === null ? plainNumber((Math.round(Number(found.price) * factor * 10000) / 10000).toFixed(4)) : line.unitPrice;
  const lines = item.input.lines.map((one, at) => (at === index ? { ...one, expectedPrice: found.price, unitPrice } : one));
  const described = item.meta.lines.map((one, at) => (at === index ? { ...one, unitPrice } : one));
  await revise(item.id, {
    input: { ...item.input, lines },
    meta: { ...item.meta, lines: described },
    errors: (item.errors || []).filter((error) => !(lineOf(error) === index && error.code === 'price_changed')),
  });
}

async function removeLine(item, index) {
  await revise(item.id, {
    input: { ...item.input, lines: item.input.lines.filter((_one, at) => at !== index) },
    meta: { ...item.meta, lines: item.meta.lines.filter((_one, at) => at !== index) },
    errors: shifted(item.errors || [], index),
  });
}

/** { element, sendable }: the order's lines with their problems; whether it can be sent again. */
export function outboxOrder(item) {
  const errors = item.state === 'failed' ? item.errors || (item.error ? [item.error] : []) : [];
  const whole = errors.filter((error) => lineOf(error) === null);
  const shown = item.meta?.lines || [];
  const rows = item.input.lines.map((line, index) => {
    const about = shown[index] || { name: line.skuId, code: '', unitName: '', quantity: line.quantity, unitPrice: line.unitPrice };
    const mine = errors.filter((error) => lineOf(error) === index);
    const changed = mine.some((error) => error.code === 'price_changed');
    return h(
      'li',
      { class: 'outbox-order-line', dataset: { skuCode: about.code, problem: mine.map((error) => error.code).join(' ') } },
      h('span', {}, t('offorder.line', { name: about.name, quantity: qty(about.quantity), unit: about.unitName, price: money(about.unitPrice) })),
      mine.map((error) => h('span', { class: 'field-error block', dataset: { code: error.code } }, error.message || errorText(error))),
      mine.length > 0 &&
        h(
          'span',
          { class: 'outbox-order-fixes' },
          changed && h('button', { type: 'button', class: 'button button-small', onclick: () => acceptPrice(item, index) }, t('offorder.accept_price')),
          h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => removeLine(item, index) }, t('offorder.remove_line')),
        ),
    );
  });
  return {
    element: h(
      'div',
      { class: 'outbox-order' },
      whole.map((error) => h('span', { class: 'field-error block' }, errorText(error))),
      h('ul', { class: 'plain-list outbox-order-lines' }, rows),
    ),
    // Sent again once every line problem is resolved and something is left to order (a problem of
    // the whole order may be gone by now: sending again asks).
    sendable: item.input.lines.length > 0 && errors.every((error) => lineOf(error) === null),
  };
}
