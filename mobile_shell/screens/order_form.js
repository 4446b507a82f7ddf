/**
 * Order entry (新建订单 / 编辑订单, for orders.edit), made for speed on a phone: pick the customer
 * (their recent customers first; ?customerId= preselects one), whose primary contact and default
 * address are filled in; add lines by searching or scanning SKUs, with − / + steppers, the list
 * price and a discount; "再来一单" puts the customer's last order back as lines; 粘贴下单 reads a
 * pasted WeChat message into lines (?paste=1: the message 下单 was tapped on in a chat). The running total
 * stays at the bottom with 保存草稿 and 提交审核. One idempotency key per visit: a double tap or a
 * retry after a lost answer makes one order. /orders/:id/edit changes a draft (or an order
 * waiting for review) with the same form; changing an approved order makes a revision.
 * Lines start from the customer's price (a distributor's tier price, shown beside the last price
 * paid). With no network a new order is taken from the copies saved on this device
 * (offline/order_cache.js) and waits in the outbox (offline/order_actions.js).
 */

import { WAREHOUSES } from '../api/inventory.js';
import { ORDER_CUSTOMER, ORDER_EDIT, ORDER_LAST_PRICES, ORDER_RECENT_LINES, SALES_ORDER_CREATE, SALES_ORDER_SUBMIT, SALES_ORDER_UPDATE } from '../api/sales.js';
import { isOnline } from '../core/connectivity.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDate, t } from '../i18n/i18n.js';
import { customerPrices, refreshCatalogue } from '../offline/order_cache.js';
import { perform } from '../offline/queue.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { customerDefaults, customerSearch, deliveryBlock } from '../ui/order_customer.js';
import { expenseDrafts } from '../ui/order_expenses.js';
import { lineEditor } from '../ui/order_lines.js';
import { PASTE_KEY, pastePanel } from '../ui/paste_order.js';
import { DELIVERY_METHODS, EDITABLE_FREELY, REVISABLE, fromCents, may } from '../ui/order_status.js';
import { money, newKey } from '../ui/quantity.js';
import { skuSearch } from '../ui/sku_search.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const LAST_WAREHOUSE = 'sparrow.order.warehouse';

/** lines.0.skuId → lines.0 when the form has no box of that name; shipTo.x stays. */
function placer(form) {
  return (error) => {
    if (!error.field || form.querySelector(`.field[data-field="${CSS.escape(error.field)}"]`)) return error;
    const match = /^(lines\.\d+)\./.exec(error.field);
    return match ? { ...error, field: match[1] } : error;
  };
}

export function mount(root, { params, query }) {
  const editing = Boolean(params.id);
  let key = newKey('sales-order');
  const state = { order: null, orderId: null, customer: null, delivery: null, warehouses: [], lastPrices: new Map(), prices: new Map(), catalogue: [] };
  const form = h('form', { class: 'po-form order-form', novalidate: true, 'aria-label': t(editing ? 'order.edit_title' : 'order.create_title') });
  const totalSlot = h('p', { class: 'order-total', role: 'status' });
  const customerSlot = h('div', {});
  const deliverySlot = h('div', {});
  const repeatSlot = h('div', {});
  const editor = lineEditor({
    warehouse: () => form.elements.warehouseId?.value || state.order?.warehouse.id || null,
    lastPrice: (skuId) => state.lastPrices.get(skuId) || null,
    // Only a tier price changes a line: the list price is what it starts from anyway.
    customerPrice: (skuId) => (state.prices.get(skuId)?.tiered ? state.prices.get(skuId) : null),
    onChange: (cents) => {
      totalSlot.textContent = t('order.total', { amount: money(fromCents(cents), state.order?.currency) });
    },
  });
  // 粘贴下单: a pasted message read into lines for this customer (their usual SKUs rank first).
  const paste = pastePanel({ customerId: () => state.customer?.id, onAdd: (rows) => editor.addLines(rows) });
  const expenses = !editing && may.expenses() ? expenseDrafts() : null;
  const saveDraft = h('button', { type: 'submit', class: 'button button-quiet', value: 'save' }, t('order.save_draft'));
  const submitReview = h('button', { type: 'submit', class: 'button', value: 'submit' }, t('order.submit'));

  function revising() {
    return Boolean(state.order && REVISABLE.includes(state.order.status));
  }

  async function showRepeat(customerId) {
    fill(repeatSlot);
    try {
      const { customerRecentLines: rows } = await gql(ORDER_RECENT_LINES, { customerId });
      if (!rows.length || state.customer?.id !== customerId) return;
      const button = h('button', { type: 'button', class: 'button button-quiet button-block order-repeat' }, t('order.repeat'));
      button.addEventListener('click', async () => {
        await editor.addLines(rows.map((row) => ({ ...row, lineId: null })));
        toast(t('order.repeated', { count: rows.length, number: rows[0].orderNumber }), { kind: 'success' });
      });
      fill(repeatSlot, button, h('p', { class: 'hint' }, t('order.repeat_hint', { number: rows[0].orderNumber, date: formatDate(rows[0].orderDate), count: rows.length })));
    } catch {
      // Without the last order the form still works; 再来一单 is a shortcut.
    }
  }

  function drawChosen(customer, { fixed = false } = {}) {
    const change =
      !fixed &&
      h(
        'button',
        {
          type: 'button',
          class: 'button button-quiet button-small',
          'aria-label': t('order.customer_change_named', { name: customer.name }),
          onclick: () => {
            state.customer = null;
            fill(deliverySlot);
            fill(repeatSlot);
            drawSearch();
          },
        },
        t('order.customer_change'),
      );
    fill(
      customerSlot,
      h(
        'div',
        { class: 'field order-customer', dataset: { field: 'customerId', customerId: customer.id } },
        h('div', { class: 'po-form-line-head' }, h('div', { class: 'item-main' }, h('strong', {}, customer.name), h('span', { class: 'muted small' }, [customer.code, customer.phone].filter(Boolean).join(' · '))), change),
        h('input', { type: 'hidden', name: 'customerId', value: customer.id }),
        h('p', { class: 'field-error', hidden: true }),
      ),
    );
  }

  // The customer's latest price per SKU (the newest row of each), shown on the lines.
  async function loadLastPrices(customerId) {
    state.lastPrices = new Map();
    try {
      const { data } = await cachedQuery(`order.last_prices.${customerId}`, ORDER_LAST_PRICES, { customerId });
      const rows = data.customerRecentLines;
      if (state.customer?.id !== customerId) return;
      for (const row of rows) if (!state.lastPrices.has(row.sku.id)) state.lastPrices.set(row.sku.id, row);
    } catch {
      // Without them the lines simply show no 上次 price.
    }
    editor.refresh();
  }

  // The customer's prices (a distributor's tier price, else the list price) of the lines' SKUs
  // and the catalogue page's, kept for offline order entry; `more` adds SKUs to ask about.
  async function loadPrices(more = []) {
    const customerId = state.customer?.id;
    if (!customerId) return;
    const ids = [...more, ...editor.lines.map((line) => line.sku.id), ...state.catalogue.map((sku) => sku.id)];
    const found = await customerPrices(customerId, ids);
    if (state.customer?.id !== customerId) return;
    state.prices = found;
    // Drawn again only when a line's tier price changes: a redraw would drop a server error shown.
    const tier = (skuId) => (found.get(skuId)?.tiered ? found.get(skuId).price : null);
    if (editor.lines.some((line) => !line.locked && tier(line.sku.id) !== (line.customerPrice?.price ?? null))) editor.refresh();
  }

  async function pickCustomer(picked, { values = null } = {}) {
    state.customer = picked;
    state.prices = new Map();
    if (!editing) loadLastPrices(picked.id); // an edited order would name itself
    loadPrices();
    drawChosen(picked, { fixed: editing });
    fill(deliverySlot, loadingView(1));
    let detail = { ...picked, contacts: [], addresses: [] };
    try {
      detail = (await cachedQuery(`order.customer.${picked.id}`, ORDER_CUSTOMER, { id: picked.id })).data.customer;
    } catch (error) {
      toast(errorText(error), { kind: 'error' });
    }
    if (state.customer?.id !== picked.id) return;
    state.delivery = deliveryBlock({ values: values || customerDefaults(detail), addresses: detail.addresses });
    fill(deliverySlot, state.delivery.element);
    if (!editing) showRepeat(picked.id);
  }

  function drawSearch() {
    const search = customerSearch({ onPick: (customer) => pickCustomer(customer) });
    fill(customerSlot, search.element);
  }

  function readInput() {
    const problems = [];
    if (!state.customer) problems.push({ field: 'customerId', code: 'required' });
    const warehouseId = form.elements.warehouseId?.value || state.order?.warehouse.id || '';
    if (!warehouseId) problems.push({ field: 'warehouseId', code: 'required' });
    if (!editor.lines.length) problems.push({ code: 'no_lines', message: t('order.no_lines') });
    const lines = editor.read();
    problems.push(...lines.problems);
    const delivery = state.delivery ? state.delivery.read() : {};
    const input = {
      lines: lines.lines,
      deliveryMethod: form.elements.deliveryMethod.value,
      requestedDate: form.elements.requestedDate.value || null,
      remarks: form.elements.remarks.value.trim(),
      ...delivery,
    };
    if (!revising()) input.warehouseId = warehouseId;
    if (revising()) input.note = form.elements.note.value.trim();
    return { problems, input };
  }

  async function write(input) {
    if (state.orderId) return (await gql(SALES_ORDER_UPDATE, { id: state.orderId, input })).salesOrderUpdate;
    const result = (await gql(SALES_ORDER_CREATE, { input: { ...input, customerId: state.customer.id, idempotencyKey: key } })).salesOrderCreate;
    if (result.errors.length) key = newKey('sales-order'); // nothing was saved: a corrected order is a new request
    return result;
  }

  /**
   * No network: the order goes to the outbox with its idempotency key (the form's), to be placed
   * (提交审核) or saved as a draft when the connection returns. Its lines name the prices they
   * started from, so a price changed meanwhile comes back as a line error to resolve there.
   */
  async function queue(input, andSubmit) {
    const lines = editor.read({ expected: andSubmit }).lines;
    const meta = { customerName: state.customer.name, lines: editor.describe() };
    const order = { ...input, lines, customerId: state.customer.id };
    const result = await perform(andSubmit ? 'order.place' : 'order.create', andSubmit ? { ...order, approve: false } : order, { meta });
    if (result.status === 'rejected') return showErrors(form, result.errors.map(placer(form)));
    toast(t(result.status === 'sent' ? 'offorder.sent_now' : 'offorder.queued'), { kind: 'success' });
    return navigate('/outbox');
  }

  async function save(button, andSubmit) {
    clearErrors(form);
    const { problems, input } = readInput();
    if (problems.length) return showErrors(form, problems.map(placer(form)));
    if (input.warehouseId) localStorage.setItem(LAST_WAREHOUSE, input.warehouseId);
    if (!editing && !state.orderId && !isOnline()) return busy(button, () => queue(input, andSubmit));
    return busy(button, async () => {
      try {
        const result = await write(input);
        if (result.errors.length) {
          if (result.errors.some((error) => /^(contact|shipTo)/.test(error.field || ''))) state.delivery?.open();
          return showErrors(form, result.errors.map(placer(form)));
        }
        const order = result.salesOrder;
        state.orderId = order.id; // a retry from here on changes this order, never makes another
        if (expenses) await expenses.save(order.id);
        if (andSubmit) {
          const { salesOrderSubmit: submitted } = await gql(SALES_ORDER_SUBMIT, { id: order.id });
          if (submitted.errors.length) {
            toast(t('order.submit_failed', { number: order.number, reason: errorText(submitted.errors[0]) }), { kind: 'error' });
            return navigate(`/orders/${order.id}`);
          }
          toast(t(submitted.salesOrder.status === 'pending_review' ? 'order.submitted' : 'order.submitted_approved', { number: order.number }), { kind: 'success' });
        } else {
          toast(t(editing ? 'order.updated' : 'order.created', { number: order.number }), { kind: 'success' });
        }
        return navigate(`/orders/${order.id}`);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = event.submitter || submitReview;
    save(button, button.value === 'submit');
  });

  function drawForm() {
    const order = state.order;
    const warehouse = revising()
      ? null
      : field({
          name: 'warehouseId',
          label: t('order.warehouse'),
          value: order?.warehouse.id || localStorage.getItem(LAST_WAREHOUSE) || '',
          options: state.warehouses.map((one) => ({ value: one.id, label: one.name })),
        });
    warehouse?.querySelector('select').addEventListener('change', () => editor.refresh()); // stock notes follow it
    const method = field({ name: 'deliveryMethod', label: t('order.delivery_method'), value: order?.deliveryMethod || 'express', options: DELIVERY_METHODS.map((value) => ({ value, label: t(`order.delivery.${value}`) })) });
    const revisionNote =
      revising() &&
      h(
        'div',
        { class: 'notice order-revision-notice', role: 'note' },
        t('order.revision_notice', { revision: order.revision + 1 }),
      );
    const buttons = !order || order.status === 'draft' ? [saveDraft, submitReview] : [h('button', { type: 'submit', class: 'button', value: 'save' }, t('order.save_changes'))];
    const offline = !editing && !isOnline() && h('div', { class: 'notice order-offline-notice', role: 'note' }, t('offorder.form_offline'));
    fill(
      form,
      formError(),
      offline,
      revisionNote,
      card(t('order.customer'), customerSlot, repeatSlot, deliverySlot),
      card(
        t('order.lines'),
        skuSearch({
          name: 'addSku',
          label: t('order.add_sku'),
          onPick: async (sku) => {
            await editor.addSku(sku);
            if (!state.prices.has(sku.id)) loadPrices([sku.id]);
          },
        }),
        paste.element,
        editor.element,
      ),
      card(
        t('order.delivery_title'),
        h(
          'div',
          { class: 'form-grid' },
          warehouse,
          method,
          field({ name: 'requestedDate', label: t('order.requested_date'), type: 'date', value: order?.requestedDate || '' }),
          field({ name: 'remarks', label: t('order.remarks'), value: order?.remarks || '', maxlength: 500, autocomplete: 'off' }),
          revising() && field({ name: 'note', label: t('order.revision_reason'), maxlength: 200, autocomplete: 'off' }),
        ),
      ),
      expenses && expenses.element,
      h('div', { class: 'form-actions sticky-actions order-actions-bar' }, totalSlot, buttons),
    );
  }

  async function loadOrder(body, back) {
    const { salesOrder: order } = await gql(ORDER_EDIT, { id: params.id });
    if (![...EDITABLE_FREELY, ...REVISABLE].includes(order.status)) {
      fill(body, emptyView({ iconName: 'alert', title: t('order.not_editable', { number: order.number }), action: h('a', { href: appUrl(`/orders/${order.id}`), class: 'button' }, t('order.open')) }));
      return false;
    }
    state.order = order;
    state.orderId = order.id;
    fill(root, screenHeader(t('order.edit_for', { number: order.number }), back), body);
    drawForm();
    await editor.addLines(
      order.lines.map((line) => ({
        lineId: line.id,
        sku: line.sku,
        unitName: line.unitName,
        unitFactor: line.unitFactor,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        discountRate: line.discountRate,
        shipped: line.shippedQuantity,
        // Sent back as they are; a line's own warehouse only when it is not the order's.
        keep: { taxRate: line.taxRate, remark: line.remark, warehouseId: line.warehouse.id === order.warehouse.id ? null : line.warehouse.id },
      })),
      { replace: true },
    );
    await pickCustomer(order.customer, { values: { contactName: order.contactName, contactPhone: order.contactPhone, shipTo: order.shipTo } });
    return true;
  }

  async function load() {
    const title = t(editing ? 'order.edit_title' : 'order.create_title');
    const back = h('a', { href: appUrl(editing ? `/orders/${params.id}` : '/orders'), class: 'button button-quiet' }, t(editing ? 'order.title' : 'orders.title'));
    const body = h('div', {}, loadingView(4));
    fill(root, screenHeader(title, back), body);
    try {
      const { data } = await cachedQuery('warehouses', WAREHOUSES);
      state.warehouses = data.warehouses;
      if (editing) {
        if (!(await loadOrder(body, back))) return;
      } else {
        drawForm();
        // The rep's catalogue page, kept for taking orders with no network.
        refreshCatalogue().then((skus) => {
          state.catalogue = skus.slice(0, 100);
          loadPrices();
        });
        const wanted = query.get('customerId');
        if (wanted) {
          const { data } = await cachedQuery(`order.customer.${wanted}`, ORDER_CUSTOMER, { id: wanted });
          await pickCustomer(data.customer);
        } else {
          drawSearch();
        }
      }
      fill(body, form);
      // 下单 on a chat message: its words, read once and forgotten.
      const pasted = !editing && query.get('paste') && sessionStorage.getItem(PASTE_KEY);
      if (pasted) {
        sessionStorage.removeItem(PASTE_KEY);
        paste.open(pasted);
      }
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }

  load();
  return {};
}
