/**
 * Replenishment (for purchasing.manage): what to buy now, one card per supplier, with the
 * proposed quantity of each short SKU in the supplier's unit. The buyer may change or drop
 * lines, then confirms: the kept lines become draft purchase orders, one per supplier.
 */

import { REPLENISHMENT, REPLENISHMENT_CONFIRM } from '../api/procurement.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { decimalInput, money, newKey, qty } from '../ui/quantity.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

function lineRow(order, line) {
  const id = `rq-${line.skuId}-${line.warehouseId}`;
  return h(
    'li',
    { class: 'item-row suggest-row', dataset: { skuCode: line.skuCode } },
    h('input', { type: 'checkbox', class: 'suggest-keep', checked: true, 'aria-label': t('replenishment.keep', { code: line.skuCode }) }),
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, `${line.skuName}${line.specLabel ? ` · ${line.specLabel}` : ''}`),
      h('span', { class: 'muted small' }, [line.skuCode, line.warehouseName].join(' · ')),
      h(
        'span',
        { class: 'muted small' },
        t('replenishment.levels', { available: qty(line.available), reorder: qty(line.reorderPoint ?? line.minQty), need: qty(line.need), unit: line.baseUnit }),
      ),
    ),
    h(
      'div',
      { class: 'item-meta' },
      h('label', { for: id, class: 'visually-hidden' }, t('replenishment.quantity_for', { code: line.skuCode })),
      h('input', {
        id,
        class: 'qty-input',
        name: 'quantity',
        inputmode: 'decimal',
        value: qty(line.orderQuantity).replace(/,/g, ''),
        dataset: { supplierId: order.supplierId, skuId: line.skuId, warehouseId: line.warehouseId },
      }),
      h('span', { class: 'muted small' }, `${line.unitName} × ${money(line.unitPrice)}`),
    ),
  );
}

export function mount(root) {
  const body = h('div', {});
  const confirm = h('button', { type: 'button', class: 'button', hidden: true }, t('replenishment.confirm'));
  let key = newKey('replenish');

  async function load() {
    confirm.hidden = true;
    fill(body, loadingView(3));
    try {
      const { replenishmentSuggestion: suggestion } = await gql(REPLENISHMENT);
      const unsourced =
        suggestion.unsourced.length > 0 &&
        card(
          t('replenishment.unsourced'),
          h(
            'ul',
            { class: 'item-list' },
            suggestion.unsourced.map((line) =>
              h('li', { class: 'item-row' }, h('div', { class: 'item-main' }, h('strong', {}, line.skuName), h('span', { class: 'muted small' }, [line.skuCode, line.warehouseName].join(' · '))), h('span', { class: 'item-meta' }, t('replenishment.need', { qty: qty(line.need), unit: line.baseUnit }))),
            ),
          ),
        );
      if (!suggestion.orders.length) {
        fill(body, emptyView({ iconName: 'check', title: t('replenishment.empty'), hint: t('replenishment.empty_hint') }), unsourced);
        return;
      }
      confirm.hidden = false;
      fill(
        body,
        suggestion.orders.map((order) =>
          h(
            'section',
            { class: 'card suggest-card', dataset: { supplier: order.supplierCode } },
            h('h2', { class: 'card-title' }, order.supplierName, h('span', { class: 'muted small' }, ` ${money(order.amount)}`)),
            h('ul', { class: 'item-list' }, order.lines.map((line) => lineRow(order, line))),
          ),
        ),
        unsourced,
      );
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }

  confirm.addEventListener('click', () =>
    busy(confirm, async () => {
      const lines = [];
      for (const row of body.querySelectorAll('.suggest-row')) {
        if (!row.querySelector('.suggest-keep').checked) continue;
        const input = row.querySelector('.qty-input');
        const quantity = decimalInput(input.value);
        if (!quantity || Number(quantity) <= 0) {
          input.setAttribute('aria-invalid', 'true');
          input.focus();
          return toast(t('replenishment.bad_quantity'), { kind: 'error' });
        }
        lines.push({ ...input.dataset, quantity });
      }
      if (!lines.length) return toast(t('replenishment.nothing_kept'), { kind: 'error' });
      try {
        const { replenishmentConfirm: result } = await gql(REPLENISHMENT_CONFIRM, { lines, key });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        key = newKey('replenish');
        const numbers = result.purchaseOrders.map((order) => order.number).join(', ');
        toast(t('replenishment.confirmed', { numbers }), { kind: 'success' });
        return navigate(result.purchaseOrders.length === 1 ? `/purchase-orders/${result.purchaseOrders[0].id}` : '/purchase-orders');
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    }),
  );

  const orders = h('a', { href: appUrl('/purchase-orders'), class: 'button button-quiet' }, t('nav.purchase_orders'));
  fill(root, screenHeader(t('replenishment.title'), orders), h('p', { class: 'muted' }, t('replenishment.intro')), body, h('div', { class: 'form-actions sticky-actions' }, confirm));
  load();
  return { refresh: load };
}
