/**
 * A new supplier (新建供应商, for purchasing.manage): code, name, payment terms in days, address,
 * notes and contacts (name, phone, e-mail; up to 10). The same form edits a supplier on its
 * own screen (supplier.js), where the code is fixed. Opens the new supplier to add its items.
 */

import { SUPPLIER_CREATE } from '../api/procurement.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { card, screenHeader } from '../ui/layout.js';
import { supplierForm } from '../ui/supplier_form.js';
import { toast } from '../ui/toast.js';

export function mount(root) {
  const form = supplierForm({
    submitLabel: t('supplier.create_submit'),
    onSubmit: async (input) => {
      const { supplierCreate: result } = await gql(SUPPLIER_CREATE, { input });
      if (result.errors.length) return result.errors;
      toast(t('supplier.created', { name: result.supplier.name }), { kind: 'success' });
      navigate(`/suppliers/${result.supplier.id}`);
      return [];
    },
  });
  const back = h('a', { href: appUrl('/suppliers'), class: 'button button-quiet' }, t('supplier.list_title'));
  fill(root, screenHeader(t('supplier.create_title'), back), card(null, form));
  return {};
}
