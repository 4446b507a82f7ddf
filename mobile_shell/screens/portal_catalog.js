/**
 * 订货: what the distributor's level may order, at its own prices (distributorCatalog): search
 * (names, codes, pinyin, a barcode) and a category, each SKU with its price for one base unit,
 * the list price struck through, the rule that set the price (priceRule), the case it is sold
 * in and the stock band when the workspace shows one. The categories offered are only those the
 * level may see (distributorCategories). 加入购物车 adds a case (or one unit); the − / + beside a
 * SKU in the cart step by cases. The cart (kept on the phone) is one tap away.
 */

import { DISTRIBUTOR_CATALOG, DISTRIBUTOR_CATEGORIES } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { availabilityChip } from '../ui/availability.js';
import { cartQuantity, setQuantity, stepQuantity } from '../ui/cart_store.js';
import { fill, h } from '../ui/element.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { cartLink, priceBlock, skuName } from '../ui/portal.js';
import { emptyView } from '../ui/states.js';

function inCart(item, redraw) {
  const quantity = cartQuantity(item.sku.id);
  const name = skuName(item.sku);
  if (!quantity) {
    return h(
      'button',
      {
        type: 'button',
        class: 'button button-small portal-add',
        'aria-label': t('portal.add_named', { name }),
        onclick: () => {
          stepQuantity(item, 1);
          redraw();
        },
      },
      t('portal.add'),
    );
  }
  const input = h('input', {
    class: 'qty-input stepper-input',
    inputmode: 'decimal',
    autocomplete: 'off',
    value: quantity,
    'aria-label': t('portal.quantity_named', { name }),
    onchange: (event) => {
      setQuantity(item, event.target.value);
      redraw();
    },
  });
  const step = (direction) => () => {
    stepQuantity(item, direction);
    redraw();
  };
  return h(
    'div',
    { class: 'stepper portal-stepper' },
    h('button', { type: 'button', class: 'button button-quiet stepper-button', 'aria-label': t('portal.less_named', { name }), onclick: step(-1) }, '−'),
    input,
    h('button', { type: 'button', class: 'button button-quiet stepper-button', 'aria-label': t('portal.more_named', { name }), onclick: step(1) }, '+'),
  );
}

function row(item) {
  const slot = h('div', { class: 'portal-row-cart' });
  const redraw = () => fill(slot, inCart(item, redraw));
  redraw();
  return h(
    'li',
    { class: 'item-row portal-item', dataset: { skuCode: item.sku.code } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, skuName(item.sku)),
      h('span', { class: 'muted small' }, `${item.sku.code} · ${t('portal.per_unit', { unit: item.sku.baseUnit })}`),
      priceBlock(item),
    ),
    h('div', { class: 'item-meta' }, availabilityChip(item.availability), slot),
  );
}

export function mount(root, { query }) {
  const state = { search: query.get('search') || '', categoryId: query.get('category') || '' };
  const cart = cartLink();
  const category = field({ name: 'categoryId', label: t('portal.category'), value: state.categoryId, options: [{ value: '', label: t('portal.all_categories') }] });
  const search = field({ name: 'search', label: t('portal.search'), type: 'search', value: state.search, placeholder: t('portal.search_hint'), autocomplete: 'off', enterkeyhint: 'search' });

  const list = pagedList({
    pageSize: 20,
    fetch: async (paging) => (await gql(DISTRIBUTOR_CATALOG, { search: state.search, categoryId: state.categoryId || null, ...paging })).distributorCatalog,
    row,
    label: () => t('portal.catalog'),
    count: (shown) => t('portal.catalog_count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'inbox', title: t(state.search || state.categoryId ? 'portal.catalog_empty_search' : 'portal.catalog_empty') }),
  });
  const load = () => list.load();

  let debounce = 0;
  search.querySelector('input').addEventListener('input', (event) => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      state.search = event.target.value.trim();
      load();
    }, 300);
  });
  category.querySelector('select').addEventListener('change', (event) => {
    state.categoryId = event.target.value;
    load();
  });

  (async () => {
    try {
      const { distributorCategories } = await gql(DISTRIBUTOR_CATEGORIES);
      const select = category.querySelector('select');
      for (const one of distributorCategories) select.append(h('option', { value: one.id, selected: one.id === state.categoryId }, one.path.join(' / ')));
    } catch {
      category.hidden = true; // the search still finds everything
    }
  })();

  const filters = h('form', { class: 'filters filters-stack', role: 'search', onsubmit: (event) => event.preventDefault() }, search, category);
  fill(root, screenHeader(t('portal.catalog'), cart.element), filters, list.summary, list.element);
  load();
  return { refresh: load, unmount: cart.stop };
}
