/**
 * Picking a SKU by typing its name, code, pinyin initials or barcode: the matches (skus query,
 * 8 at most) appear as buttons under the field. Enter picks the only match, or the one whose
 * code or barcode is exactly what was typed, so a barcode scanner (which types and presses
 * Enter) picks straight away. onPick(sku) gets { id, code, barcode, specLabel, product }.
 * Offline it searches the SKUs saved on this device and says so.
 */

import { SKU_SEARCH } from '../api/catalog.js';
import { isOnline } from '../core/connectivity.js';
import { gql } from '../core/graphql.js';
import { keepSkus, searchSavedSkus } from '../offline/order_cache.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { field } from './form.js';
import { errorText } from './states.js';

export function skuLabel(sku) {
  return `${sku.product.name}${sku.specLabel ? ` · ${sku.specLabel}` : ''}`;
}

/** Online the server's matches (kept for offline use); offline the saved SKUs' (`saved`). */
async function searchSkus(term) {
  if (!isOnline()) return Object.assign(searchSavedSkus(term), { saved: true });
  const { skus } = await gql(SKU_SEARCH, { search: term });
  keepSkus(skus.items);
  return skus.items;
}

/** The SKU whose code is exactly `code` (with its product's pack units), or null. */
export async function skuByCode(code) {
  const items = await searchSkus(code);
  return items.find((sku) => sku.code.toLowerCase() === code.toLowerCase()) || null;
}

export function skuSearch({ name = 'skuId', label = t('skusearch.label'), onPick }) {
  const wrapper = field({ name, label, type: 'search', autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search', placeholder: t('skusearch.hint') });
  const input = wrapper.querySelector('input');
  const results = h('ul', { class: 'sku-results', 'aria-label': t('skusearch.results'), 'aria-live': 'polite' });
  wrapper.append(results);
  let token = 0;
  let timer = 0;
  let found = [];

  function pick(sku) {
    input.value = '';
    found = [];
    fill(results);
    onPick(sku);
  }

  function exact(term) {
    const wanted = term.toLowerCase();
    return found.length === 1 ? found[0] : found.find((sku) => sku.code.toLowerCase() === wanted || sku.barcode === term) || null;
  }

  async function search(term, { pickExact = false } = {}) {
    const mine = ++token;
    if (!term) {
      found = [];
      fill(results);
      return;
    }
    try {
      const items = await searchSkus(term);
      if (mine !== token) return;
      found = items;
      const chosen = pickExact && exact(term);
      if (chosen) return pick(chosen);
      fill(
        results,
        items.saved && h('li', { class: 'muted small sku-results-saved' }, t('offorder.search_saved')),
        items.length
          ? items.map((sku) =>
              h(
                'li',
                {},
                h(
                  'button',
                  { type: 'button', class: 'sku-result', dataset: { skuCode: sku.code }, onclick: () => pick(sku) },
                  h('strong', {}, skuLabel(sku)),
                  h('span', { class: 'muted small' }, sku.code),
                ),
              ),
            )
          : h('li', { class: 'muted small' }, t('skusearch.none', { term })),
      );
    } catch (error) {
      if (mine === token) fill(results, h('li', { class: 'field-error' }, errorText(error)));
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value.trim()), 250);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // Enter picks; it must not submit the surrounding form
    clearTimeout(timer);
    search(input.value.trim(), { pickExact: true });
  });
  return wrapper;
}
