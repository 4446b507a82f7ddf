/**
 * A supplier's items (供应商品): the SKUs it supplies, each with the supplier's article code, the
 * unit it sells in (the base unit or one of the product's pack units: 箱 = 12 件), the price per
 * that unit, the minimum order quantity in base units and the lead time. Added with a SKU
 * picked by search, changed in place (supplierItemSet), removed after a confirmation.
 */

import { SUPPLIER_ITEM_REMOVE, SUPPLIER_ITEM_SET } from '../api/procurement.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { confirmDialog } from './confirm.js';
import { fill, h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { decimalInput, money, qty } from './quantity.js';
import { skuByCode, skuLabel, skuSearch } from './sku_search.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

/** "12.000" → "12": what a person would type. */
export function plain(value) {
  return value === null || value === undefined ? '' : qty(value).replace(/,/g, '');
}

/** "箱（12 件）" for a pack, "件" for the base unit. */
export function unitText(unitName, factor, baseUnit) {
  return Number(factor) === 1 ? unitName : t('supplier.unit_pack', { unit: unitName, factor: qty(factor), base: baseUnit });
}

function unitOptions(sku) {
  return [
    { value: '', label: sku.product.baseUnit },
    ...sku.product.packUnits.map((pack) => ({ value: pack.id, label: unitText(pack.name, pack.factor, sku.product.baseUnit) })),
  ];
}

/** The form for one item: a new one (SKU picked by search) or an existing one (SKU fixed). */
function itemForm({ supplierId, item, onDone }) {
  let sku = null;
  const skuSlot = h('div', { class: 'item-sku' });
  const unitSlot = h('div', {});
  const submit = h('button', { type: 'submit', class: 'button button-small', disabled: true }, t('supplier.item_save'));
  const cancel = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => onDone(false) }, t('action.cancel'));
  const number = (name, label, value, attrs = {}) => field({ name, label, value, inputmode: 'decimal', autocomplete: 'off', ...attrs });
  const form = h(
    'form',
    { class: 'supplier-item-form', novalidate: true, 'aria-label': item ? t('supplier.item_edit_for', { code: item.sku.code }) : t('supplier.item_add') },
    formError(),
    skuSlot,
    h(
      'div',
      { class: 'form-grid' },
      unitSlot,
      number('price', t('supplier.item_price'), item ? plain(item.price) : ''),
      number('minOrderQty', t('supplier.item_moq'), item ? plain(item.minOrderQty) : '0'),
      number('leadTimeDays', t('supplier.item_lead'), item ? String(item.leadTimeDays) : '0', { inputmode: 'numeric' }),
      field({ name: 'supplierSkuCode', label: t('supplier.item_article'), value: item?.supplierSkuCode || '', autocomplete: 'off', maxlength: 60 }),
    ),
    h('label', { class: 'check-row' }, h('input', { type: 'checkbox', name: 'isActive', checked: item ? item.isActive : true }), t('supplier.item_active')),
    h('div', { class: 'form-actions' }, cancel, submit),
  );

  function choose(picked, packId = '') {
    sku = picked;
    fill(skuSlot, h('p', { class: 'item-sku-chosen', dataset: { skuCode: picked.code } }, h('strong', {}, skuLabel(picked)), h('span', { class: 'muted small' }, ` ${picked.code}`)));
    fill(unitSlot, field({ name: 'packUnitId', label: t('supplier.item_unit'), options: unitOptions(picked), value: packId }));
    submit.disabled = false;
  }

  if (item) {
    // The item names its unit by name and factor; the form needs the product's pack units.
    fill(skuSlot, h('p', {}, h('strong', {}, `${item.sku.name}${item.sku.specLabel ? ` · ${item.sku.specLabel}` : ''}`), h('span', { class: 'muted small' }, ` ${item.sku.code}`)));
    skuByCode(item.sku.code)
      .then((found) => {
        if (!found) return showErrors(form, [{ code: 'not_found' }]);
        const pack = found.product.packUnits.find((one) => one.name === item.unitName && Number(one.factor) === Number(item.unitFactor));
        return choose(found, pack ? pack.id : '');
      })
      .catch((error) => showErrors(form, [error]));
  } else {
    fill(skuSlot, skuSearch({ name: 'skuId', label: t('supplier.item_sku'), onPick: (picked) => choose(picked) }));
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    if (!sku) return showErrors(form, [{ field: 'skuId', code: 'required' }]);
    const value = (name) => form.elements[name].value.trim();
    const price = decimalInput(value('price'));
    const moq = decimalInput(value('minOrderQty'));
    const lead = value('leadTimeDays') || '0';
    const problems = [];
    if (!price || Number(price) < 0) problems.push({ field: 'price', code: 'price_invalid', message: t('product.price_invalid') });
    if (moq === null || Number(moq) < 0) problems.push({ field: 'minOrderQty', code: 'invalid_quantity' });
    if (!/^\d{1,3}$/.test(lead) || Number(lead) > 365) problems.push({ field: 'leadTimeDays', code: 'days_invalid', message: t('supplier.days_invalid') });
    if (problems.length) return showErrors(form, problems);
    const input = {
      supplierId,
      skuId: sku.id,
      price,
      packUnitId: value('packUnitId') || null,
      minOrderQty: moq || '0',
      leadTimeDays: Number(lead),
      supplierSkuCode: value('supplierSkuCode'),
      isActive: form.elements.isActive.checked,
    };
    return busy(submit, async () => {
      try {
        const { supplierItemSet: result } = await gql(SUPPLIER_ITEM_SET, { input });
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('supplier.item_saved', { code: result.supplierItem.sku.code }), { kind: 'success' });
        return onDone(true);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return form;
}

function itemRow(item, { reload, edit }) {
  const remove = h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('transfer.remove', { code: item.sku.code }) }, t('supplier.item_remove'));
  remove.addEventListener('click', async () => {
    const ok = await confirmDialog({ title: t('supplier.item_remove_title', { code: item.sku.code }), message: t('supplier.item_remove_body'), confirmLabel: t('supplier.item_remove'), danger: true });
    if (!ok) return;
    await busy(remove, async () => {
      try {
        const { supplierItemRemove: result } = await gql(SUPPLIER_ITEM_REMOVE, { id: item.id });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(t('supplier.item_removed', { code: item.sku.code }), { kind: 'success' });
        return reload();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  });
  const change = h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('supplier.item_edit_for', { code: item.sku.code }), onclick: () => edit(item) }, t('supplier.item_edit'));
  return h(
    'li',
    { class: 'item-row supplier-item', dataset: { skuCode: item.sku.code } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, `${item.sku.name}${item.sku.specLabel ? ` · ${item.sku.specLabel}` : ''}`),
      h('span', { class: 'muted small' }, [item.sku.code, item.supplierSkuCode && t('supplier.item_article_n', { code: item.supplierSkuCode })].filter(Boolean).join(' · ')),
      h('span', { class: 'small' }, t('supplier.item_terms', { moq: qty(item.minOrderQty), unit: item.sku.baseUnit, days: item.leadTimeDays })),
    ),
    h(
      'div',
      { class: 'item-meta' },
      !item.isActive && h('span', { class: 'chip chip-bad' }, t('supplier.inactive')),
      h('span', { class: 'supplier-item-price' }, `${money(item.price)} / ${unitText(item.unitName, item.unitFactor, item.sku.baseUnit)}`),
      h('span', { class: 'supplier-item-actions' }, change, remove),
    ),
  );
}

/** The items card's content: the list, and one form at a time (add, or edit one item). */
export function supplierItems({ supplier, reload }) {
  const slot = h('div', { class: 'supplier-items' });
  const add = h('button', { type: 'button', class: 'button button-small' }, t('supplier.item_add'));

  function showForm(item) {
    const done = (saved) => (saved ? reload() : draw());
    fill(slot, itemForm({ supplierId: supplier.id, item, onDone: done }));
    slot.querySelector('input')?.focus();
  }

  function draw() {
    fill(
      slot,
      supplier.items.length
        ? h('ul', { class: 'item-list', 'aria-label': t('supplier.items') }, supplier.items.map((item) => itemRow(item, { reload, edit: showForm })))
        : h('p', { class: 'muted' }, t('supplier.no_items')),
      h('div', { class: 'form-actions' }, add),
    );
  }

  add.addEventListener('click', () => showForm(null));
  draw();
  return slot;
}
