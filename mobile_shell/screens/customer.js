/**
 * One customer (客户详情): its facts (level, tags, owner, phone to call, source, credit limit and
 * payment terms) edited in place, tags edited as chips, contacts and delivery addresses, the
 * communication log with "记一笔", deactivate / reactivate, and for managers the owner. The
 * 订单 section lists the customer's recent sales orders for those who see orders.
 */

import { CUSTOMER, CUSTOMER_ASSIGN_OWNER, CUSTOMER_DEACTIVATE, CUSTOMER_ORDERS, CUSTOMER_REACTIVATE } from '../api/customers.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { confirmDialog } from '../ui/confirm.js';
import { customerAddresses } from '../ui/customer_addresses.js';
import { customerContacts } from '../ui/customer_contacts.js';
import { customerEditForm, customerTagsForm } from '../ui/customer_edit.js';
import { callLink, creditText, isCustomerManager, tagChip, termsText } from '../ui/customer_fields.js';
import { customerLog } from '../ui/customer_log.js';
import { loadOwners, ownerField } from '../ui/customer_owner.js';
import { customerSiteCard } from '../ui/customer_site.js';
import { fill, h } from '../ui/element.js';
import { FIELD_SCOPES } from '../ui/field_visits.js';
import { busy, clearErrors, formError, showErrors } from '../ui/form.js';
import { aside, card, detailColumns, facts, screenHeader } from '../ui/layout.js';
import { money } from '../ui/quantity.js';
import { emptyView, errorText, errorView, loadingView, staleNotice } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const SET_ACTIVE = { false: CUSTOMER_DEACTIVATE, true: CUSTOMER_REACTIVATE };
// The sales API's order list, filtered to this customer (the orders screens live at /orders).
const RECENT_ORDERS = 5;
const ORDER_SCOPES = ['orders.view_all', 'orders.view_own'];

/** The 订单 section: the customer's latest orders, each opening its order screen. */
function ordersSection(customerId) {
  const slot = h('div', { class: 'customer-orders' }, loadingView(2));
  // Offline, the copy from the last visit (the detail says how old it is).
  cachedQuery(`customer.${customerId}.orders`, CUSTOMER_ORDERS, { filter: { customerId }, limit: RECENT_ORDERS })
    .then(({ data: { salesOrders: page } }) => {
      if (!page.items.length) return fill(slot, h('p', { class: 'muted' }, t('customer.orders_none')));
      const row = (order) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: appUrl(`/orders/${order.id}`), class: 'item-row customer-order', dataset: { number: order.number } },
            h('div', { class: 'item-main' }, h('strong', {}, order.number), h('span', { class: 'muted small' }, formatDate(order.orderDate))),
            h('div', { class: 'item-meta' }, h('span', { class: 'chip', dataset: { status: order.status } }, t(`customer.order_status.${order.status}`)), h('span', {}, money(order.totalAmount, order.currency))),
          ),
        );
      return fill(
        slot,
        h('ul', { class: 'item-list', 'aria-label': t('customer.orders') }, page.items.map(row)),
        page.totalCount > page.items.length && h('p', { class: 'muted small' }, t('customer.orders_more', { count: formatNumber(page.totalCount) })),
      );
    })
    .catch((error) => fill(slot, h('p', { class: 'field-error' }, errorText(error))));
  return slot;
}

/** Managers hand the customer to a colleague, or back to the pool. */
function ownerForm(customer, reload) {
  const slot = h('div', { class: 'customer-owner' });
  loadOwners()
    .then((owners) => {
      const submit = h('button', { type: 'submit', class: 'button button-quiet button-small' }, t('customer.assign'));
      const form = h('form', { class: 'customer-owner-form', novalidate: true, 'aria-label': t('customer.assign_title') }, formError(), ownerField(owners, customer.owner), h('div', { class: 'form-actions' }, submit));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        clearErrors(form);
        const ownerId = form.elements.ownerId.value || null;
        return busy(submit, async () => {
          try {
            const { customerAssignOwner: result } = await gql(CUSTOMER_ASSIGN_OWNER, { id: customer.id, ownerId });
            if (result.errors.length) return showErrors(form, result.errors);
            const owner = result.customer.owner;
            toast(owner ? t('customer.assigned', { name: owner.name }) : t('customer.assigned_pool'), { kind: 'success' });
            return reload();
          } catch (error) {
            return showErrors(form, [error]);
          }
        });
      });
      fill(slot, form);
    })
    .catch((error) => fill(slot, h('p', { class: 'field-error' }, errorText(error))));
  return slot;
}

export function mount(root, { params }) {
  const body = h('div', {});
  const back = () => h('a', { href: appUrl('/customers'), class: 'button button-quiet' }, t('customer.list_title'));

  function factsView(customer) {
    const rows = [
      [t('customer.level'), customer.level?.name || '—'],
      [t('customer.tags'), customer.tags.length ? h('span', { class: 'roles' }, customer.tags.map(tagChip)) : '—'],
      [t('customer.owner'), customer.owner ? customer.owner.name : t('customer.owner_pool')],
      [t('customer.phone'), callLink(customer.phone, { label: customer.name }) || '—'],
      [t('customer.source'), t(`customer.source.${customer.source}`)],
      [t('customer.credit_limit'), creditText(customer.creditLimit)],
      [t('customer.terms'), termsText(customer.paymentTermsDays)],
      customer.invoiceTitle && [t('customer.invoice_title'), customer.invoiceTitle],
      customer.taxpayerId && [t('customer.taxpayer_id'), customer.taxpayerId],
      [t('customer.created_at'), formatDate(customer.createdAt)],
    ];
    return [facts(rows), customer.notes && h('p', { class: 'customer-notes' }, h('span', { class: 'muted small block' }, t('customer.notes')), customer.notes)];
  }

  function draw(customer, { levels, tags, notice = null }) {
    const factsSlot = h('div', { class: 'customer-facts' });
    const edit = h('button', { type: 'button', class: 'button button-quiet button-small' }, t('customer.edit_title'));
    const editTags = h('button', { type: 'button', class: 'button button-quiet button-small' }, t('customer.tags_edit'));
    const toggle = h('button', { type: 'button', class: customer.isActive ? 'button button-danger-quiet button-small' : 'button button-small' }, t(customer.isActive ? 'customer.deactivate' : 'customer.reactivate'));
    const actions = h('div', { class: 'form-actions supplier-toggle' }, edit, editTags, toggle);
    const showView = () => {
      fill(factsSlot, factsView(customer));
      actions.hidden = false;
    };
    const open = (form) => {
      fill(factsSlot, form);
      actions.hidden = true;
      factsSlot.querySelector('input, select')?.focus();
    };
    const done = (saved, focus) => (saved ? load() : (showView(), focus.focus()));
    edit.addEventListener('click', () => open(customerEditForm({ customer, levels, onDone: (saved) => done(saved, edit) })));
    editTags.addEventListener('click', () => open(customerTagsForm({ customer, tags, onDone: (saved) => done(saved, editTags) })));
    toggle.addEventListener('click', async () => {
      if (customer.isActive) {
        const sure = await confirmDialog({ title: t('customer.deactivate_title', { name: customer.name }), message: t('customer.deactivate_body'), confirmLabel: t('customer.deactivate'), danger: true });
        if (!sure) return;
      }
      await busy(toggle, async () => {
        try {
          const data = await gql(SET_ACTIVE[!customer.isActive], { id: customer.id });
          const result = customer.isActive ? data.customerDeactivate : data.customerReactivate;
          if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
          toast(t(result.customer.isActive ? 'customer.reactivated' : 'customer.deactivated', { name: customer.name }), { kind: 'success' });
          return load();
        } catch (error) {
          return toast(errorText(error), { kind: 'error' });
        }
      });
    });
    showView();

    const kind = t(`customer.kind.${customer.kind}`);
    fill(
      root,
      screenHeader(customer.name, back()),
      notice,
      h(
        'p',
        { class: 'muted subtitle' },
        `${customer.code} · ${kind}`,
        !customer.isActive && [' ', h('span', { class: 'chip chip-bad', dataset: { status: 'inactive' } }, t('customer.inactive'))],
      ),
      detailColumns(
        aside(card(t('customer.facts'), factsSlot, actions, isCustomerManager() && ownerForm(customer, load))),
        card(t('customer.contacts'), customerContacts({ customer, reload: load })),
        card(t('customer.addresses'), customerAddresses({ customer, reload: load })),
        card(t('customer.log'), customerLog({ customerId: customer.id })),
        // 订单: this customer's recent sales orders, for whoever may see orders.
        hasScope(ORDER_SCOPES) && card(t('customer.orders'), ordersSection(customer.id)),
        // 外勤: the customer's site for check-ins, 在此签到, and (managers) its QR code.
        hasScope(FIELD_SCOPES) && aside(customerSiteCard(customer)),
      ),
    );
  }

  async function load() {
    if (!root.querySelector('.card')) {
      fill(root, screenHeader(t('customer.title'), back()), body);
      fill(body, loadingView(4));
    }
    try {
      // Offline: the copy from the last visit, marked with its age.
      const { data, stale, savedAt } = await cachedQuery(`customer.${params.id}`, CUSTOMER, { id: params.id });
      draw(data.customer, { levels: data.customerLevels, tags: data.customerTags, notice: stale ? staleNotice(savedAt) : null });
    } catch (error) {
      fill(root, screenHeader(t('customer.title'), back()), body);
      fill(body, error.code === 'not_found' ? emptyView({ iconName: 'customer', title: t('customer.not_found'), hint: t('customer.not_found_hint') }) : errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load };
}
