/**
 * Products (for inventory.view and inventory.view_availability): search by name, code, brand,
 * pinyin initials or barcode, and a scanner field — a scanned barcode opens its product straight
 * away. Each row shows the product's stock over every warehouse, or for distributors only a band
 * (有货 / 库存紧张 / 缺货) or nothing, as the workspace chooses (one extra request per page,
 * filled in when it comes). Managers and admins choose it here.
 */

import { PRODUCTS, PRODUCT_STOCK_TOTALS, SKU_BY_BARCODE } from '../api/catalog.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { hasScope } from '../core/session.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { exportLink } from '../ui/export_link.js';
import { availabilityChip, distributorAvailabilityControl, loadAvailability, seesStockNumbers } from '../ui/availability.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { money, qty } from '../ui/quantity.js';
import { scannerField } from '../ui/scanner.js';
import { pagedList } from '../ui/paged_list.js';
import { mountProductsTable, productsTableFor } from '../ui/products_table.js';
import { emptyView, errorText, staleNotice } from '../ui/states.js';
import { toast } from '../ui/toast.js';
import { byWidth } from '../ui/workbench.js';


function priceRange(skus) {
  const prices = skus.map((sku) => Number(sku.listPrice));
  if (!prices.length) return '—';
  const low = skus[prices.indexOf(Math.min(...prices))].listPrice;
  const high = skus[prices.indexOf(Math.max(...prices))].listPrice;
  return low === high ? money(low) : `${money(low)} – ${money(high)}`;
}

function stockText(total) {
  return total ? t('products.stock', { onHand: qty(total.onHand), available: qty(total.available) }) : '';
}

/** The row's stock slot: numbers for staff, a band (or nothing) for distributors. */
function stockSlot(slot, total) {
  if (total && 'band' in total) slot.replaceChildren(...[availabilityChip(total.band)].filter(Boolean));
  else slot.textContent = stockText(total);
}

function stockCell(productId, total) {
  const slot = h('span', { class: 'small product-stock', dataset: { stockFor: productId } });
  stockSlot(slot, total);
  return slot;
}

function productRow(product, totals) {
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/products/${product.id}`), class: 'item-row', dataset: { code: product.code } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, product.name),
        h('span', { class: 'muted small' }, [product.code, product.brand, product.category?.path.join(' / ')].filter(Boolean).join(' · ')),
      ),
      h(
        'div',
        { class: 'item-meta' },
        h('span', {}, priceRange(product.skus)),
        h('span', { class: 'muted small' }, t('products.sku_count', { count: formatNumber(product.skus.length) })),
        stockCell(product.id, totals.get(product.id)),
      ),
    ),
  );
}

export function mount(root, context) {
  // Staff on wide screens get the desktop table (ui/products_table.js); phones the list below.
  if (!productsTableFor()) return mountList(root);
  return byWidth(
    () => mountProductsTable(root, context),
    () => mountList(root),
  );
}

function mountList(root) {
  const numbers = seesStockNumbers();
  const state = { search: '', totals: new Map() };

  const search = field({ name: 'search', label: t('products.search'), type: 'search', placeholder: t('products.search_hint') });
  const scanner = scannerField({ onCode: openBarcode });
  const filters = h('form', { class: 'filters filters-stack', role: 'search', onsubmit: (event) => event.preventDefault() }, search, scanner);

  let debounce = 0;
  search.querySelector('input').addEventListener('input', (event) => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      state.search = event.target.value.trim();
      load();
    }, 300);
  });

  async function openBarcode(barcode) {
    try {
      const data = await gql(SKU_BY_BARCODE, { barcode });
      if (!data.skuByBarcode) return toast(t('products.barcode_unknown', { barcode }), { kind: 'error' });
      navigate(`/products/${data.skuByBarcode.productId}?sku=${encodeURIComponent(data.skuByBarcode.id)}`);
    } catch (error) {
      toast(errorText(error), { kind: 'error' });
    }
  }

  /** Numbers for staff; for distributors the band, which never carries a quantity. */
  async function fetchTotals(ids) {
    if (!numbers) {
      const bands = await loadAvailability(ids);
      for (const id of ids) state.totals.set(id, { band: bands.get(id)?.band ?? null });
      return;
    }
    const { productStockTotals } = await gql(PRODUCT_STOCK_TOTALS, { ids });
    for (const id of ids) state.totals.set(id, { onHand: '0', available: '0' }); // no level: none in stock
    for (const one of productStockTotals) state.totals.set(one.productId, one);
  }

  /** Fills in the stock of the rows on screen; the list works without it (offline, errors). */
  async function drawTotals(token) {
    const ids = list.items.map((product) => product.id).filter((id) => !state.totals.has(id)).slice(0, 100);
    if (!ids.length) return;
    try {
      await fetchTotals(ids);
      if (!list.isCurrent(token)) return;
      for (const slot of list.element.querySelectorAll('[data-stock-for]')) stockSlot(slot, state.totals.get(slot.dataset.stockFor));
    } catch {
      // Stock totals are extra: without them the list still shows every product.
    }
  }

  const list = pagedList({
    host: { class: 'item-list-host' },
    keepRows: true,
    fetch: async (paging, { append }) => {
      const variables = { search: state.search, ...paging };
      const plain = !state.search && !append;
      const { data, stale, savedAt } = plain ? await cachedQuery('products', PRODUCTS, variables) : { data: await gql(PRODUCTS, variables), stale: false };
      return { ...data.products, notice: stale ? staleNotice(savedAt) : null };
    },
    onLoaded: (page, { append }) => {
      if (!append) state.totals = new Map(); // stock moves: a fresh page asks again
      if (!page.notice) drawTotals(list.token); // it waits for its numbers, so the rows are drawn by then
    },
    row: (product) => productRow(product, state.totals),
    label: () => t('products.title'),
    count: (shown) => t('products.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'inbox', title: t('products.empty'), hint: state.search ? t('products.empty_search') : '' }),
  });
  const load = (options) => list.load(options);

  const create = hasScope('catalog.manage') && h('a', { href: appUrl('/products/new'), class: 'button button-small' }, t('product.create_title'));
  const importLink = hasScope('catalog.manage') && h('a', { href: appUrl('/imports?kind=products'), class: 'button button-quiet button-small' }, t('import.link'));
  const exported = exportLink('products', () => ({ q: state.search }));
  fill(root, screenHeader(t('products.title'), importLink, exported, create), distributorAvailabilityControl(), filters, list.summary, list.element);
  load();
  return { refresh: () => load() };
}
