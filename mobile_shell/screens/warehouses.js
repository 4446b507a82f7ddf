/**
 * Warehouses (仓库管理, for inventory.manage): every warehouse, active or not; a new one by
 * code, name and address; each one renamed, deactivated (refused while it holds stock) or
 * reactivated; and its bins (库位), with a form to add one.
 */

import { BIN_CREATE, WAREHOUSES_MANAGE, WAREHOUSE_CREATE, WAREHOUSE_UPDATE } from '../api/inventory.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

/** A form that runs `work(value)` on submit and shows the API's field errors on it. */
function submitting(form, submit, work) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const value = (name) => form.elements[name]?.value.trim() ?? '';
    return busy(submit, async () => {
      try {
        const errors = await work(value);
        if (errors && errors.length) showErrors(form, errors);
      } catch (error) {
        showErrors(form, [error]);
      }
    });
  });
  return form;
}

function required(value, names) {
  return names.filter((name) => !value(name)).map((name) => ({ field: name, code: 'required' }));
}

function createForm(reload) {
  const submit = h('button', { type: 'submit', class: 'button' }, t('warehouses.create_submit'));
  const form = h(
    'form',
    { class: 'warehouse-create', novalidate: true, 'aria-label': t('warehouses.create') },
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'code', label: t('warehouses.code'), required: true, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 20 }),
      field({ name: 'name', label: t('warehouses.name'), required: true, autocomplete: 'off', maxlength: 60 }),
      field({ name: 'address', label: t('warehouses.address'), autocomplete: 'off', maxlength: 200 }),
    ),
    h('div', { class: 'form-actions' }, submit),
  );
  return submitting(form, submit, async (value) => {
    const problems = required(value, ['code', 'name']);
    if (problems.length) return problems;
    const { warehouseCreate: result } = await gql(WAREHOUSE_CREATE, { code: value('code'), name: value('name'), address: value('address') });
    if (result.errors.length) return result.errors;
    toast(t('warehouses.created', { name: result.warehouse.name }), { kind: 'success' });
    form.reset();
    return reload();
  });
}

function editForm(warehouse, reload) {
  const submit = h('button', { type: 'submit', class: 'button button-small' }, t('warehouses.save'));
  const toggle = h(
    'button',
    { type: 'button', class: 'button button-quiet button-small' },
    t(warehouse.isActive ? 'warehouses.deactivate' : 'warehouses.activate'),
  );
  const form = h(
    'form',
    { class: 'warehouse-edit', novalidate: true, 'aria-label': t('warehouses.edit_for', { code: warehouse.code }) },
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'name', label: t('warehouses.name'), value: warehouse.name, required: true, autocomplete: 'off', maxlength: 60 }),
      field({ name: 'address', label: t('warehouses.address'), value: warehouse.address, autocomplete: 'off', maxlength: 200 }),
    ),
    h('div', { class: 'form-actions' }, submit, toggle),
  );
  toggle.addEventListener('click', () => {
    clearErrors(form);
    busy(toggle, async () => {
      try {
        const { warehouseUpdate: result } = await gql(WAREHOUSE_UPDATE, { id: warehouse.id, isActive: !warehouse.isActive });
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t(result.warehouse.isActive ? 'warehouses.activated' : 'warehouses.deactivated', { name: result.warehouse.name }), { kind: 'success' });
        return reload();
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  submitting(form, submit, async (value) => {
    const problems = required(value, ['name']);
    if (problems.length) return problems;
    const { warehouseUpdate: result } = await gql(WAREHOUSE_UPDATE, { id: warehouse.id, name: value('name'), address: value('address') });
    if (result.errors.length) return result.errors;
    toast(t('warehouses.saved', { name: result.warehouse.name }), { kind: 'success' });
    return reload();
  });
  return h('details', { class: 'warehouse-details' }, h('summary', {}, t('warehouses.edit')), form);
}

function binForm(warehouse, reload) {
  const submit = h('button', { type: 'submit', class: 'button button-small' }, t('warehouses.bin_create'));
  const form = h(
    'form',
    { class: 'bin-form', novalidate: true, 'aria-label': t('warehouses.bin_form', { code: warehouse.code }) },
    formError(),
    h(
      'div',
      { class: 'bin-grid' },
      field({ name: 'code', label: t('warehouses.bin_code'), required: true, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 20 }),
      field({ name: 'name', label: t('warehouses.bin_name'), autocomplete: 'off', maxlength: 60 }),
    ),
    h('div', { class: 'form-actions' }, submit),
  );
  return submitting(form, submit, async (value) => {
    const problems = required(value, ['code']);
    if (problems.length) return problems;
    const { binCreate: result } = await gql(BIN_CREATE, { warehouseId: warehouse.id, code: value('code'), name: value('name') });
    if (result.errors.length) return result.errors;
    toast(t('warehouses.bin_created', { code: result.bin.code }), { kind: 'success' });
    return reload();
  });
}

function warehouseCard(warehouse, reload) {
  const bins = warehouse.bins.length
    ? h('ul', { class: 'bin-list', 'aria-label': t('warehouses.bins') }, warehouse.bins.map((bin) => h('li', { dataset: { bin: bin.code } }, h('strong', {}, bin.code), bin.name && h('span', { class: 'muted small' }, bin.name))))
    : h('p', { class: 'muted small' }, t('warehouses.no_bins'));
  return h(
    'section',
    { class: `card warehouse-card${warehouse.isActive ? '' : ' warehouse-inactive'}`, dataset: { warehouse: warehouse.code }, 'aria-label': warehouse.name },
    h(
      'div',
      { class: 'warehouse-head' },
      h('h2', { class: 'card-title' }, warehouse.name),
      h('span', { class: 'muted small' }, warehouse.code),
      !warehouse.isActive && h('span', { class: 'chip chip-bad' }, t('warehouses.inactive')),
    ),
    warehouse.address && h('p', { class: 'muted small' }, warehouse.address),
    editForm(warehouse, reload),
    h('h3', { class: 'bin-title' }, t('warehouses.bins')),
    bins,
    warehouse.isActive && binForm(warehouse, reload),
  );
}

export function mount(root) {
  const list = h('div', { class: 'warehouse-list' });
  let loaded = false;

  async function load() {
    if (!loaded) fill(list, loadingView(3));
    try {
      const { warehouses } = await gql(WAREHOUSES_MANAGE);
      loaded = true;
      fill(list, warehouses.length ? warehouses.map((one) => warehouseCard(one, load)) : emptyView({ iconName: 'inbox', title: t('warehouses.empty') }));
    } catch (error) {
      fill(list, errorView(error, { retry: load }));
    }
  }

  const back = h('a', { href: appUrl('/stock'), class: 'button button-quiet' }, t('stock.title'));
  fill(root, screenHeader(t('warehouses.title'), back), card(t('warehouses.create'), createForm(load)), list);
  load();
  return { refresh: load };
}
