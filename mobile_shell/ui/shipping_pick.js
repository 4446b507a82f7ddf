/**
 * The pick list (拣货单) on the pick-and-verify screen: tick orders to ship (or all of them),
 * and see what to take from the shelves, by warehouse and bin, each SKU's total and which
 * orders it goes to; print it (HTML or PDF) to walk the aisles with.
 */

import { PICK_LIST, PICK_ORDERS } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { busy } from './form.js';
import { card } from './layout.js';
import { qty } from './quantity.js';
import { printLinks } from './shipping_print.js';
import { emptyView, errorText, errorView, loadingView } from './states.js';

function groupView(group) {
  const bin = group.binCode ? `${group.binCode}${group.binName ? ` ${group.binName}` : ''}` : t('shipverify.no_bin');
  return h(
    'section',
    { class: 'pick-group', dataset: { warehouse: group.warehouse.name, bin: group.binCode || '' } },
    h('h3', {}, `${group.warehouse.name} · ${bin}`),
    h(
      'ul',
      { class: 'item-list' },
      group.rows.map((row) =>
        h(
          'li',
          { class: 'item-row pick-row', dataset: { skuCode: row.sku.code } },
          h(
            'div',
            { class: 'item-main' },
            h('strong', {}, `${row.sku.name}${row.sku.specLabel ? ` · ${row.sku.specLabel}` : ''}`),
            h('span', { class: 'muted small' }, `${row.sku.code} · ${row.orders.map((one) => `${one.orderNumber} ×${qty(one.quantity)}`).join('，')}`),
          ),
          h('span', { class: 'qty' }, `${qty(row.quantity)} ${row.sku.baseUnit}`),
        ),
      ),
    ),
  );
}

export function pickListCard() {
  const orders = h('div', {});
  const result = h('div', { 'aria-live': 'polite' });
  const make = h('button', { type: 'button', class: 'button', disabled: true }, t('shipverify.pick_make'));
  const chosen = new Set();
  let boxes = [];

  const selectAll = h('input', { type: 'checkbox', name: 'pickAll' });
  const allRow = h('label', { class: 'check-row' }, selectAll, t('shipverify.pick_all'));
  const sync = () => {
    make.disabled = chosen.size === 0;
    selectAll.checked = boxes.length > 0 && chosen.size === boxes.length;
    selectAll.indeterminate = chosen.size > 0 && chosen.size < boxes.length;
  };
  selectAll.addEventListener('change', () => {
    for (const box of boxes) {
      box.checked = selectAll.checked;
      if (box.checked) chosen.add(box.value);
      else chosen.delete(box.value);
    }
    sync();
  });

  async function loadOrders() {
    fill(orders, loadingView(2));
    try {
      const { ordersToShip: page } = await gql(PICK_ORDERS);
      if (!page.items.length) return fill(orders, emptyView({ iconName: 'check', title: t('shipping.empty') }));
      boxes = page.items.map((order) => h('input', { type: 'checkbox', name: 'pickOrder', value: order.id, dataset: { number: order.number } }));
      boxes.forEach((box) =>
        box.addEventListener('change', () => {
          if (box.checked) chosen.add(box.value);
          else chosen.delete(box.value);
          sync();
        }),
      );
      return fill(
        orders,
        allRow,
        h(
          'ul',
          { class: 'plain-list pick-orders', 'aria-label': t('shipverify.pick_orders') },
          page.items.map((order, index) =>
            h('li', {}, h('label', { class: 'check-row' }, boxes[index], `${order.number} · ${order.customerName} · ${t('shipping.open_qty', { qty: qty(order.openQuantity) })}`)),
          ),
        ),
      );
    } catch (error) {
      return fill(orders, errorView(error, { retry: loadOrders }));
    }
  }

  make.addEventListener('click', () =>
    busy(make, async () => {
      try {
        const { pickList } = await gql(PICK_LIST, { orderIds: [...chosen] });
        fill(
          result,
          h('p', { class: 'muted', role: 'status' }, t('shipverify.pick_summary', { orders: formatNumber(pickList.orderNumbers.length), qty: qty(pickList.totalQuantity) })),
          printLinks(pickList.printUrl, t('shipprint.pick_list')),
          pickList.groups.map(groupView),
        );
      } catch (error) {
        fill(result, h('p', { class: 'form-error', role: 'alert' }, errorText(error)));
      }
    }),
  );

  const details = h(
    'details',
    { class: 'pick-list' },
    h('summary', {}, t('shipverify.pick_title')),
    orders,
    h('div', { class: 'form-actions' }, make),
    result,
  );
  let loaded = false;
  details.addEventListener('toggle', () => {
    if (details.open && !loaded) {
      loaded = true;
      loadOrders();
    }
  });
  return card(null, details);
}
