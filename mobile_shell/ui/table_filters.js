/**
 * The filter controls the desktop tables share (ui/workbench.js's filters(params)), each named
 * after its URL key, which is also the list export's key: a choice with "any", the amount range
 * (min, max) and the warehouse. The customer has its own home (ui/customer_picker.customerFilter).
 *
 * Whether a list's amounts may be filtered is the table's to say (the same rule as its amount
 * column): the server refuses an amount filter to whoever may not see that money.
 */

import { WAREHOUSES } from '../api/inventory.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { field } from './form.js';

/** A select of `options` ({ value, label }) after "any" (no filter). */
export function choiceFilter(params, name, label, options) {
  return field({ name, label, value: params.get(name) || '', options: [{ value: '', label: t('filter.any') }, ...options] });
}

/** The amount range's two fields, `min` and `max`. */
export function amountRange(params) {
  const amount = (name, label) => field({ name, label, type: 'number', min: '0', step: '0.01', inputmode: 'decimal', value: params.get(name) || '' });
  return [amount('min', t('filter.amount_min')), amount('max', t('filter.amount_max'))];
}

/** The amount range of the URL as the lists' arguments (amountMin, amountMax; null: none). */
export function amountVariables(params) {
  return { amountMin: params.get('min') || null, amountMax: params.get('max') || null };
}

/**
 * The warehouse filter: `fields(params)` draws it once the warehouses are known, and only when
 * there is more than one to choose; `load(screen)` asks for them and redraws the screen's filters.
 * Without inventory.view the question is refused and the filter stays hidden.
 */
export function warehouseFilter() {
  const state = { warehouses: [] };
  return {
    fields: (params) =>
      state.warehouses.length > 1 && choiceFilter(params, 'warehouse', t('col.warehouse'), state.warehouses.map((one) => ({ value: one.id, label: one.name }))),
    load(screen) {
      gql(WAREHOUSES)
        .then((data) => {
          state.warehouses = data.warehouses;
          screen.redrawFilters();
        })
        .catch(() => {});
    },
  };
}
