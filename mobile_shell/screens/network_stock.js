/**
 * 渠道库存 (distribution.view): the network's channel stock from the distributors' reports
 * (channelStock) — per distributor and SKU the stock in the latest report, the units sold in the
 * last 30 days and the days that stock lasts at that pace (无销量 when nothing sold) — narrowed
 * to a distributor (with its downline) and a SKU, with the totals of what is shown.
 */

import { CHANNEL_STOCK, DISTRIBUTOR_PICK } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { field } from '../ui/form.js';
import { facts, screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { skuName } from '../ui/portal.js';
import { qty } from '../ui/quantity.js';
import { skuLabel, skuSearch } from '../ui/sku_search.js';
import { emptyView, errorText } from '../ui/states.js';

function cover(days) {
  return days === null ? t('cstock.no_sales') : t('cstock.days', { n: qty(days) });
}

function stockRow(row) {
  return h(
    'li',
    { class: 'item-row channel-row', dataset: { distributorId: row.distributorId, skuCode: row.sku.code } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, row.distributorName),
      h('span', { class: 'muted small' }, `${row.levelName} · ${skuName(row.sku)} · ${row.sku.code}`),
      h('span', { class: 'muted small' }, t('cstock.as_of', { date: formatDate(row.asOf) })),
    ),
    h(
      'div',
      { class: 'item-meta' },
      h('strong', { dataset: { testid: 'on-hand' } }, t('cstock.on_hand', { n: qty(row.onHand), unit: row.sku.baseUnit })),
      h('span', { class: 'small' }, t('cstock.sold', { n: qty(row.sold) })),
      h('span', { class: row.daysOfCover !== null && Number(row.daysOfCover) < 7 ? 'chip chip-bad' : 'chip', dataset: { testid: 'cover' } }, cover(row.daysOfCover)),
    ),
  );
}

export function mount(root, { query }) {
  const state = { distributorId: query.get('distributor') || null, distributorName: '', subtree: query.get('subtree') === '1', skuId: null, skuName: '', page: null };
  const totals = h('div', { 'aria-live': 'polite' });
  const picked = h('p', { class: 'small', role: 'status' });
  const found = h('ul', { class: 'sku-results', 'aria-live': 'polite' });

  const list = pagedList({
    fetch: async (paging) => {
      const page = (await gql(CHANNEL_STOCK, { distributorId: state.distributorId, skuId: state.skuId, subtree: state.subtree, ...paging })).channelStock;
      fill(
        totals,
        facts([
          [t('cstock.window'), `${formatDate(page.windowFrom)} – ${formatDate(page.windowTo)}`],
          [t('cstock.total_on_hand'), qty(page.totalOnHand)],
          [t('cstock.total_sold'), qty(page.totalSold)],
          [t('cstock.total_cover'), cover(page.totalDaysOfCover)],
        ]),
      );
      return page;
    },
    row: stockRow,
    label: () => t('cstock.title'),
    count: (shown) => t('cstock.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'inbox', title: t('cstock.empty'), hint: t('cstock.empty_hint') }),
  });

  function drawPicked() {
    const parts = [state.distributorId ? t('cstock.for_distributor', { name: state.distributorName || state.distributorId }) : t('cstock.whole_network'), state.skuId && t('cstock.for_sku', { name: state.skuName })].filter(Boolean);
    const reset = (state.distributorId || state.skuId) && h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => ((state.distributorId = null), (state.skuId = null), drawPicked(), list.load()) }, t('cstock.clear'));
    fill(picked, parts.join(' · '), ' ', reset);
  }

  const distributor = field({ name: 'distributorSearch', label: t('cstock.distributor'), type: 'search', autocomplete: 'off' });
  distributor.append(found);
  let token = 0;
  distributor.querySelector('input').addEventListener('input', async (event) => {
    const mine = ++token;
    const term = event.target.value.trim();
    if (!term) return fill(found);
    try {
      const { distributors } = await gql(DISTRIBUTOR_PICK, { search: term });
      if (mine !== token) return undefined;
      return fill(
        found,
        distributors.items.map((one) =>
          h('li', {}, h('button', { type: 'button', class: 'sku-result', onclick: () => ((state.distributorId = one.id), (state.distributorName = one.name), (event.target.value = ''), fill(found), drawPicked(), list.load()) }, `${one.name} · ${one.level.name}`)),
        ),
      );
    } catch (error) {
      return fill(found, h('li', { class: 'field-error' }, errorText(error)));
    }
  });
  const subtree = h('label', { class: 'choice' }, h('input', { type: 'checkbox', name: 'subtree', checked: state.subtree, onchange: (event) => ((state.subtree = event.target.checked), list.load()) }), t('cstock.subtree'));
  const sku = skuSearch({ name: 'skuFilter', label: t('cstock.sku'), onPick: (one) => ((state.skuId = one.id), (state.skuName = skuLabel(one)), drawPicked(), list.load()) });
  const back = h('a', { href: appUrl('/network'), class: 'button button-quiet button-small' }, t('network.title'));
  fill(root, screenHeader(t('cstock.title'), back), h('form', { class: 'filters filters-stack', role: 'search', onsubmit: (event) => event.preventDefault() }, distributor, subtree, sku), picked, totals, list.summary, list.element);
  drawPicked();
  list.load();
  return { refresh: () => list.load() };
}
