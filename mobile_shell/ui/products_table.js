/**
 * The products as a desktop table for staff (≥ 1024 px; phones, and distributors who see
 * stock as bands, keep screens/products.js's list): sortable columns, the person's columns,
 * filters in the URL (search, status) and saved views.
 */

import { PRODUCT_TABLE } from '../api/workbench.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { distributorAvailabilityControl } from './availability.js';
import { h } from './element.js';
import { exportLink } from './export_link.js';
import { field } from './form.js';
import { workbench } from './workbench.js';

const DEFAULT_COLUMNS = ['code', 'name', 'brand', 'category', 'unit', 'skus'];

function columns() {
  return [
    { key: 'code', label: t('col.code'), sortable: true, cell: (p) => p.code },
    { key: 'name', label: t('col.name'), always: true, sortable: true, cell: (p) => h('a', { href: appUrl(`/products/${p.id}`), tabindex: '-1' }, p.name) },
    { key: 'brand', label: t('col.brand'), sortable: true, cell: (p) => p.brand || '' },
    { key: 'category', label: t('col.category'), sortable: true, cell: (p) => p.category?.path || '' },
    { key: 'unit', label: t('col.unit'), cell: (p) => p.baseUnit },
    { key: 'skus', label: t('col.skus'), numeric: true, cell: (p) => formatNumber(p.skus.length) },
    { key: 'status', label: t('col.status'), cell: (p) => t(p.status === 'archived' ? 'filter.status_archived' : 'filter.status_active') },
    { key: 'created_at', label: t('col.created_at'), sortable: true, cell: (p) => formatDate(p.createdAt) },
  ];
}

/** Staff get the table; a distributor's people see stock as bands on the phone list. */
export function productsTableFor() {
  return hasScope(['inventory.view', 'catalog.manage']);
}

export function mountProductsTable(root, { query }) {
  function filters(current) {
    const statuses = [
      { value: 'active', label: t('filter.status_active') },
      hasScope('catalog.manage') && { value: 'archived', label: t('filter.status_archived') },
    ].filter(Boolean);
    return [
      field({ name: 'q', label: t('products.search'), type: 'search', value: current.get('q') || '', placeholder: t('products.search_hint'), autocomplete: 'off' }),
      field({ name: 'status', label: t('filter.product_status'), value: current.get('status') || 'active', options: statuses }),
    ];
  }

  const create = hasScope('catalog.manage') && h('a', { href: appUrl('/products/new'), class: 'button button-small' }, t('product.create_title'));
  const importLink = hasScope('catalog.manage') && h('a', { href: appUrl('/imports?kind=products'), class: 'button button-quiet button-small' }, t('import.link'));
  const exported = exportLink('products', () => {
    const now = new URLSearchParams(location.search);
    return { q: now.get('q') || '', status: now.get('status') || '' };
  });
  return workbench(root, {
    list: 'products',
    title: t('products.title'),
    actions: [importLink, exported, create],
    extra: distributorAvailabilityControl(),
    query,
    columns: columns(),
    defaults: DEFAULT_COLUMNS,
    filters,
    rowName: (product) => product.name,
    onOpen: (product) => navigate(`/products/${product.id}`),
    fetch: async (current, { limit, offset, sort }) => {
      const orderBy = sort ? { field: sort.key.toUpperCase(), direction: sort.descending ? 'DESC' : 'ASC' } : null;
      const status = current.get('status') || 'active';
      return (await gql(PRODUCT_TABLE, { search: current.get('q') || '', status, orderBy, limit, offset })).products;
    },
  });
}
