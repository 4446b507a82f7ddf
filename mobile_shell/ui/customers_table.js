/**
 * The customers as a desktop table (≥ 1024 px; phones keep screens/customers.js's list):
 * sortable columns, the person's columns, filters in the URL (search, level, owner, active)
 * with the keys of the customer export, and saved views.
 */

import { CUSTOMER_LEVEL_CHOICES, CUSTOMER_TABLE, USER_CHOICES } from '../api/workbench.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { exportLink } from './export_link.js';
import { field } from './form.js';
import { choiceFilter } from './table_filters.js';
import { workbench } from './workbench.js';

const DEFAULT_COLUMNS = ['code', 'name', 'phone', 'owner', 'level', 'active'];

function columns() {
  return [
    { key: 'code', label: t('col.code'), sortable: true, cell: (c) => c.code },
    { key: 'name', label: t('col.name'), always: true, sortable: true, cell: (c) => h('a', { href: appUrl(`/customers/${c.id}`), tabindex: '-1' }, c.name) },
    { key: 'phone', label: t('col.phone'), cell: (c) => c.phone || '' },
    { key: 'owner', label: t('col.owner'), sortable: true, cell: (c) => c.owner?.fullName || '' },
    { key: 'level', label: t('col.level'), sortable: true, cell: (c) => c.level?.name || '' },
    { key: 'active', label: t('col.status'), cell: (c) => (c.isActive ? t('filter.active_yes') : h('span', { class: 'chip chip-bad' }, t('customer.inactive'))) },
  ];
}

export function mountCustomersTable(root, { query }) {
  const choices = { users: [], levels: [] };
  const params = () => new URLSearchParams(location.search);

  function filters(current) {
    const select = (name, label, options) => choiceFilter(current, name, label, options);
    return [
      field({ name: 'q', label: t('customer.search'), type: 'search', value: current.get('q') || '', autocomplete: 'off' }),
      select('active', t('filter.active'), [
        { value: 'true', label: t('filter.active_yes') },
        { value: 'false', label: t('filter.active_no') },
      ]),
      choices.levels.length > 0 && select('level', t('col.level'), choices.levels.map((level) => ({ value: level.id, label: level.name }))),
      choices.users.length > 1 && select('owner', t('col.owner'), choices.users.map((user) => ({ value: user.id, label: user.fullName }))),
    ];
  }

  const create = h('a', { href: appUrl('/customers/new'), class: 'button button-small' }, t('customer.create_title'));
  const importLink = h('a', { href: appUrl('/imports?kind=customers'), class: 'button button-quiet button-small' }, t('import.link'));
  const exported = exportLink('customers', () => {
    const now = params();
    return { q: now.get('q') || '', active: now.get('active') || '', level: now.get('level') || '' };
  });
  const screen = workbench(root, {
    list: 'customers',
    title: t('customer.list_title'),
    actions: [importLink, exported, create],
    query,
    columns: columns(),
    defaults: DEFAULT_COLUMNS,
    filters,
    rowName: (customer) => customer.name,
    onOpen: (customer) => navigate(`/customers/${customer.id}`),
    fetch: async (current, { limit, offset, sort }) => {
      const orderBy = sort ? { field: sort.key.toUpperCase(), direction: sort.descending ? 'DESC' : 'ASC' } : null;
      const active = { true: true, false: false }[current.get('active')] ?? null;
      const variables = { search: current.get('q') || '', levelId: current.get('level') || null, ownerId: current.get('owner') || null, active, orderBy, limit, offset };
      return (await gql(CUSTOMER_TABLE, variables)).customers;
    },
  });
  gql(CUSTOMER_LEVEL_CHOICES)
    .then((data) => {
      choices.levels = data.customerLevels;
      screen.redrawFilters();
    })
    .catch(() => {});
  gql(USER_CHOICES)
    .then((data) => {
      choices.users = data.users.items;
      screen.redrawFilters();
    })
    .catch(() => {});
  return screen;
}
