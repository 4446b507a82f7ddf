/**
 * A new product (新建商品, for catalog.manage): name, code, category, base unit, brand, the list
 * price (and the cost price for cost.view holders) every SKU starts with, and specifications
 * as a name and comma-separated values; the server makes one SKU per combination. One
 * idempotency key per visit, so a double tap creates one product.
 */

import { CATEGORIES, PRODUCT_CREATE } from '../api/catalog.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { decimalInput, newKey } from '../ui/quantity.js';
import { toast } from '../ui/toast.js';

/** Values typed as "红, 蓝，白" (ASCII or Chinese commas, 、 too), blanks and repeats dropped. */
function splitValues(text) {
  return [...new Set(text.split(/[,，、]/).map((one) => one.trim()).filter(Boolean))];
}

/** specs.1.values → specs.1: each spec row shows its errors in one slot. */
function specField(error) {
  const match = /^(specs\.\d+)\./.exec(error.field || '');
  return match ? { ...error, field: match[1] } : error;
}

export function mount(root) {
  let key = newKey('product');
  const costs = hasScope('cost.view');
  const specs = h('div', { class: 'spec-rows' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('product.save'));

  function specRow() {
    const row = h(
      'fieldset',
      { class: 'spec-row field' },
      h('legend', { class: 'visually-hidden' }, t('product.spec')),
      h(
        'div',
        { class: 'spec-inputs' },
        h('label', {}, h('span', { class: 'small muted' }, t('product.spec_name')), h('input', { name: 'specName', autocomplete: 'off', maxlength: 20, placeholder: t('product.spec_name_hint') })),
        h('label', {}, h('span', { class: 'small muted' }, t('product.spec_values')), h('input', { name: 'specValues', autocomplete: 'off', placeholder: t('product.spec_values_hint') })),
        h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('product.remove_spec'), onclick: () => { row.remove(); numberSpecs(); } }, '×'),
      ),
      h('p', { class: 'field-error', hidden: true }),
    );
    return row;
  }

  function numberSpecs() {
    [...specs.children].forEach((row, index) => { row.dataset.field = `specs.${index}`; });
  }

  const addSpec = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => { specs.append(specRow()); numberSpecs(); specs.lastChild.querySelector('input').focus(); } }, t('product.add_spec'));
  const category = field({ name: 'categoryId', label: t('product.category'), options: [{ value: '', label: t('product.no_category') }] });

  const form = h(
    'form',
    { class: 'product-form', novalidate: true, 'aria-label': t('product.create_title') },
    formError(),
    card(
      t('product.facts'),
      h(
        'div',
        { class: 'form-grid' },
        field({ name: 'name', label: t('product.name'), required: true, autocomplete: 'off', maxlength: 100 }),
        field({ name: 'code', label: t('product.code'), required: true, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 40 }),
        category,
        field({ name: 'baseUnit', label: t('product.base_unit'), value: '件', autocomplete: 'off', maxlength: 10 }),
        field({ name: 'brand', label: t('product.brand'), autocomplete: 'off', maxlength: 60 }),
      ),
    ),
    card(
      t('product.sku_prices'),
      h(
        'div',
        { class: 'form-grid' },
        field({ name: 'listPrice', label: t('product.list_price'), inputmode: 'decimal', autocomplete: 'off', hint: t('product.price_hint') }),
        costs && field({ name: 'costPrice', label: t('product.cost_price'), inputmode: 'decimal', autocomplete: 'off' }),
      ),
    ),
    card(t('product.specs'), h('p', { class: 'muted small' }, t('product.specs_hint')), h('div', { class: 'field', dataset: { field: 'specs' } }, h('p', { class: 'field-error', hidden: true }), specs), addSpec),
    h('div', { class: 'form-actions sticky-actions' }, submit),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const value = (name) => form.elements[name]?.value.trim() ?? '';
    const input = {
      name: value('name'),
      code: value('code'),
      categoryId: value('categoryId') || null,
      baseUnit: value('baseUnit') || '件',
      brand: value('brand'),
      specs: [],
      idempotencyKey: key,
    };
    const problems = [];
    if (!input.name) problems.push({ field: 'name', code: 'required' });
    if (!input.code) problems.push({ field: 'code', code: 'required' });
    for (const name of costs ? ['listPrice', 'costPrice'] : ['listPrice']) {
      const price = decimalInput(value(name));
      if (price === null || Number(price) < 0) problems.push({ field: name, code: 'price_invalid', message: t('product.price_invalid') });
      else if (price) input[name] = price;
    }
    [...specs.children].forEach((row, index) => {
      const name = row.querySelector('[name="specName"]').value.trim();
      const values = splitValues(row.querySelector('[name="specValues"]').value);
      if (!name && !values.length) return;
      if (!name || !values.length) problems.push({ field: `specs.${index}`, code: 'spec_incomplete', message: t('product.spec_incomplete') });
      input.specs.push({ name, values });
    });
    if (problems.length) return showErrors(form, problems);
    return busy(submit, async () => {
      try {
        const { productCreate: result } = await gql(PRODUCT_CREATE, { input });
        if (result.errors.length) {
          key = newKey('product'); // nothing was created: the corrected product is a new request
          return showErrors(form, result.errors.map(specField));
        }
        toast(t('product.created', { name: result.product.name }), { kind: 'success' });
        return navigate(`/products/${result.product.id}`);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  async function loadCategories() {
    try {
      const { categories } = await gql(CATEGORIES);
      const select = form.elements.categoryId;
      for (const one of categories) select.append(h('option', { value: one.id }, one.path.join(' / ')));
    } catch {
      // a product without a category is still a product
    }
  }

  const back = h('a', { href: appUrl('/products'), class: 'button button-quiet' }, t('products.title'));
  fill(root, screenHeader(t('product.create_title'), back), form);
  specs.append(specRow());
  numberSpecs();
  loadCategories();
  return {};
}
