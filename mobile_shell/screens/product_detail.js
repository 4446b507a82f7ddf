/**
 * One product: its facts, every SKU with barcode, list price and cost ("—" without cost.view),
 * and the stock of each SKU per warehouse — or, for distributors, only each SKU's band (有货 /
 * 库存紧张 / 缺货), or no stock card at all when the workspace hides it. Opened from the list or
 * by scanning a barcode (?sku= highlights the scanned SKU).
 */

import { PRODUCT, PRODUCT_STOCK } from '../api/catalog.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { availabilityChip, loadAvailability, seesStockNumbers } from '../ui/availability.js';
import { fill, h } from '../ui/element.js';
import { aside, card, detailColumns, facts, screenHeader } from '../ui/layout.js';
import { money, qty } from '../ui/quantity.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';

// A table on wide screens; on phones each row stacks into label / value pairs (data-label),
// so the cost column no longer runs off a 390px screen.
function skuTable(product, highlight) {
  const cell = (label, value, attrs = {}) => h('td', { ...attrs, dataset: { ...(attrs.dataset || {}), label } }, value);
  return h(
    'table',
    { class: 'data-table stack-table', 'aria-label': t('product.skus') },
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, t('product.sku')), h('th', { scope: 'col' }, t('product.barcode')), h('th', { scope: 'col', class: 'num' }, t('product.list_price')), h('th', { scope: 'col', class: 'num' }, t('product.cost_price'))),
    ),
    h(
      'tbody',
      {},
      product.skus.map((sku) =>
        h(
          'tr',
          { class: sku.id === highlight ? 'row-highlight' : null, dataset: { skuCode: sku.code, costRow: '' } },
          h('td', { class: 'stack-head' }, h('strong', {}, sku.code), sku.specLabel && h('span', { class: 'muted small block' }, sku.specLabel)),
          cell(t('product.barcode'), sku.barcode || '—'),
          cell(t('product.list_price'), money(sku.listPrice), { class: 'num' }),
          cell(t('product.cost_price'), money(sku.costPrice), { class: 'num', dataset: { cost: '' } }),
        ),
      ),
    ),
  );
}

function stockTable(product, levels) {
  const codes = new Map(product.skus.map((sku) => [sku.id, sku.code]));
  const mine = levels.filter((level) => codes.has(level.sku.id));
  if (!mine.length) return emptyView({ iconName: 'inbox', title: t('product.no_stock') });
  const manage = hasScope('inventory.manage');
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data-table', 'aria-label': t('product.stock') },
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, t('stock.warehouse')), h('th', { scope: 'col' }, t('product.sku')), h('th', { scope: 'col', class: 'num' }, t('stock.on_hand')), h('th', { scope: 'col', class: 'num' }, t('stock.available'))),
      ),
      h(
        'tbody',
        {},
        mine.map((level) =>
          h(
            'tr',
            { dataset: { warehouse: level.warehouse.code, skuCode: codes.get(level.sku.id) } },
            h('td', {}, level.warehouse.name),
            h(
              'td',
              {},
              manage ? h('a', { href: appUrl(`/movements/${level.sku.id}`) }, codes.get(level.sku.id)) : codes.get(level.sku.id),
            ),
            h('td', { class: 'num' }, qty(level.onHand)),
            h('td', { class: 'num' }, qty(level.available), level.isLow && h('span', { class: 'chip chip-bad' }, t('stock.low'))),
          ),
        ),
      ),
    ),
  );
}

/** Distributors: the product's band and each SKU's; null when the workspace shows nothing. */
function availabilityCard(product, found) {
  if (!found?.band) return null;
  return card(
    t('availability.title'),
    h('p', { class: 'product-availability' }, availabilityChip(found.band)),
    h(
      'ul',
      { class: 'item-list', 'aria-label': t('availability.title') },
      product.skus.map((sku) =>
        h(
          'li',
          { class: 'item-row', dataset: { skuCode: sku.code } },
          h('div', { class: 'item-main' }, h('strong', {}, sku.code), sku.specLabel && h('span', { class: 'muted small' }, sku.specLabel)),
          h('div', { class: 'item-meta' }, availabilityChip(found.skus.get(sku.id))),
        ),
      ),
    ),
  );
}

/** Staff get the stock table; distributors the band card (or nothing). */
async function stockCard(product) {
  if (!seesStockNumbers()) return availabilityCard(product, (await loadAvailability([product.id])).get(product.id));
  const { stockLevels } = await gql(PRODUCT_STOCK, { productId: product.id });
  return card(t('product.stock'), stockTable(product, stockLevels.items));
}

export function mount(root, { params, query }) {
  const body = h('div', {});
  let title = t('product.title');

  async function load() {
    fill(root, screenHeader(title), body);
    fill(body, loadingView(4));
    try {
      const { product } = await gql(PRODUCT, { id: params.id });
      const stock = await stockCard(product);
      title = product.name;
      fill(
        root,
        screenHeader(
          product.name,
          ...(hasScope('catalog.manage') ? [h('a', { href: appUrl(`/products/${product.id}/edit`), class: 'button button-quiet button-small' }, t('product.edit'))] : []),
        ),
        detailColumns(
          aside(card(
            t('product.facts'),
            facts([
              [t('product.code'), product.code],
              [t('product.brand'), product.brand || '—'],
              [t('product.category'), product.category ? product.category.path.join(' / ') : '—'],
              [t('product.base_unit'), product.baseUnit],
              product.status === 'ARCHIVED' && [t('product.status'), t('product.archived')],
              product.description && [t('product.description'), product.description],
            ]),
          )),
          card(t('product.skus'), skuTable(product, query.get('sku'))),
          aside(stock),
        ),
      );
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load };
}
