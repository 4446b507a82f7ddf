/**
 * What order entry needs with no network (开单离线): the SKUs the rep saw (their catalogue page,
 * fetched when the order form opens online, and every search result), the customers they saw,
 * and each customer's prices (tier or list, per base unit). Kept beside the query cache's copies
 * (cleared at sign-out, the older half dropped when storage is full) and bounded here: the
 * newest SKUS_KEPT SKUs, CUSTOMERS_KEPT customers and PRICED_CUSTOMERS customers' prices.
 *
 * Searching offline searches these copies; the form says so.
 */

import { ORDER_CATALOGUE, ORDER_LINE_PRICES } from '../api/sales.js';
import { isOnline } from '../core/connectivity.js';
import { gql } from '../core/graphql.js';
import { recall, remember } from '../core/query_cache.js';

const SKUS = 'order.skus';
const CUSTOMERS = 'order.customers';
const PRICES = 'order.prices';
const SKUS_KEPT = 500;
const CUSTOMERS_KEPT = 200;
const PRICED_CUSTOMERS = 30;
const SHOWN = 8;

function rows(name) {
  return recall(name)?.data || [];
}

/** Newest first, one per id, at most `limit`. */
function merge(name, fresh, limit) {
  if (!fresh.length) return;
  const ids = new Set(fresh.map((one) => one.id));
  remember(name, [...fresh, ...rows(name).filter((one) => !ids.has(one.id))].slice(0, limit));
}

function matches(term, ...texts) {
  const wanted = term.toLowerCase();
  return texts.some((text) => (text || '').toLowerCase().includes(wanted));
}

/** SKUs as the SKU search and the catalogue page give them ({ id, code, barcode, specLabel, listPrice?, product }). */
export function keepSkus(items) {
  const known = new Map(rows(SKUS).map((one) => [one.id, one]));
  // A search result has no list price: keep the one the catalogue page gave.
  merge(SKUS, items.map((sku) => ({ ...sku, listPrice: sku.listPrice ?? known.get(sku.id)?.listPrice ?? null })), SKUS_KEPT);
}

export function keepCustomers(items) {
  merge(CUSTOMERS, items.map(({ id, code, name, phone }) => ({ id, code, name, phone })), CUSTOMERS_KEPT);
}

export function searchSavedSkus(term) {
  return rows(SKUS)
    .filter((sku) => matches(term, sku.code, sku.barcode, sku.product.name, sku.specLabel))
    .slice(0, SHOWN);
}

export function searchSavedCustomers(term) {
  return rows(CUSTOMERS)
    .filter((one) => !term || matches(term, one.code, one.name, one.phone))
    .slice(0, SHOWN);
}

/** A product's units and list prices from the saved SKUs, as productInfo gives them, or null. */
export function savedProductInfo(productId) {
  const skus = rows(SKUS).filter((sku) => sku.product.id === productId);
  if (!skus.length) return null;
  return {
    baseUnit: skus[0].product.baseUnit,
    packUnits: skus[0].product.packUnits || [],
    prices: new Map(skus.filter((sku) => sku.listPrice !== null).map((sku) => [sku.id, sku.listPrice])),
  };
}

/** The customer's saved prices: Map sku id → { price, tiered, priceRule }. */
export function savedPrices(customerId) {
  const entry = rows(PRICES).find((one) => one.id === customerId);
  return new Map(entry ? entry.prices : []);
}

/**
 * The customer's prices of these SKUs: asked when online (and kept with the others saved for
 * that customer), else the saved copy. Map sku id → { price, tiered, priceRule }.
 */
export async function customerPrices(customerId, skuIds) {
  const saved = savedPrices(customerId);
  const wanted = [...new Set(skuIds)].slice(0, 100);
  if (!isOnline() || !wanted.length) return saved;
  try {
    const { orderLinePrices } = await gql(ORDER_LINE_PRICES, { customerId, skuIds: wanted });
    for (const row of orderLinePrices) {
      if (row.price !== null) saved.set(row.skuId, { price: row.price, tiered: row.tiered, priceRule: row.priceRule });
    }
    merge(PRICES, [{ id: customerId, prices: [...saved].slice(-SKUS_KEPT) }], PRICED_CUSTOMERS);
  } catch {
    // Without them the lines take the list price; an order sent later is checked by the server.
  }
  return saved;
}

/** Online: the rep's catalogue page (the first 100 SKUs) into the saved SKUs; the SKUs it holds. */
export async function refreshCatalogue() {
  if (!isOnline()) return rows(SKUS);
  try {
    const { skus } = await gql(ORDER_CATALOGUE);
    keepSkus(skus.items);
  } catch {
    // The saved copy stays as it was.
  }
  return rows(SKUS);
}
