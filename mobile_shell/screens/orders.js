/**
 * Sales orders as work queues (订单): tabs 待审核 / 待采购 / 待发货 / 待签回 / 草稿 / 全部 with their
 * counts, each a list of the orders the user may see (a rep their own, the warehouse those to
 * ship, without prices), newest first, with search and "load more". A reviewer approves straight
 * from a 待审核 row after a confirmation; orders over the customer's credit limit are flagged and
 * need a manager. The home screen's to-dos open the matching tab (?queue=pending_review).
 * On a wide screen (≥ 1024 px) the list is the desktop table of ui/orders_table.js instead.
 */

import { SALES_ORDERS, SALES_QUEUE_COUNTS } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { busy, field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { STEPS, runStep } from '../ui/order_actions.js';
import { QUEUES, creditChip, may, statusChip } from '../ui/order_status.js';
import { mountOrdersTable } from '../ui/orders_table.js';
import { pagedList } from '../ui/paged_list.js';
import { money } from '../ui/quantity.js';
import { emptyView, staleNotice } from '../ui/states.js';
import { byWidth } from '../ui/workbench.js';

const COUNT_FIELDS = {
  draft: 'draft',
  pending_review: 'pendingReview',
  pending_purchase: 'pendingPurchase',
  pending_shipment: 'pendingShipment',
  partly_shipped: 'partlyShipped',
  pending_signback: 'pendingSignback',
};

function visibleQueues() {
  return QUEUES.filter((queue) => hasScope(queue.scope));
}

function defaultQueue(queues) {
  const ids = queues.map((queue) => queue.id);
  if (may.review() && ids.includes('pending_review')) return 'pending_review';
  if (!hasScope(['orders.view_all', 'orders.view_own']) && ids.includes('pending_shipment')) return 'pending_shipment';
  return 'all';
}

export function mount(root, context) {
  // Wide screens get the desktop table (ui/orders_table.js); phones the queues below.
  return byWidth(
    () => mountOrdersTable(root, context),
    () => mountQueues(root, context),
  );
}

function mountQueues(root, { query }) {
  const queues = visibleQueues();
  const asked = query.get('queue');
  const state = { queue: queues.some((one) => one.id === asked) ? asked : defaultQueue(queues), search: '', counts: null };
  const tabs = h('fieldset', { class: 'field choice-group order-queues' });

  function queueOf(id) {
    return queues.find((one) => one.id === id);
  }

  function countOf(queue) {
    if (!state.counts || !queue.statuses) return null;
    return queue.statuses.reduce((sum, status) => sum + (state.counts[COUNT_FIELDS[status]] || 0), 0);
  }

  function drawTabs() {
    fill(
      tabs,
      h('legend', { class: 'visually-hidden' }, t('orders.queue')),
      h(
        'div',
        { class: 'chip-row' },
        queues.map((queue) => {
          const count = countOf(queue);
          return h(
            'label',
            { class: 'choice order-queue', dataset: { queue: queue.id } },
            h('input', {
              type: 'radio',
              name: 'queue',
              value: queue.id,
              checked: queue.id === state.queue,
              onchange: () => {
                state.queue = queue.id;
                const params = new URLSearchParams(location.search);
                params.set('queue', queue.id);
                history.replaceState({}, '', `${location.pathname}?${params}`);
                load();
              },
            }),
            t(`orders.queue.${queue.id}`),
            count !== null && h('span', { class: 'chip order-queue-count' }, formatNumber(count)),
          );
        }),
      ),
    );
  }

  async function loadCounts() {
    try {
      state.counts = (await gql(SALES_QUEUE_COUNTS)).salesQueueCounts;
    } catch {
      state.counts = null; // the tabs work without their counts
    }
    drawTabs();
  }

  async function approve(button, order) {
    const amount = order.totalAmount === null ? '' : money(order.totalAmount, order.currency);
    const ok = await confirmDialog({ title: t('orders.approve_title', { number: order.number }), message: t('orders.approve_body', { customer: order.customer.name, amount }), confirmLabel: t('order.approve') });
    if (!ok) return;
    const done = await busy(button, () => runStep(STEPS.approve, order, { note: '' }));
    if (done) {
      load();
      loadCounts();
    }
  }

  function orderRow(order) {
    const approveButton =
      order.status === 'pending_review' &&
      may.review() &&
      !(order.creditHold && !may.override()) &&
      h('button', { type: 'button', class: 'button button-small', 'aria-label': t('orders.approve_named', { number: order.number }) }, t('order.approve'));
    if (approveButton) approveButton.addEventListener('click', () => approve(approveButton, order));
    return h(
      'li',
      { class: 'item-row order-row', dataset: { number: order.number, status: order.status } },
      h(
        'div',
        { class: 'item-main' },
        h('a', { href: appUrl(`/orders/${order.id}`), class: 'order-link' }, h('strong', {}, order.number)),
        h('span', {}, order.customer.name),
        h('span', { class: 'muted small' }, `${order.rep.fullName} · ${formatDate(order.orderDate)}`),
      ),
      h(
        'div',
        { class: 'item-meta' },
        h('span', { class: 'roles' }, statusChip(order.status), order.creditHold && creditChip()),
        order.totalAmount !== null && h('strong', { class: 'order-row-total' }, money(order.totalAmount, order.currency)),
        approveButton,
      ),
    );
  }

  const list = pagedList({
    host: { class: 'item-list-host' },
    fetch: async (paging, { append }) => {
      const queue = queueOf(state.queue);
      const filter = { statuses: queue?.statuses || null, search: state.search };
      if (append || state.search) return (await gql(SALES_ORDERS, { filter, ...paging })).salesOrders;
      // A queue's first page is readable offline: the last copy, marked with its age.
      const { data, stale, savedAt } = await cachedQuery(`orders.${state.queue}`, SALES_ORDERS, { filter, ...paging });
      return { ...data.salesOrders, notice: stale ? staleNotice(savedAt) : null };
    },
    row: orderRow,
    label: () => t(`orders.queue.${state.queue}`),
    count: (shown) => t('orders.count', { count: formatNumber(shown.total) }),
    empty: () => {
      const create = !state.search && may.edit() && h('a', { href: appUrl('/orders/new'), class: 'button' }, t('order.create_title'));
      return emptyView({ iconName: 'inbox', title: t(state.search ? 'orders.empty_search' : `orders.empty.${state.queue}`), action: create });
    },
  });
  const load = () => list.load();

  const search = field({ name: 'search', label: t('orders.search'), type: 'search', placeholder: t('orders.search_hint'), autocomplete: 'off' });
  let debounce = 0;
  search.querySelector('input').addEventListener('input', (event) => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      state.search = event.target.value.trim();
      load();
    }, 300);
  });

  const create = may.edit() && h('a', { href: appUrl('/orders/new'), class: 'button button-small' }, t('order.create_title'));
  const quotes = hasScope(['orders.view_all', 'orders.view_own']) && h('a', { href: appUrl('/quotations'), class: 'button button-quiet button-small' }, t('quotations.title'));
  const filters = h('form', { class: 'filters filters-stack', role: 'search', onsubmit: (event) => event.preventDefault() }, search);
  fill(root, screenHeader(t('orders.title'), create, quotes), tabs, filters, list.summary, list.element);
  drawTabs();
  loadCounts();
  load();
  return {
    refresh: () => {
      loadCounts();
      return load();
    },
  };
}
