/**
 * 价目表 (distribution.view; editing distribution.manage): the price list versions of the levels
 * and distributors, newest first, each with its SKUs and categories, their quantity breaks (from
 * N units: a fixed price or a discount off the list price) and case quantities. 新建价目表 and
 * 基于此版本新建 open the editor (ui/price_list_editor.js): a saved version takes effect on its
 * date and the older ones stay as the prices charged while they were in force.
 */

import { CATEGORIES } from '../api/catalog.js';
import { DISTRIBUTOR_LEVELS, PRICE_LISTS } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { priceListEditor } from '../ui/price_list_editor.js';
import { money, qty } from '../ui/quantity.js';
import { emptyView, errorText } from '../ui/states.js';
import { toast } from '../ui/toast.js';

function breakText(one) {
  const price = one.fixedPrice !== null ? money(one.fixedPrice) : t('prices.discount_of', { n: qty(one.discountPercent) });
  return t('prices.break_text', { min: qty(one.minQuantity), price });
}

function itemRow(item) {
  const name = item.sku ? `${item.sku.name}${item.sku.specLabel ? ` · ${item.sku.specLabel}` : ''}` : t('prices.category_named', { name: item.category.name });
  return h(
    'li',
    { class: 'price-list-item', dataset: { item: item.sku ? item.sku.code : `category-${item.category.id}` } },
    h('strong', {}, name),
    item.sku && h('span', { class: 'muted small' }, ` ${item.sku.code} · ${t('prices.list_price', { price: money(item.sku.listPrice) })}`),
    h('span', { class: 'small price-list-breaks' }, item.breaks.map(breakText).join('；')),
    item.caseQuantity && h('span', { class: 'chip portal-case' }, t('portal.case_of', { n: item.caseQuantity })),
  );
}

export function mount(root) {
  const state = { levelId: '', levels: [], categories: [], editing: null };
  const editorSlot = h('div', {});
  const manage = hasScope('distribution.manage');

  function openEditor(from = null) {
    fill(
      editorSlot,
      priceListEditor({
        levels: state.levels,
        categories: state.categories,
        from,
        onSaved: () => {
          fill(editorSlot);
          list.load();
        },
        onClose: () => fill(editorSlot),
      }),
    );
    editorSlot.querySelector('input, select')?.focus();
  }

  function listRow(priceList) {
    const owner = priceList.level ? t('prices.for_level', { name: priceList.level.name }) : t('prices.for_distributor', { name: priceList.distributorName });
    return h(
      'li',
      { class: 'price-list card', dataset: { priceListId: priceList.id } },
      h(
        'div',
        { class: 'po-form-line-head' },
        h('div', { class: 'item-main' }, h('strong', {}, `${priceList.name} · v${priceList.version}`), h('span', { class: 'muted small' }, `${owner} · ${t('prices.from_date', { date: formatDate(priceList.effectiveFrom) })}`), priceList.note && h('span', { class: 'muted small' }, priceList.note)),
        manage && h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => openEditor(priceList) }, t('prices.copy')),
      ),
      h('ul', { class: 'price-list-items' }, priceList.items.map(itemRow)),
    );
  }

  const list = pagedList({
    pageSize: 10,
    listClass: 'price-lists',
    fetch: async (paging) => (await gql(PRICE_LISTS, { levelId: state.levelId || null, distributorId: null, ...paging })).priceLists,
    row: listRow,
    label: () => t('prices.title'),
    count: (shown) => t('prices.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'wallet', title: t('prices.empty') }),
  });

  const level = field({ name: 'levelFilter', label: t('prices.level'), value: '', options: [{ value: '', label: t('prices.all') }] });
  level.querySelector('select').addEventListener('change', (event) => {
    state.levelId = event.target.value;
    list.load();
  });
  const create = manage && h('button', { type: 'button', class: 'button button-small', onclick: () => openEditor() }, t('prices.create'));
  const back = h('a', { href: appUrl('/network'), class: 'button button-quiet button-small' }, t('network.title'));
  fill(root, screenHeader(t('prices.title'), back, create), editorSlot, h('form', { class: 'filters filters-stack', onsubmit: (event) => event.preventDefault() }, level), list.summary, list.element);

  (async () => {
    try {
      const [{ distributorLevels }, { categories }] = await Promise.all([gql(DISTRIBUTOR_LEVELS), gql(CATEGORIES)]);
      state.levels = distributorLevels;
      state.categories = categories;
      const select = level.querySelector('select');
      for (const one of distributorLevels) select.append(h('option', { value: one.id }, one.name));
    } catch (error) {
      toast(errorText(error), { kind: 'error' });
    }
  })();
  list.load();
  return { refresh: () => list.load() };
}
