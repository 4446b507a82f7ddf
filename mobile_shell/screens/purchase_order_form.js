/**
 * A purchase order by hand (新建 / 编辑采购单, for purchasing.manage): a supplier, lines of SKUs
 * picked by search, each with the warehouse it is delivered to, a quantity and a unit price,
 * an expected date and a note; saved as a draft. When the supplier supplies the SKU, the line
 * is in the supplier's unit (箱) at its price, which can be changed; otherwise in the base
 * unit, and a price must be entered. /purchase-orders/:id/edit changes a draft (its lines are
 * replaced as a whole; the supplier stays). One idempotency key per visit for a new order.
 */

import { WAREHOUSES } from '../api/inventory.js';
import { PO_EDIT, PO_SUPPLIERS, PO_SUPPLIER_ITEMS, PURCHASE_ORDER_CREATE, PURCHASE_ORDER_UPDATE } from '../api/procurement.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { decimalInput, money, newKey } from '../ui/quantity.js';
import { skuSearch } from '../ui/sku_search.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';
import { plain, unitText } from '../ui/supplier_items.js';
import { toast } from '../ui/toast.js';

export function mount(root, { params, query }) {
  const editing = Boolean(params.id);
  let key = newKey('purchase-order');
  const state = { order: null, supplierId: '', items: new Map(), warehouses: [], lines: [] };
  const linesSlot = h('div', { 'aria-live': 'polite' });
  const totalSlot = h('p', { class: 'po-form-total', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('pof.save'));
  const supplierSlot = h('div', {});
  const form = h('form', { class: 'po-form', novalidate: true, 'aria-label': t(editing ? 'pof.edit_title' : 'pof.create_title') });

  /** The unit and price a line gets from the supplier's item for its SKU, if any. */
  function applyItem(line, { keepPrice }) {
    const item = state.items.get(line.sku.id);
    line.unitName = item ? item.unitName : line.sku.baseUnit;
    line.unitFactor = item ? item.unitFactor : '1';
    if (!keepPrice) {
      line.unitPrice = item ? plain(item.price) : '';
      line.priceFromSupplier = Boolean(item);
    }
  }

  async function loadItems(supplierId) {
    state.items = new Map();
    if (!supplierId) return;
    const { supplier } = await gql(PO_SUPPLIER_ITEMS, { id: supplierId });
    for (const item of supplier.items) if (item.isActive) state.items.set(item.sku.id, item);
  }

  function drawTotal() {
    const total = state.lines.reduce((sum, line) => sum + Number(decimalInput(line.quantity) || 0) * Number(decimalInput(line.unitPrice) || 0), 0);
    totalSlot.textContent = state.lines.length ? t('pof.total', { amount: money(total.toFixed(2), state.order?.currency) }) : '';
  }

  function lineBlock(line, index) {
    const unit = unitText(line.unitName, line.unitFactor, line.sku.baseUnit);
    const bind = (wrapper, name) => {
      const control = wrapper.querySelector('input, select');
      control.addEventListener(control.tagName === 'SELECT' ? 'change' : 'input', () => {
        line[name] = control.value;
        if (name === 'unitPrice') line.priceFromSupplier = false;
        drawTotal();
      });
      return wrapper;
    };
    return h(
      'div',
      { class: 'po-form-line field', dataset: { field: `lines.${index}`, skuCode: line.sku.code } },
      h('p', { class: 'field-error', hidden: true }), // first: the line's own errors land here
      h(
        'div',
        { class: 'po-form-line-head' },
        h('div', { class: 'item-main' }, h('strong', {}, `${line.sku.name}${line.sku.specLabel ? ` · ${line.sku.specLabel}` : ''}`), h('span', { class: 'muted small' }, line.sku.code)),
        h(
          'button',
          {
            type: 'button',
            class: 'button button-quiet button-small',
            'aria-label': t('transfer.remove', { code: line.sku.code }),
            onclick: () => {
              state.lines.splice(state.lines.indexOf(line), 1);
              drawLines();
            },
          },
          '×',
        ),
      ),
      h(
        'div',
        { class: 'po-form-line-grid' },
        bind(field({ name: `lines.${index}.warehouseId`, label: t('pof.warehouse'), value: line.warehouseId, options: state.warehouses.map((one) => ({ value: one.id, label: one.name })) }), 'warehouseId'),
        bind(field({ name: `lines.${index}.quantity`, label: t('pof.quantity', { unit }), value: line.quantity, inputmode: 'decimal', autocomplete: 'off', 'aria-label': t('pof.quantity_for', { code: line.sku.code }) }), 'quantity'),
        bind(
          field({
            name: `lines.${index}.unitPrice`,
            label: t('pof.unit_price', { unit: line.unitName }),
            value: line.unitPrice,
            inputmode: 'decimal',
            autocomplete: 'off',
            'aria-label': t('pof.unit_price_for', { code: line.sku.code }),
            hint: line.priceFromSupplier ? t('pof.supplier_price') : state.items.has(line.sku.id) ? '' : t('pof.no_supplier_price'),
          }),
          'unitPrice',
        ),
      ),
    );
  }

  function drawLines() {
    fill(linesSlot, state.lines.length ? state.lines.map(lineBlock) : h('p', { class: 'muted' }, t('transfer.no_lines')));
    drawTotal();
  }

  function addSku(sku) {
    const last = state.lines[state.lines.length - 1];
    const line = {
      sku: { id: sku.id, code: sku.code, name: sku.product.name, specLabel: sku.specLabel, baseUnit: sku.product.baseUnit },
      warehouseId: last ? last.warehouseId : state.warehouses[0]?.id || '',
      quantity: '1',
    };
    applyItem(line, { keepPrice: false });
    state.lines.push(line);
    drawLines();
    linesSlot.querySelector(`[data-sku-code="${CSS.escape(sku.code)}"]:last-child [name$=".quantity"]`)?.select();
  }

  /** lines.0.skuId → lines.0 when the form has no field of that name. */
  function placed(error) {
    if (!error.field || form.querySelector(`.field[data-field="${CSS.escape(error.field)}"]`)) return error;
    const match = /^(lines\.\d+)\./.exec(error.field);
    return match ? { ...error, field: match[1] } : error;
  }

  function readInput() {
    const problems = [];
    if (!editing && !state.supplierId) problems.push({ field: 'supplierId', code: 'required' });
    if (!state.lines.length) problems.push({ code: 'no_lines', message: t('transfer.no_lines') });
    const lines = state.lines.map((line, index) => {
      const quantity = decimalInput(line.quantity);
      const unitPrice = decimalInput(line.unitPrice);
      if (!line.warehouseId) problems.push({ field: `lines.${index}.warehouseId`, code: 'required' });
      if (!quantity || Number(quantity) <= 0) problems.push({ field: `lines.${index}.quantity`, code: 'invalid_quantity' });
      if (unitPrice === null || Number(unitPrice) < 0) problems.push({ field: `lines.${index}.unitPrice`, code: 'price_invalid', message: t('product.price_invalid') });
      return { skuId: line.sku.id, warehouseId: line.warehouseId, quantity, unitPrice: unitPrice || null };
    });
    const expected = form.elements.expectedDate.value;
    return { problems, input: { lines, expectedDate: expected || null, note: form.elements.note.value.trim() } };
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const { problems, input } = readInput();
    if (problems.length) return showErrors(form, problems);
    return busy(submit, async () => {
      try {
        const result = editing
          ? (await gql(PURCHASE_ORDER_UPDATE, { id: state.order.id, input })).purchaseOrderUpdate
          : (await gql(PURCHASE_ORDER_CREATE, { input: { ...input, supplierId: state.supplierId, idempotencyKey: key } })).purchaseOrderCreate;
        if (result.errors.length) {
          key = newKey('purchase-order'); // nothing was saved: the corrected order is a new request
          return showErrors(form, result.errors.map(placed));
        }
        toast(t(editing ? 'pof.updated' : 'pof.created', { number: result.purchaseOrder.number }), { kind: 'success' });
        return navigate(`/purchase-orders/${result.purchaseOrder.id}`);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  async function chooseSupplier(supplierId) {
    state.supplierId = supplierId;
    clearErrors(form);
    try {
      await loadItems(supplierId);
    } catch (error) {
      showErrors(form, [error]);
    }
    for (const line of state.lines) applyItem(line, { keepPrice: !line.priceFromSupplier && line.unitPrice !== '' });
    drawLines();
  }

  function drawForm() {
    const expected = state.order?.expectedDate || '';
    fill(
      form,
      formError(),
      card(
        null,
        h(
          'div',
          { class: 'form-grid' },
          supplierSlot,
          field({ name: 'expectedDate', label: t('po.expected'), type: 'date', value: expected }),
        ),
      ),
      card(t('po.lines'), skuSearch({ name: 'addSku', label: t('pof.add_sku'), onPick: addSku }), linesSlot, totalSlot),
      card(null, field({ name: 'note', label: t('po.note'), value: state.order?.note || '', maxlength: 200, autocomplete: 'off' })),
      h('div', { class: 'form-actions sticky-actions' }, submit),
    );
    drawLines();
  }

  async function loadSuppliers() {
    const { suppliers } = await gql(PO_SUPPLIERS);
    const wanted = query.get('supplier') || '';
    const choice = field({
      name: 'supplierId',
      label: t('po.supplier'),
      value: suppliers.items.some((one) => one.id === wanted) ? wanted : '',
      options: [{ value: '', label: '—' }, ...suppliers.items.map((one) => ({ value: one.id, label: `${one.name}（${one.code}）` }))],
    });
    choice.querySelector('select').addEventListener('change', (event) => chooseSupplier(event.target.value));
    fill(supplierSlot, choice);
    if (choice.querySelector('select').value) await chooseSupplier(choice.querySelector('select').value);
  }

  async function load() {
    const title = t(editing ? 'pof.edit_title' : 'pof.create_title');
    const back = h('a', { href: appUrl(editing ? `/purchase-orders/${params.id}` : '/purchase-orders'), class: 'button button-quiet' }, t(editing ? 'po.title_one' : 'po.title'));
    const body = h('div', {}, loadingView(4));
    fill(root, screenHeader(title, back), body);
    try {
      const { data } = await cachedQuery('warehouses', WAREHOUSES);
      state.warehouses = data.warehouses;
      if (editing) {
        const { purchaseOrder: order } = await gql(PO_EDIT, { id: params.id });
        if (order.status !== 'draft') {
          fill(body, emptyView({ iconName: 'alert', title: t('pof.not_draft', { number: order.number }) }));
          return;
        }
        state.order = order;
        fill(root, screenHeader(t('pof.edit_for', { number: order.number }), back), body);
        state.supplierId = order.supplier.id;
        await loadItems(order.supplier.id);
        state.lines = order.lines.map((line) => ({
          sku: line.sku,
          warehouseId: line.warehouse.id,
          quantity: plain(line.quantity),
          unitPrice: plain(line.unitPrice),
          unitName: line.unitName,
          unitFactor: line.unitFactor,
          priceFromSupplier: false,
        }));
        fill(supplierSlot, h('div', { class: 'field' }, h('span', { class: 'muted small' }, t('po.supplier')), h('strong', {}, `${order.supplier.name}（${order.supplier.code}）`)));
        drawForm();
      } else {
        drawForm();
        await loadSuppliers();
      }
      fill(body, form);
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }

  load();
  return {};
}

