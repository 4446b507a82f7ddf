/**
 * Suppliers (供应商, for purchasing.manage): search by code or name, filter active / inactive,
 * and open one to edit it and its items; a new supplier from the header.
 */

import { SUPPLIERS } from '../api/procurement.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/router.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';

const PAGE = 30;
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
  const state = { search: '', active: query.get('active') || '', items: [], total: 0, token: 0 };
  const list = h('div', {});
  const summary = h('p', { class: 'muted', role: 'status' });
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

  async function load({ append = false } = {}) {
    const token = ++state.token;
    if (!append && !state.items.length) fill(list, loadingView(4));
    list.setAttribute('aria-busy', 'true');
    try {
      const variables = { search: state.search, active: ACTIVE[state.active] ?? null, limit: PAGE, offset: append ? state.items.length : 0 };
      const { suppliers } = await gql(SUPPLIERS, variables);
      if (token !== state.token) return;
      state.items = append ? [...state.items, ...suppliers.items] : suppliers.items;
      state.total = suppliers.totalCount;
      summary.textContent = t('supplier.count', { count: formatNumber(state.total) });
      if (!state.items.length) {
        fill(list, emptyView({ iconName: 'truck', title: t('supplier.empty'), hint: state.search ? t('products.empty_search') : '' }));
        return;
      }
      const more =
        state.items.length < state.total &&
        h('button', { type: 'button', class: 'button button-quiet button-block', onclick: () => load({ append: true }) }, t('action.load_more'));
      fill(list, h('ul', { class: 'item-list card', 'aria-label': t('supplier.list_title') }, state.items.map(supplierRow)), more);
    } catch (error) {
      if (token === state.token) fill(list, errorView(error, { retry: () => load() }));
    } finally {
      if (token === state.token) list.removeAttribute('aria-busy');
    }
  }

  const create = h('a', { href: appUrl('/suppliers/new'), class: 'button' }, t('supplier.create_title'));
  const filters = h('form', { class: 'filters', role: 'search', onsubmit: (event) => event.preventDefault() }, search, active);
  fill(root, screenHeader(t('supplier.list_title'), create), filters, summary, list);
  load();
  return { refresh: () => load() };
}
