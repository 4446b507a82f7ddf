/**
 * The stock ledger of one SKU (for inventory.manage), newest first: what changed on hand, the
 * balance after it, the bin (库位) when one was named, the source document and who did it. ?warehouse= narrows it to one warehouse.
 */

import { MOVEMENTS } from '../api/inventory.js';
import { gql } from '../core/graphql.js';
import { formatDateTime, formatNumber, hasText, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { money, qty } from '../ui/quantity.js';
import { emptyView } from '../ui/states.js';

const PAGE = 50;

function kindLabel(kind) {
  return hasText(`movement.kind.${kind}`) ? t(`movement.kind.${kind}`) : kind;
}

function signed(value) {
  const text = qty(value);
  return Number(value) > 0 ? `+${text}` : text;
}

function movementRow(move) {
  const delta = Number(move.onHandDelta) !== 0 ? move.onHandDelta : move.reservedDelta;
  return h(
    'li',
    { class: 'item-row', dataset: { kind: move.kind } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, kindLabel(move.kind), move.sourceRef && h('span', { class: 'muted' }, ` ${move.sourceRef}`)),
      h('span', { class: 'muted small' }, [formatDateTime(move.createdAt), move.bin ? t('movements.in_bin', { warehouse: move.warehouse.name, bin: move.bin.code }) : move.warehouse.name, move.actorName, move.reason].filter(Boolean).join(' · ')),
    ),
    h(
      'div',
      { class: 'item-meta' },
      h('span', { class: Number(delta) < 0 ? 'qty qty-out' : 'qty qty-in' }, signed(delta)),
      h('span', { class: 'muted small' }, t('movements.after', { qty: qty(move.onHandAfter) })),
      move.unitCost !== null && h('span', { class: 'muted small' }, money(move.unitCost)),
    ),
  );
}

export function mount(root, { params, query }) {
  const header = screenHeader(t('movements.title'));
  const list = pagedList({
    pageSize: PAGE,
    fetch: async (paging) => (await gql(MOVEMENTS, { skuId: params.skuId, warehouseId: query.get('warehouse') || null, ...paging })).stockMovements,
    onLoaded: () => {
      const sku = list.items[0]?.sku;
      if (sku) header.querySelector('h1').textContent = t('movements.title_for', { code: sku.code });
    },
    row: movementRow,
    label: () => t('movements.title'),
    count: (shown) => {
      const sku = shown.items[0]?.sku;
      return sku ? `${sku.name}${sku.specLabel ? ` · ${sku.specLabel}` : ''} · ${t('movements.count', { count: formatNumber(shown.total) })}` : '';
    },
    empty: () => emptyView({ iconName: 'inbox', title: t('movements.empty') }),
  });

  fill(root, header, list.summary, list.element);
  list.load();
  return { refresh: () => list.load() };
}
