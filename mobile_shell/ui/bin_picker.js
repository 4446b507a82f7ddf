/**
 * Bins (库位) to choose from when goods go into or out of a warehouse: a select per line, shown
 * only when the warehouse has bins, with "no bin" chosen by default (bins are optional).
 */

import { WAREHOUSE_BINS } from '../api/inventory.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { field } from './form.js';

/** A bin picker for a line whose warehouse has bins; none chosen by default. */
export function binField(name, bins, { label = t('bins.label'), value = '' } = {}) {
  if (!bins || !bins.length) return null;
  const options = [{ value: '', label: t('bins.none') }, ...bins.map((bin) => ({ value: bin.id, label: bin.name ? `${bin.code} ${bin.name}` : bin.code }))];
  return field({ name, label, options, value });
}

/** Bins by warehouse id; an empty map when they cannot be loaded (bins are optional). */
export async function binsByWarehouse() {
  try {
    const { warehouses } = await gql(WAREHOUSE_BINS);
    return new Map(warehouses.map((one) => [one.id, one.bins]));
  } catch {
    return new Map();
  }
}
