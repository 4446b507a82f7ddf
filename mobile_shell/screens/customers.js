/**
 * Customers (客户, for customers.view_own or customers.view_all): a rep sees their own, a manager
 * everyone's. Search by name, pinyin initials, code or phone (also of contacts); filter by
 * active / inactive, level, tags (any or all of them) and, for managers, owner or the pool.
 * Each row shows the level, tags and owner, and the phone as a tap-to-call link.
 */

import { CUSTOMERS, CUSTOMER_FILTERS } from '../api/customers.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { session } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { callLink, isCustomerManager, tagChip } from '../ui/customer_fields.js';
import { tagPicker } from '../ui/customer_tags.js';
import { mountCustomersTable } from '../ui/customers_table.js';
import { fill, h } from '../ui/element.js';
import { exportLink } from '../ui/export_link.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { emptyView, staleNotice } from '../ui/states.js';
import { byWidth } from '../ui/workbench.js';

const ACTIVE = { '': null, active: true, inactive: false };

/** The number to call: the customer's own, else the primary contact's. */
function phoneOf(customer) {
  if (customer.phone) return { phone: customer.phone, name: customer.name };
  const contact = customer.contacts.find((one) => one.isPrimary && one.phone) || customer.contacts.find((one) => one.phone);
  return contact ? { phone: contact.phone, name: contact.name } : { phone: '', name: '' };
}

function customerRow(customer) {
  const call = phoneOf(customer);
  const facts = [customer.code, customer.level?.name, customer.owner ? customer.owner.name : t('customer.owner_pool')];
  return h(
    'li',
    { class: 'item-row customer-row', dataset: { code: customer.code, customerId: customer.id } },
    h(
      'div',
      { class: 'item-main' },
      h('a', { href: appUrl(`/customers/${customer.id}`), class: 'customer-link' }, h('strong', {}, customer.name)),
      h('span', { class: 'muted small' }, facts.filter(Boolean).join(' · ')),
      customer.tags.length > 0 && h('span', { class: 'roles' }, customer.tags.map(tagChip)),
    ),
    h(
      'div',
      { class: 'item-meta' },
      !customer.isActive && h('span', { class: 'chip chip-bad', dataset: { status: 'inactive' } }, t('customer.inactive')),
      callLink(call.phone, { label: call.name }),
    ),
  );
}

export function mount(root, context) {
  // Wide screens get the desktop table (ui/customers_table.js); phones the list below.
  return byWidth(
    () => mountCustomersTable(root, context),
    () => mountList(root, context),
  );
}

function mountList(root, { query }) {
  const me = session().user;
  const state = { search: '', active: query.get('active') ?? 'active', levelId: '', owner: '', tagIds: [], tagMode: 'ANY' };
  const more = h('details', { class: 'customer-filters' }, h('summary', {}, t('customer.more_filters')));
  const search = field({ name: 'search', label: t('customer.search'), type: 'search', placeholder: t('customer.search_hint'), autocomplete: 'off' });
  const active = field({
    name: 'active',
    label: t('customer.status_label'),
    value: state.active,
    options: Object.keys(ACTIVE).map((value) => ({ value, label: t(`customer.filter.${value || 'all'}`) })),
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

  /** Level, owner and tag filters, once the workspace's levels and tags are known. */
  function drawFilters({ customerLevels: levels, customerTags: tags }) {
    const selects = [];
    if (levels.length) {
      const level = field({ name: 'levelId', label: t('customer.level'), options: [{ value: '', label: t('customer.level_all') }, ...levels.map((one) => ({ value: one.id, label: one.name }))] });
      level.querySelector('select').addEventListener('change', (event) => {
        state.levelId = event.target.value;
        load();
      });
      selects.push(level);
    }
    if (isCustomerManager()) {
      const owner = field({ name: 'owner', label: t('customer.owner'), options: ['', 'mine', 'pool'].map((value) => ({ value, label: t(`customer.owner_filter.${value || 'all'}`) })) });
      owner.querySelector('select').addEventListener('change', (event) => {
        state.owner = event.target.value;
        load();
      });
      selects.push(owner);
    }
    let tagPart = null;
    if (tags.length) {
      const mode = field({ name: 'tagMode', label: t('customer.tag_mode'), value: state.tagMode, options: ['ANY', 'ALL'].map((value) => ({ value, label: t(`customer.tag_mode.${value.toLowerCase()}`) })) });
      mode.querySelector('select').addEventListener('change', (event) => {
        state.tagMode = event.target.value;
        if (state.tagIds.length > 1) load();
      });
      const picker = tagPicker({
        tags,
        legend: t('customer.tags_filter'),
        allowCreate: false,
        onChange: (ids) => {
          state.tagIds = ids;
          load();
        },
      });
      selects.push(mode);
      tagPart = picker.element;
    }
    if (!selects.length && !tagPart) return;
    more.append(h('div', { class: 'contact-grid' }, selects), tagPart);
    filters.after(more);
  }

  function variables(paging) {
    return {
      search: state.search,
      tagIds: state.tagIds.length ? state.tagIds : null,
      tagMode: state.tagMode,
      levelId: state.levelId || null,
      ownerId: state.owner === 'mine' ? me.id : null,
      unassigned: state.owner === 'pool' ? true : null,
      active: ACTIVE[state.active] ?? null,
      ...paging,
    };
  }

  const list = pagedList({
    host: { class: 'item-list-host' },
    keepRows: true,
    fetch: async (paging, { append }) => {
      const given = variables(paging);
      // The first page of one's own active customers is what a rep opens offline.
      const plain = !append && !given.search && !given.tagIds && !given.levelId && !given.ownerId && !given.unassigned && state.active === 'active';
      const { data, stale, savedAt } = plain ? await cachedQuery('customers', CUSTOMERS, given) : { data: await gql(CUSTOMERS, given), stale: false };
      return { ...data.customers, notice: stale ? staleNotice(savedAt) : null };
    },
    row: customerRow,
    label: () => t('customer.list_title'),
    count: (shown) => t('customer.count', { count: formatNumber(shown.total) }),
    empty: () => {
      const filtered = state.search || state.levelId || state.owner || state.tagIds.length;
      const create = !filtered && h('a', { href: appUrl('/customers/new'), class: 'button' }, t('customer.create_title'));
      return emptyView({ iconName: 'customer', title: t('customer.empty'), hint: filtered ? t('customer.empty_search') : t('customer.empty_hint'), action: create });
    },
  });
  const load = () => list.load();

  const create = h('a', { href: appUrl('/customers/new'), class: 'button button-small' }, t('customer.create_title'));
  const filters = h('form', { class: 'filters', role: 'search', onsubmit: (event) => event.preventDefault() }, search, active);
  const importLink = h('a', { href: appUrl('/imports?kind=customers'), class: 'button button-quiet button-small' }, t('import.link'));
  const ACTIVE_PARAM = { active: 'true', inactive: 'false' };
  const exported = exportLink('customers', () => ({ q: state.search, active: ACTIVE_PARAM[state.active] ?? '', level: state.levelId, owner: state.owner }));
  fill(root, screenHeader(t('customer.list_title'), importLink, exported, create), filters, list.summary, list.element);
  load();
  gql(CUSTOMER_FILTERS)
    .then(drawFilters)
    .catch(() => {
      // Without levels and tags the list still works: search and status stay.
    });
  return { refresh: () => load() };
}
