/**
 * The price-tier editor (价目表编辑, distribution.manage): a new dated version of a level's or one
 * distributor's price list — its SKUs and categories, each with a case quantity and quantity
 * breaks (from N units on: a fixed price, or a percent off the list price) — saved with
 * priceListSave. Versions are never changed: 基于此版本新建 starts from an existing one, and the
 * old version stays as the prices charged while it was in force. Every problem the server finds
 * comes back at its box (items.2.breaks.0.discountPercent → that break's value).
 */

import { DISTRIBUTOR_PICK, PRICE_LIST_SAVE } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { today } from './finance_fields.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { card } from './layout.js';
import { decimalInput, money, newKey } from './quantity.js';
import { skuLabel, skuSearch } from './sku_search.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

function fromList(list) {
  return (list?.items || []).map((item) => ({
    sku: item.sku ? { id: item.sku.id, code: item.sku.code, label: `${item.sku.name}${item.sku.specLabel ? ` · ${item.sku.specLabel}` : ''}`, listPrice: item.sku.listPrice } : null,
    category: item.category ? { id: item.category.id, label: item.category.name } : null,
    caseQuantity: item.caseQuantity ? String(item.caseQuantity) : '',
    breaks: item.breaks.map((one) => ({ minQuantity: one.minQuantity, mode: one.fixedPrice !== null ? 'fixed' : 'discount', value: one.fixedPrice ?? one.discountPercent })),
  }));
}

/** Server field paths onto the editor's boxes; what has no box goes to the summary. */
function placed(error, items) {
  const path = error.field || '';
  const value = /^(items\.\d+\.breaks\.\d+)\.(fixedPrice|discountPercent)$/.exec(path);
  if (value) return { ...error, field: `${value[1]}.value` };
  const target = /^items\.(\d+)\.(skuId|categoryId)$/.exec(path);
  if (target) {
    const item = items[Number(target[1])];
    return { code: error.code, field: null, message: `${item ? (item.sku || item.category).label : ''}：${errorText(error)}` };
  }
  if (path === 'distributorId') return { ...error, field: 'distributorSearch' };
  return error;
}

/** `levels` and `categories` ([{ id, path }]) for the pickers; `from` a version to start from. */
export function priceListEditor({ levels, categories, from = null, onSaved, onClose }) {
  const key = newKey('price-list');
  const state = {
    owner: from?.distributorId ? 'distributor' : 'level',
    distributor: from?.distributorId ? { id: from.distributorId, name: from.distributorName } : null,
    items: fromList(from),
  };
  const form = h('form', { class: 'price-editor', novalidate: true, 'aria-label': t('prices.editor') });
  const ownerSlot = h('div', {});
  const itemsSlot = h('ol', { class: 'price-items', 'aria-label': t('prices.items') });
  const submit = h('button', { type: 'submit', class: 'button' }, t('prices.save'));

  function drawOwner() {
    const choice = h(
      'fieldset',
      { class: 'field choice-group' },
      h('legend', {}, t('prices.owner')),
      h(
        'div',
        { class: 'chip-row' },
        ['level', 'distributor'].map((kind) =>
          h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'owner', value: kind, checked: state.owner === kind, onchange: () => ((state.owner = kind), drawOwner()) }), t(`prices.owner.${kind}`)),
        ),
      ),
    );
    if (state.owner === 'level') {
      return fill(ownerSlot, choice, field({ name: 'levelId', label: t('prices.level'), value: from?.level?.id || levels[0]?.id || '', options: levels.map((level) => ({ value: level.id, label: level.name })) }));
    }
    const picked = h('p', { class: 'small', role: 'status' }, state.distributor ? t('prices.distributor_picked', { name: state.distributor.name }) : t('prices.distributor_none'));
    const found = h('ul', { class: 'sku-results', 'aria-live': 'polite' });
    const search = field({ name: 'distributorSearch', label: t('prices.distributor'), type: 'search', autocomplete: 'off' });
    search.append(found);
    let token = 0;
    search.querySelector('input').addEventListener('input', async (event) => {
      const mine = ++token;
      const term = event.target.value.trim();
      if (!term) return fill(found);
      try {
        const { distributors } = await gql(DISTRIBUTOR_PICK, { search: term });
        if (mine !== token) return undefined;
        return fill(
          found,
          distributors.items.map((one) =>
            h('li', {}, h('button', { type: 'button', class: 'sku-result', onclick: () => ((state.distributor = one), drawOwner()) }, `${one.name} · ${one.level.name}`)),
          ),
        );
      } catch (error) {
        return fill(found, h('li', { class: 'field-error' }, errorText(error)));
      }
    });
    return fill(ownerSlot, choice, search, picked);
  }

  function breakRow(item, index, breakItem, at) {
    const base = `items.${index}.breaks.${at}`;
    return h(
      'li',
      { class: 'price-break' },
      field({ name: `${base}.minQuantity`, label: t('prices.min_quantity'), inputmode: 'decimal', autocomplete: 'off', value: breakItem.minQuantity, oninput: (event) => (breakItem.minQuantity = event.target.value) }),
      field({
        name: `${base}.mode`,
        label: t('prices.mode'),
        value: breakItem.mode,
        options: [
          { value: 'discount', label: t('prices.mode.discount') },
          { value: 'fixed', label: t('prices.mode.fixed') },
        ],
        onchange: (event) => (breakItem.mode = event.target.value),
      }),
      field({ name: `${base}.value`, label: t('prices.value'), inputmode: 'decimal', autocomplete: 'off', value: breakItem.value ?? '', oninput: (event) => (breakItem.value = event.target.value) }),
      item.breaks.length > 1 && h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('prices.remove_break'), onclick: () => (item.breaks.splice(at, 1), drawItems()) }, '×'),
    );
  }

  function drawItems() {
    fill(
      itemsSlot,
      state.items.map((item, index) => {
        const label = (item.sku || item.category).label;
        return h(
          'li',
          { class: 'price-item card', dataset: { item: item.sku ? item.sku.code : `category-${item.category.id}` } },
          h(
            'div',
            { class: 'po-form-line-head' },
            h('div', { class: 'item-main' }, h('strong', {}, label), h('span', { class: 'muted small' }, item.sku ? `${item.sku.code}${item.sku.listPrice ? ` · ${t('prices.list_price', { price: money(item.sku.listPrice) })}` : ''}` : t('prices.category_item'))),
            h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('portal.remove_named', { name: label }), onclick: () => (state.items.splice(index, 1), drawItems()) }, t('portal.remove')),
          ),
          field({ name: `items.${index}.caseQuantity`, label: t('prices.case_quantity'), inputmode: 'numeric', autocomplete: 'off', value: item.caseQuantity, hint: t('prices.case_hint'), oninput: (event) => (item.caseQuantity = event.target.value) }),
          h('ol', { class: 'price-breaks', 'aria-label': t('prices.breaks') }, item.breaks.map((one, at) => breakRow(item, index, one, at))),
          h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => (item.breaks.push({ minQuantity: '', mode: 'discount', value: '' }), drawItems()) }, t('prices.add_break')),
        );
      }),
    );
  }

  function add(item) {
    const same = state.items.some((one) => (item.sku ? one.sku?.id === item.sku.id : one.category?.id === item.category.id));
    if (same) return toast(t('prices.already_in'), { kind: 'error' });
    state.items.push({ ...item, caseQuantity: '', breaks: [{ minQuantity: '1', mode: 'discount', value: '' }] });
    return drawItems();
  }

  const addSku = skuSearch({ name: 'addSku', label: t('prices.add_sku'), onPick: (sku) => add({ sku: { id: sku.id, code: sku.code, label: skuLabel(sku) }, category: null }) });
  const addCategory = field({ name: 'addCategory', label: t('prices.add_category'), value: '', options: [{ value: '', label: t('prices.pick_category') }, ...categories.map((one) => ({ value: one.id, label: one.path.join(' / ') }))] });
  addCategory.querySelector('select').addEventListener('change', (event) => {
    const chosen = categories.find((one) => one.id === event.target.value);
    if (chosen) add({ sku: null, category: { id: chosen.id, label: chosen.path.join(' / ') } });
    event.target.value = '';
  });

  function readInput() {
    const problems = [];
    if (state.owner === 'distributor' && !state.distributor) problems.push({ field: 'distributorSearch', code: 'required', message: t('prices.distributor_none') });
    if (!state.items.length) problems.push({ field: null, code: 'items_required', message: t('prices.no_items') });
    const items = state.items.map((item, index) => ({
      skuId: item.sku?.id || null,
      categoryId: item.category?.id || null,
      caseQuantity: item.caseQuantity.trim() ? Number(item.caseQuantity) : null,
      breaks: item.breaks.map((one, at) => {
        const value = decimalInput(one.value);
        if (!value) problems.push({ field: `items.${index}.breaks.${at}.value`, code: 'required', message: t('prices.enter_value') });
        return { minQuantity: decimalInput(one.minQuantity) || '1', fixedPrice: one.mode === 'fixed' ? value || null : null, discountPercent: one.mode === 'discount' ? value || null : null };
      }),
    }));
    return {
      problems,
      input: {
        levelId: state.owner === 'level' ? form.elements.levelId.value : null,
        distributorId: state.owner === 'distributor' ? state.distributor?.id || null : null,
        name: form.elements.name.value.trim(),
        effectiveFrom: form.elements.effectiveFrom.value,
        note: form.elements.note.value.trim() || null,
        idempotencyKey: key,
        items,
      },
    };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const { problems, input } = readInput();
    if (problems.length) return showErrors(form, problems);
    return busy(submit, async () => {
      try {
        const result = (await gql(PRICE_LIST_SAVE, { input })).priceListSave;
        if (result.errors.length) return showErrors(form, result.errors.map((error) => placed(error, state.items)));
        toast(t('prices.saved', { name: result.priceList.name, version: result.priceList.version }), { kind: 'success' });
        return onSaved(result.priceList);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  fill(
    form,
    formError(),
    ownerSlot,
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'name', label: t('prices.name'), value: from?.name || '', maxlength: 60, required: true, autocomplete: 'off' }),
      field({ name: 'effectiveFrom', label: t('prices.effective_from'), type: 'date', value: today(), min: today() }),
      field({ name: 'note', label: t('prices.note'), maxlength: 200, autocomplete: 'off' }),
    ),
    itemsSlot,
    h('div', { class: 'form-grid' }, addSku, addCategory),
    h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'button button-quiet', onclick: onClose }, t('action.cancel')), submit),
  );
  drawOwner();
  drawItems();
  return card(t(from ? 'prices.new_from' : 'prices.new', { name: from?.name || '' }), form);
}
