/**
 * What the stock document screens share: a document's status as a chip, and finding the SKU a
 * scanned or typed code means.
 */

import { SKU_BY_CODE, STOCKTAKE_SKU_BY_BARCODE } from '../api/inventory.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { h } from './element.js';

export function documentChip(kind, status) {
  const tone = { counting: 'chip-pending', in_transit: 'chip-pending', cancelled: 'chip-bad' }[status] || '';
  return h('span', { class: `chip ${tone}`, dataset: { status } }, t(`${kind}.status.${status}`));
}

/** A SKU from skuByBarcode, or one whose code is exactly what was typed. */
export async function findSku(code) {
  const { skuByBarcode } = await gql(STOCKTAKE_SKU_BY_BARCODE, { barcode: code });
  if (skuByBarcode) return skuByBarcode;
  const { skus } = await gql(SKU_BY_CODE, { search: code });
  return skus.items.find((sku) => sku.code.toLowerCase() === code.toLowerCase()) || null;
}
