/**
 * Suppliers (供应商, for purchasing.manage): search by code or name, filter active / inactive,
 * and open one to edit it and its items; a new supplier from the header.
 */

import { SUPPLIERS } from '../api/procurement.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { exportLink } from '../ui/export_link.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { emptyView } from '../ui/states.js';

const ACTIVE = { '': null, active: true, inactive: false };

function supplierRow(supplier) {
  const contact = supplier.contacts[0];
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/suppliers/${supplier.id}`), class: 'item-row supplier-row', dataset: { code: supplier.code } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, supplier.name),
        h('span', { class: 'muted small' }, [supplier.code, t('supplier.terms_n', { days: supplier.paymentTermsDays }), contact && [contact.name, contact.phone].filter(Boolean).join(' ')].filter(Boolean).join(' · ')),
      ),
      h(
        'div',
        { class: 'item-meta' },
        !supplier.isActive && h('span', { class: 'chip chip-bad', dataset: { status: 'inactive' } }, t('supplier.inactive')),
        h('span', { class: 'muted small' }, t('supplier.items_n', { count: formatNumber(supplier.items.length) })),
      ),
    ),
  );
}

export function mount(root, { query }) {
  const state = { search: '', active: query.get('active') || '' };
  const search = field({ name: 'search', label: t('supplier.search'), type: 'search', placeholder: t('supplier.search_hint'), autocomplete: 'off' });
  const active = field({
    name: 'active',
    label: t('supplier.status_label'),
    value: state.active,
    options: Object.keys(ACTIVE).map((value) => ({ value, label: t(`supplier.filter.${value || 'all'}`) })),
  });

  let debounce = 0;
  search.querySelector('input').addEventListener('input', (event) => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      state.search = event.target.value.trim();
      load();
    }, 300);
  });
  active.querySelector('select').addEventListener('change', (event) => {
    state.active = event.target.value;
    load();
  });

  const list = pagedList({
    keepRows: true,
    fetch: async (paging) => (await gql(SUPPLIERS, { search: state.search, active: ACTIVE[state.active] ?? null, ...paging })).suppliers,
    row: supplierRow,
    label: () => t('supplier.list_title'),
    count: (shown) => t('supplier.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'truck', title: t('supplier.empty'), hint: state.search ? t('products.empty_search') : '' }),
  });
  const load = (options) => list.load(options);

  const create = h('a', { href: appUrl('/suppliers/new'), class: 'button' }, t('supplier.create_title'));
  const filters = h('form', { class: 'filters', role: 'search', onsubmit: (event) => event.preventDefault() }, search, active);
  const importLink = h('a', { href: appUrl('/imports?kind=suppliers'), class: 'button button-quiet' }, t('import.link'));
  const exported = exportLink('suppliers', () => ({ q: state.search, active: { active: 'true', inactive: 'false' }[state.active] ?? '' }));
  fill(root, screenHeader(t('supplier.list_title'), importLink, exported, create), filters, list.summary, list.element);
  load();
  return { refresh: () => load() };
}
