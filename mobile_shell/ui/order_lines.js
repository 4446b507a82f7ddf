/**
 * The lines of an order being written, built for a thumb: a SKU found by search or scan
 * (ui/sku_search.js) becomes a line with a − / + stepper, its unit (件 or a pack unit 箱), the
 * list price (editable), a discount % and the line's total. Scanning the same SKU again adds
 * one. Every box is named lines.N.<field>, so the API's errors land on the right line; a line
 * already shipped from (editing an approved order) is shown but cannot change.
 */

import { ORDER_PRODUCT } from '../api/sales.js';
import { cachedQuery } from '../core/query_cache.js';
import { t } from '../i18n/i18n.js';
import { savedProductInfo } from '../offline/order_cache.js';
import { fill, h } from './element.js';
import { field } from './form.js';
import { stockNote } from './line_stock.js';
import { openSizeGrid } from './size_grid.js';
import { fromCents, lineCents, skuText } from './order_status.js';
import { decimalInput, money, qty } from './quantity.js';
import { stepper } from './stepper.js';

const products = new Map(); // product id → promise of its pack units and list prices, per visit

/** A product's units and SKU list prices, asked once per product; offline from the last copy,
 * or from the SKUs saved for order entry. */
export function productInfo(productId) {
  if (!products.has(productId)) {
    const ask = cachedQuery(`order.product.${productId}`, ORDER_PRODUCT, { id: productId }).then(
      ({ data: { product } }) => ({
        baseUnit: product.baseUnit,
        packUnits: product.packUnits,
        prices: new Map(product.skus.map((sku) => [sku.id, sku.listPrice])),
      }),
      (error) => {
        const saved = error.isTransport && savedProductInfo(productId);
        if (saved) return saved;
        throw error;
      },
    );
    ask.catch(() => products.delete(productId)); // a failed look-up may be asked again
    products.set(productId, ask);
  }
  return products.get(productId);
}

/** "59.000000" → "59", "12.50" → "12.5": a decimal as a person would type it. */
export function plainNumber(value) {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** The price per base unit the line starts from: the customer's (tier) price, else the list price. */
function referencePrice(line) {
  return line.customerPrice?.price ?? line.listPrice ?? null;
}

function priceFor(line) {
  const base = referencePrice(line);
  if (base === null || base === undefined) return '';
  return plainNumber((Math.round(Number(base) * Number(line.unitFactor) * 10000) / 10000).toFixed(4));
}

/**
 * lineEditor({ currency, onChange }) → { element, lines, addSku(sku), addLines(rows), read(),
 * totalCents() }. A line: { lineId, sku {id code name specLabel baseUnit productId}, units,
 * packUnitId, unitName, unitFactor, listPrice, quantity, unitPrice, discountRate, locked }.
 */
export function lineEditor({ currency = 'CNY', onChange = () => {}, warehouse = () => null, lastPrice = () => null, customerPrice = () => null }) {
  const lines = [];
  const slot = h('div', { class: 'order-lines', 'aria-live': 'polite' });

  const totalCents = () => lines.reduce((sum, line) => sum + (lineCents(line) || 0), 0);
  const changed = () => onChange(totalCents());

  function unitChoice(line, index) {
    if (line.locked || line.units.length < 2) return null;
    const choice = field({
      name: `lines.${index}.packUnitId`,
      label: t('order.unit'),
      value: line.packUnitId || '',
      options: line.units.map((unit) => ({ value: unit.id || '', label: unit.id ? t('order.pack_unit', { name: unit.name, factor: qty(unit.factor), base: line.sku.baseUnit }) : unit.name })),
    });
    choice.querySelector('select').addEventListener('change', (event) => {
      const unit = line.units.find((one) => (one.id || '') === event.target.value);
      line.packUnitId = unit.id;
      line.unitName = unit.name;
      line.unitFactor = unit.factor;
      if (!line.priceEdited) line.unitPrice = priceFor(line);
      draw();
    });
    return choice;
  }

  function lineBlock(line, index) {
    const totalText = h('strong', { class: 'order-line-total' });
    const stock = line.locked ? null : stockNote(line, warehouse());
    // What this customer paid for the SKU last time (上次), so the rep quotes the same or knows why not.
    const last = !line.locked && lastPrice(line.sku.id);
    const lastNote =
      last &&
      h(
        'p',
        { class: 'hint order-line-last', dataset: { price: last.unitPrice } },
        t('order.last_price', { price: money(last.unitPrice, currency), unit: last.unitName, number: last.orderNumber }),
        Number(last.discountRate) > 0 ? ` · ${t('order.discount_n', { n: qty(last.discountRate) })}` : '',
      );
    // A distributor's tier price (客户价), beside the last price paid: the line starts from it.
    const tier = !line.locked && line.customerPrice?.tiered && line.customerPrice;
    const tierNote =
      tier &&
      h(
        'p',
        { class: 'hint order-line-tier', dataset: { price: tier.price } },
        t('offorder.tier_price', { price: money(tier.price, currency), unit: line.sku.baseUnit }),
        tier.priceRule ? ` · ${tier.priceRule}` : '',
      );
    const showTotal = () => {
      stock?.update();
      const value = lineCents(line);
      totalText.textContent = t('order.line_total', { amount: value === null ? '—' : money(fromCents(value), currency) });
    };
    const errorId = `order-line-${index}-qty-error`;
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'button button-quiet button-small',
        'aria-label': t('order.line_remove', { code: line.sku.code }),
        onclick: () => {
          lines.splice(lines.indexOf(line), 1);
          draw();
        },
      },
      '×',
    );
    // A product with specifications (颜色 × 尺码) is entered in its size grid.
    const grid =
      !line.locked &&
      line.sku.specLabel &&
      h('button', { type: 'button', class: 'button button-quiet button-small order-line-grid', 'aria-label': t('grid.open_for', { name: line.sku.name }), onclick: () => gridFor(line.sku.productId) }, t('grid.open'));
    const head = h(
      'div',
      { class: 'po-form-line-head' },
      h('div', { class: 'item-main' }, h('strong', {}, skuText(line.sku)), h('span', { class: 'muted small' }, line.sku.code)),
      grid,
      !line.locked && remove,
    );
    if (line.locked) {
      return h(
        'div',
        { class: 'po-form-line order-line field', dataset: { field: `lines.${index}`, skuCode: line.sku.code, locked: 'true' } },
        h('p', { class: 'field-error', hidden: true }),
        h('input', { type: 'hidden', name: `lines.${index}.locked`, value: line.lineId }),
        head,
        h('p', { class: 'muted small' }, t('order.line_locked', { quantity: qty(line.quantity), unit: line.unitName })),
      );
    }
    const quantity = stepper({
      label: t('order.quantity_for', { code: line.sku.code }),
      name: `lines.${index}.quantity`,
      value: line.quantity,
      onChange: (value) => {
        line.quantity = value;
        showTotal();
        changed();
      },
    });
    quantity.querySelector('input').setAttribute('aria-describedby', errorId);
    const price = field({
      name: `lines.${index}.unitPrice`,
      label: t('order.unit_price', { unit: line.unitName }),
      value: line.unitPrice,
      inputmode: 'decimal',
      autocomplete: 'off',
      'aria-label': t('order.unit_price_for', { code: line.sku.code }),
    });
    price.querySelector('input').addEventListener('input', (event) => {
      line.unitPrice = event.target.value;
      line.priceEdited = true;
      showTotal();
      changed();
    });
    const discount = field({
      name: `lines.${index}.discountRate`,
      label: t('order.discount'),
      value: line.discountRate,
      inputmode: 'decimal',
      autocomplete: 'off',
      placeholder: '0',
      'aria-label': t('order.discount_for', { code: line.sku.code }),
    });
    discount.querySelector('input').addEventListener('input', (event) => {
      line.discountRate = event.target.value;
      showTotal();
      changed();
    });
    showTotal();
    return h(
      'div',
      { class: 'po-form-line order-line field', dataset: { field: `lines.${index}`, skuCode: line.sku.code } },
      h('p', { class: 'field-error', hidden: true }), // first: the line's own errors land here
      head,
      h(
        'div',
        { class: 'field order-line-quantity', dataset: { field: `lines.${index}.quantity` } },
        h('span', { class: 'stepper-label', 'aria-hidden': 'true' }, t('order.quantity', { unit: line.unitName })),
        quantity,
        h('p', { class: 'field-error', id: errorId, hidden: true }),
      ),
      stock.element,
      tierNote,
      lastNote,
      h('div', { class: 'po-form-line-grid' }, unitChoice(line, index), price, discount),
      h('p', { class: 'po-form-total' }, totalText),
    );
  }

  function draw() {
    for (const line of lines) {
      if (line.locked) continue;
      const found = customerPrice(line.sku.id);
      if ((found?.price ?? null) === (line.customerPrice?.price ?? null)) continue;
      line.customerPrice = found || null;
      if (!line.priceEdited) line.unitPrice = priceFor(line);
    }
    fill(slot, lines.length ? lines.map(lineBlock) : h('p', { class: 'muted' }, t('order.no_lines')));
    changed();
  }

  function focusQuantity(code) {
    const blocks = slot.querySelectorAll(`.order-line[data-sku-code="${CSS.escape(code)}"]`);
    blocks[blocks.length - 1]?.querySelector('.stepper-input')?.select();
  }

  /** A picked or scanned SKU: one more of it when it is already a line (in its base unit). */
  async function addSku(sku) {
    const existing = lines.find((line) => line.sku.id === sku.id && !line.locked && !line.packUnitId);
    if (existing) {
      existing.quantity = String(Math.round((Number(decimalInput(existing.quantity) || 0) + 1) * 1000) / 1000);
      return draw();
    }
    const baseUnit = sku.product.baseUnit;
    const line = {
      keep: {},
      lineId: null,
      sku: { id: sku.id, code: sku.code, name: sku.product.name, specLabel: sku.specLabel, baseUnit, productId: sku.product.id },
      units: [{ id: null, name: baseUnit, factor: '1' }, ...(sku.product.packUnits || [])],
      packUnitId: null,
      unitName: baseUnit,
      unitFactor: '1',
      listPrice: null,
      quantity: '1',
      unitPrice: '',
      discountRate: '',
      priceEdited: false,
      locked: false,
    };
    lines.push(line);
    draw();
    try {
      const info = await productInfo(sku.product.id);
      line.listPrice = info.prices.get(sku.id) ?? null;
      if (!line.priceEdited) line.unitPrice = priceFor(line);
    } catch {
      // Without the list price the box stays empty; the server then charges the list price.
    }
    return draw();
  }

  /**
   * Lines from elsewhere (再来一单, 粘贴下单, or the order being edited): rows of { lineId, sku, packUnitId,
   * unitName, unitFactor, quantity, unitPrice, discountRate, shipped, keep }; without unitPrice a
   * line takes the list price; `keep` holds input
   * fields sent back as they are ({ warehouseId, taxRate, remark } of an existing line).
   */
  async function addLines(rows, { replace = false } = {}) {
    if (replace) lines.splice(0, lines.length);
    const infos = new Map();
    await Promise.all(
      [...new Set(rows.map((row) => row.sku.productId))].map(async (productId) => {
        try {
          infos.set(productId, await productInfo(productId));
        } catch {
          infos.set(productId, null);
        }
      }),
    );
    for (const row of rows) {
      const info = infos.get(row.sku.productId);
      const packs = info ? info.packUnits : [];
      const packUnitId = row.packUnitId || (Number(row.unitFactor) !== 1 ? packs.find((one) => one.name === row.unitName)?.id || null : null);
      const units = [{ id: null, name: row.sku.baseUnit, factor: '1' }, ...packs];
      if (packUnitId && !units.some((one) => one.id === packUnitId)) units.push({ id: packUnitId, name: row.unitName, factor: row.unitFactor });
      const line = {
        lineId: row.lineId || null,
        sku: row.sku,
        units,
        packUnitId,
        unitName: row.unitName,
        unitFactor: String(row.unitFactor),
        listPrice: info ? info.prices.get(row.sku.id) ?? null : null,
        quantity: plainNumber(row.quantity),
        unitPrice: plainNumber(row.unitPrice),
        discountRate: Number(row.discountRate || 0) ? plainNumber(row.discountRate) : '',
        priceEdited: row.unitPrice !== null && row.unitPrice !== undefined,
        locked: Number(row.shipped || 0) > 0,
        keep: row.keep || {},
      };
      if (row.unitPrice === undefined) line.unitPrice = priceFor(line); // no price given (paste-to-order): the list price
      lines.push(line);
    }
    draw();
  }

  /** The product's size grid, filled with its lines; what is confirmed replaces them (prices kept). */
  async function gridFor(productId) {
    const mine = lines.filter((one) => one.sku.productId === productId && !one.locked && !one.packUnitId);
    const chosen = await openSizeGrid(productId, new Map(mine.map((one) => [one.sku.id, plainNumber(one.quantity)])));
    if (!chosen) return;
    const before = new Map(mine.map((one) => [one.sku.id, one]));
    for (const one of mine) lines.splice(lines.indexOf(one), 1);
    await addLines(
      chosen.map(({ sku, quantity }) => {
        const was = before.get(sku.id);
        return {
          sku: { id: sku.id, code: sku.code, name: sku.name, specLabel: sku.specLabel, baseUnit: sku.baseUnit, productId: sku.productId },
          quantity,
          unitName: sku.baseUnit,
          unitFactor: '1',
          packUnitId: null,
          unitPrice: was?.priceEdited ? was.unitPrice : undefined,
          discountRate: was?.discountRate || '',
          lineId: was?.lineId || null,
          keep: was?.keep || {},
        };
      }),
    );
  }

  /** { problems, lines } for the API. Only what cannot be sent is checked here; the rest the
   * server judges, and its errors come back per line. `expected`: each line names the price per
   * base unit it started from (an order sent later from the outbox is checked against it). */
  function read({ expected = false } = {}) {
    const problems = [];
    const input = lines.map((line, index) => {
      const quantity = decimalInput(line.quantity);
      const unitPrice = decimalInput(line.unitPrice);
      const discountRate = decimalInput(line.discountRate);
      if (quantity === null || quantity === '') problems.push({ field: `lines.${index}.quantity`, code: 'quantity_invalid', message: t('order.quantity_invalid') });
      if (unitPrice === null) problems.push({ field: `lines.${index}.unitPrice`, code: 'price_invalid', message: t('order.price_invalid') });
      if (discountRate === null) problems.push({ field: `lines.${index}.discountRate`, code: 'rate_invalid', message: t('order.discount_invalid') });
      return {
        skuId: line.sku.id,
        quantity: quantity || '0',
        packUnitId: line.packUnitId || null,
        unitPrice: unitPrice || null,
        discountRate: discountRate || null,
        lineId: line.lineId || null,
        ...(expected ? { expectedPrice: referencePrice(line) } : {}),
        ...line.keep, // an edited order's own warehouse, tax rate and remark per line
      };
    });
    return { problems, lines: input };
  }

  /** What the outbox shows of each line (the input holds ids only). */
  function describe() {
    return lines.map((line) => ({
      code: line.sku.code,
      name: skuText(line.sku),
      unitName: line.unitName,
      unitFactor: line.unitFactor,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
    }));
  }

  draw();
  // refresh(): draw again, e.g. when the order's warehouse changes (each line's stock note follows).
  return { element: slot, lines, addSku, addLines, read, describe, totalCents, focusQuantity, refresh: draw };
}
