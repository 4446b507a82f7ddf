/**
 * One supplier (供应商, for purchasing.manage): its details edited in place (name, payment terms,
 * address, notes, contacts), deactivated or reactivated, the items it supplies, and a new
 * purchase order for it.
 */

import { SUPPLIER, SUPPLIER_UPDATE } from '../api/procurement.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { errorText, errorView, loadingView } from '../ui/states.js';
import { supplierForm } from '../ui/supplier_form.js';
import { supplierItems } from '../ui/supplier_items.js';
import { toast } from '../ui/toast.js';

export function mount(root, { params }) {
  const body = h('div', {});
  const back = () => h('a', { href: appUrl('/suppliers'), class: 'button button-quiet' }, t('supplier.list_title'));

  function draw(supplier) {
    const form = supplierForm({
      supplier,
      submitLabel: t('supplier.save'),
      onSubmit: async (input) => {
        const { supplierUpdate: result } = await gql(SUPPLIER_UPDATE, { id: supplier.id, input });
        if (result.errors.length) return result.errors;
        toast(t('supplier.saved', { name: result.supplier.name }), { kind: 'success' });
        load();
        return [];
      },
    });
    const toggle = h('button', { type: 'button', class: 'button button-quiet' }, t(supplier.isActive ? 'supplier.deactivate' : 'supplier.activate'));
    toggle.addEventListener('click', () =>
      busy(toggle, async () => {
        try {
          const { supplierUpdate: result } = await gql(SUPPLIER_UPDATE, { id: supplier.id, input: { isActive: !supplier.isActive } });
          if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
          toast(t(result.supplier.isActive ? 'supplier.activated' : 'supplier.deactivated', { name: result.supplier.name }), { kind: 'success' });
          return load();
        } catch (error) {
          return toast(errorText(error), { kind: 'error' });
        }
      }),
    );
    const order = supplier.isActive && h('a', { href: appUrl(`/purchase-orders/new?supplier=${encodeURIComponent(supplier.id)}`), class: 'button' }, t('po.create'));
    fill(
      root,
      screenHeader(supplier.name, back(), order),
      h(
        'p',
        { class: 'muted subtitle' },
        supplier.code,
        !supplier.isActive && [' ', h('span', { class: 'chip chip-bad', dataset: { status: 'inactive' } }, t('supplier.inactive'))],
      ),
      h(
        'div',
        { class: 'card-grid' },
        card(t('supplier.facts'), form, h('div', { class: 'form-actions supplier-toggle' }, toggle)),
        card(t('supplier.items'), supplierItems({ supplier, reload: load })),
      ),
    );
  }

  async function load() {
    if (!root.querySelector('.card')) {
      fill(root, screenHeader(t('supplier.title'), back()), body);
      fill(body, loadingView(4));
    }
    try {
      const { supplier } = await gql(SUPPLIER, { id: params.id });
      draw(supplier);
    } catch (error) {
      fill(root, screenHeader(t('supplier.title'), back()), body);
      fill(body, errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load };
}
