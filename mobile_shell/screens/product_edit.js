/**
 * Editing a product (编辑商品, for catalog.manage): its name, brand, category and base unit
 * (productUpdate with only those fields: the code, description and specifications stay as they
 * are), and per SKU its list price, cost price (cost.view holders only) and barcode
 * (skuUpdate, one SKU at a time).
 */

import { CATEGORIES, PRODUCT_EDIT, PRODUCT_UPDATE, SKU_UPDATE } from '../api/catalog.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { decimalInput } from '../ui/quantity.js';
import { errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

/** "25.00" → "25": what a person would type. */
function plain(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

function skuForm(sku, costs) {
  const submit = h('button', { type: 'submit', class: 'button button-small' }, t('product.sku_save'));
  const price = (name, label) => field({ name, label, value: plain(sku[name]), inputmode: 'decimal', autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'sku-edit', novalidate: true, dataset: { skuCode: sku.code }, 'aria-label': t('product.sku_edit_for', { code: sku.code }) },
    h('p', { class: 'sku-edit-head' }, h('strong', {}, sku.code), sku.specLabel && h('span', { class: 'muted small' }, sku.specLabel)),
    formError(),
    h(
      'div',
      { class: 'sku-edit-grid' },
      price('listPrice', t('product.list_price')),
      costs && price('costPrice', t('product.cost_price')),
      field({ name: 'barcode', label: t('product.barcode'), value: sku.barcode || '', inputmode: 'numeric', autocomplete: 'off', maxlength: 40 }),
    ),
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const input = { barcode: form.elements.barcode.value.trim() };
    const problems = [];
    for (const name of costs ? ['listPrice', 'costPrice'] : ['listPrice']) {
      const value = decimalInput(form.elements[name].value.trim());
      if (value === null || Number(value) < 0) problems.push({ field: name, code: 'price_invalid', message: t('product.price_invalid') });
      else if (value) input[name] = value;
    }
    if (problems.length) return showErrors(form, problems);
    return busy(submit, async () => {
      try {
        const { skuUpdate: result } = await gql(SKU_UPDATE, { id: sku.id, input });
        if (result.errors.length) return showErrors(form, result.errors);
        return toast(t('product.sku_saved', { code: result.sku.code }), { kind: 'success' });
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return form;
}

function productForm(product) {
  const submit = h('button', { type: 'submit', class: 'button' }, t('product.save'));
  const category = field({ name: 'categoryId', label: t('product.category'), options: [{ value: '', label: t('product.no_category') }] });
  const form = h(
    'form',
    { class: 'product-form', novalidate: true, 'aria-label': t('product.edit_title') },
    formError(),
    card(
      t('product.facts'),
      h(
        'div',
        { class: 'form-grid' },
        field({ name: 'name', label: t('product.name'), value: product.name, required: true, autocomplete: 'off', maxlength: 100 }),
        field({ name: 'brand', label: t('product.brand'), value: product.brand || '', autocomplete: 'off', maxlength: 60 }),
        category,
        field({ name: 'baseUnit', label: t('product.base_unit'), value: product.baseUnit, autocomplete: 'off', maxlength: 10 }),
      ),
      h('div', { class: 'form-actions' }, submit),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const value = (name) => form.elements[name].value.trim();
    // categoryId is always sent: leaving it out keeps the category, null clears it.
    const input = { name: value('name'), brand: value('brand'), categoryId: value('categoryId') || null, baseUnit: value('baseUnit') };
    const problems = ['name', 'baseUnit'].filter((name) => !input[name]).map((name) => ({ field: name, code: 'required' }));
    if (problems.length) return showErrors(form, problems);
    return busy(submit, async () => {
      try {
        const { productUpdate: result } = await gql(PRODUCT_UPDATE, { id: product.id, input });
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('product.saved', { name: result.product.name }), { kind: 'success' });
        return navigate(`/products/${product.id}`);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  submit.disabled = true; // until the categories are there: saving would clear the category
  (async () => {
    try {
      const { categories } = await gql(CATEGORIES);
      const select = form.elements.categoryId;
      const current = product.category ? product.category.id : '';
      for (const one of categories) select.append(h('option', { value: one.id, selected: one.id === current }, one.path.join(' / ')));
      if (current && select.value !== current) select.append(h('option', { value: current, selected: true }, product.category.path.join(' / ')));
      submit.disabled = false;
    } catch {
      if (product.category) form.elements.categoryId.append(h('option', { value: product.category.id, selected: true }, product.category.path.join(' / ')));
      submit.disabled = false;
    }
  })();
  return form;
}

export function mount(root, { params }) {
  const body = h('div', {});
  const back = () => h('a', { href: appUrl(`/products/${params.id}`), class: 'button button-quiet' }, t('product.title'));

  async function load() {
    fill(root, screenHeader(t('product.edit_title'), back()), body);
    fill(body, loadingView(4));
    try {
      const { product } = await gql(PRODUCT_EDIT, { id: params.id });
      const costs = hasScope('cost.view');
      fill(body, productForm(product), card(t('product.edit_skus'), product.skus.map((sku) => skuForm(sku, costs))));
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }
  load();
  return {};
}
