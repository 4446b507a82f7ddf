/**
 * The distributor's cart (购物车), kept on this phone in localStorage per signed-in person: each
 * SKU once with its quantity in base units and what the catalogue showed of it (name, code,
 * case quantity, the price for one unit), so the cart opens offline and survives a reload.
 * Prices are only a guide here: the cart and checkout screens price it on the server
 * (distributorCartPrice), which applies quantity breaks and today's lists.
 *
 * The checkout's idempotency key lives with the cart: made when the order is first sent, kept
 * while the answer is unknown (a retry after a lost answer returns the first order instead of a
 * second), and dropped when the cart changes or the server refused it (nothing was placed).
 */

import { emit } from '../core/events.js';
import { session } from '../core/session.js';
import { decimalInput, newKey } from './quantity.js';

const EMPTY = { lines: [], key: null };

function storageKey() {
  return `sparrow.cart.${session().tenant?.slug || location.host}.${session().user?.id || 'anonymous'}`;
}

function read() {
  try {
    const cart = JSON.parse(localStorage.getItem(storageKey()) || 'null');
    return cart && Array.isArray(cart.lines) ? cart : { ...EMPTY };
  } catch {
    return { ...EMPTY };
  }
}

function write(cart) {
  try {
    localStorage.setItem(storageKey(), JSON.stringify(cart));
  } catch {
    // No storage (private mode, full): the cart lives as long as the page.
  }
  emit('cart:changed', cart);
}

/** [{ skuId, quantity, sku, caseQuantity, price }] in the order added. */
export function cartLines() {
  return read().lines;
}

export function cartQuantity(skuId) {
  return cartLines().find((line) => line.skuId === skuId)?.quantity || '';
}

/** The step of a SKU's quantity: its case, or 1 base unit. */
export function stepOf(caseQuantity) {
  return caseQuantity && caseQuantity > 1 ? caseQuantity : 1;
}

function rounded(value) {
  return String(Math.round(value * 1000) / 1000);
}

/** Why a typed quantity cannot be ordered ('quantity_invalid', 'case_multiple'), or null. */
export function quantityProblem(raw, caseQuantity) {
  const value = decimalInput(raw);
  if (!value || Number(value) <= 0) return 'quantity_invalid';
  const step = stepOf(caseQuantity);
  if (step > 1 && Math.abs(Number(value) / step - Math.round(Number(value) / step)) > 1e-9) return 'case_multiple';
  return null;
}

/** Sets a SKU's quantity (a decimal string); '' or 0 takes it out. `item` is the catalogue row. */
export function setQuantity(item, raw) {
  const cart = read();
  const value = decimalInput(raw);
  if (value === null) return; // not a number: the line keeps its quantity
  const others = cart.lines.filter((line) => line.skuId !== item.sku.id);
  const existing = cart.lines.find((line) => line.skuId === item.sku.id);
  const lines =
    value && Number(value) > 0
      ? existing
        ? cart.lines.map((line) => (line === existing ? { ...line, quantity: value } : line))
        : [...others, { skuId: item.sku.id, quantity: value, sku: item.sku, caseQuantity: item.caseQuantity ?? null, price: item.price ?? null }]
      : others;
  write({ lines, key: null }); // another cart is another order
}

/** Adds (or with -1 takes away) one step of the SKU: a case, or one unit. */
export function stepQuantity(item, direction = 1) {
  const step = stepOf(item.caseQuantity);
  const now = Number(decimalInput(cartQuantity(item.sku.id)) || 0);
  // Off the case (typed by hand): the first step lands on the case again.
  const next = direction > 0 ? Math.floor(now / step + 1e-9) * step + step : Math.ceil(now / step - 1e-9) * step - step;
  setQuantity(item, next > 0 ? rounded(next) : '');
}

export function removeLine(skuId) {
  const cart = read();
  write({ lines: cart.lines.filter((line) => line.skuId !== skuId), key: null });
}

/** The whole cart at once (an imported sheet merged on the server): [{ skuId, quantity, sku, caseQuantity, price }]. */
export function replaceCart(lines) {
  write({ lines, key: null }); // another cart is another order
}

export function clearCart() {
  write({ ...EMPTY });
}

/** The cart's lines as distributorCartPrice and distributorOrderPlace take them. */
export function orderLines() {
  return cartLines().map((line) => ({ skuId: line.skuId, quantity: line.quantity }));
}

/** The key of this cart's order: the one already sent when the answer never came, else a new one. */
export function checkoutKey() {
  const cart = read();
  if (cart.key) return cart.key;
  const key = newKey('distributor-order');
  try {
    localStorage.setItem(storageKey(), JSON.stringify({ ...cart, key }));
  } catch {
    // Without storage the key still guards the retries of this page.
  }
  return key;
}

/** The server refused the order (nothing was placed): a corrected one is a new request. */
export function dropCheckoutKey() {
  const cart = read();
  write({ ...cart, key: null });
}
