/**
 * What an order line can count on (下单看库存): the SKU's available quantity in the order's
 * warehouse, asked once per SKU and warehouse per visit, and a warning on the line when it asks
 * for more than that, before submit, so the rep can change it or tell the customer. Approval
 * still decides (stock moves meanwhile, and a short order waits for purchasing); people without
 * inventory.view see no note.
 */

import { ORDER_LINE_STOCK } from '../api/inventory.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { decimalInput, qty } from './quantity.js';

const asked = new Map(); // `${warehouseId}:${skuId}` → promise of the available quantity (null: unknown)

function available(warehouseId, skuId) {
  const key = `${warehouseId}:${skuId}`;
  if (!asked.has(key)) {
    const ask = gql(ORDER_LINE_STOCK, { warehouseId, skuId }).then(
      ({ stockLevels }) => stockLevels.items[0]?.available ?? '0', // no level row yet: nothing there
      () => {
        asked.delete(key); // asked again on the next draw
        return null;
      },
    );
    asked.set(key, ask);
  }
  return asked.get(key);
}

/**
 * stockNote(line, warehouseId) → { element, update() }: "可用 12 件" under the line, turning
 * into a warning when the line's quantity (in base units) is more than that.
 */
export function stockNote(line, warehouseId) {
  const element = h('p', { class: 'hint order-line-stock', role: 'status', hidden: true });
  let known = null;
  function update() {
    if (known === null) return;
    const wanted = Number(decimalInput(line.quantity) || 0) * Number(line.unitFactor || 1);
    const short = wanted > Number(known);
    element.hidden = false;
    element.dataset.available = known;
    element.dataset.short = String(short);
    element.textContent = t(short ? 'order.stock_short' : 'order.stock_available', { n: qty(known), unit: line.sku.baseUnit });
  }
  if (warehouseId && hasScope('inventory.view')) {
    available(warehouseId, line.sku.id).then((value) => {
      known = value;
      update();
    });
  }
  return { element, update };
}
