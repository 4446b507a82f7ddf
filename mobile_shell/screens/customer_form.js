/**
 * A new customer on a phone (新建客户): company or person, name and phone, the primary contact,
 * the default delivery address (province from the list of 34), level, tags, source and notes;
 * managers also set the owner, credit limit and payment terms.
 *
 * While the name or phone is typed, likely duplicates show under them (customerDuplicates,
 * debounced): a colleague's customer only as "exists". When the server refuses the customer as
 * a duplicate (customer_duplicate), "仍然创建" sends it again with allowDuplicate. One
 * idempotency key per visit: a double tap or a retry after a lost answer makes one customer.
 */

import { CUSTOMER_CREATE, CUSTOMER_DUPLICATES, CUSTOMER_FORM_DATA } from '../api/customers.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { PHONE_PATTERN, duplicateError, addressFields, contactFields, creditFields, isCustomerManager, kindChoice, levelField, readAddress, readContact, readCredit, sourceField, textArea } from '../ui/customer_fields.js';
import { loadOwners, ownerField } from '../ui/customer_owner.js';
import { tagPicker } from '../ui/customer_tags.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { icon } from '../ui/icons.js';
import { card, screenHeader } from '../ui/layout.js';
import { newKey } from '../ui/quantity.js';
import { errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

/** The likely duplicates as a notice; a colleague's customer is named only as existing. */
function duplicateNotice(found) {
  if (!found.length) return null;
  const reasons = (one) => one.matchedOn.map((reason) => t(`customer.dup_reason.${reason}`)).join('、');
  return h(
    'div',
    { class: 'notice duplicate-hint', dataset: { blocking: String(found.some((one) => one.blocking)) } },
    icon('alert', { size: 20 }),
    h(
      'div',
      {},
      h('p', {}, h('strong', {}, t(found.some((one) => one.blocking) ? 'customer.dup_blocking' : 'customer.dup_similar'))),
      h(
        'ul',
        { class: 'plain-list' },
        found.slice(0, 5).map((one) =>
          h(
            'li',
            { dataset: { code: one.customer?.code || '' } },
            one.customer
              ? [h('a', { href: appUrl(`/customers/${one.customer.id}`) }, `${one.customer.name}（${one.customer.code}）`), ` · ${one.customer.owner ? one.customer.owner.name : t('customer.owner_pool')}`]
              : t('customer.dup_hidden'),
            ` · ${reasons(one)}`,
          ),
        ),
      ),
    ),
  );
}

export function mount(root) {
  const key = newKey('customer');
  const manager = isCustomerManager();
  const submit = h('button', { type: 'submit', class: 'button' }, t('customer.create_submit'));
  const anyway = h('button', { type: 'button', class: 'button button-quiet', hidden: true }, t('customer.create_anyway'));
  const dupSlot = h('div', { class: 'duplicate-slot', role: 'status', 'aria-live': 'polite' });
  const back = h('a', { href: appUrl('/customers'), class: 'button button-quiet' }, t('customer.list_title'));
  const body = h('div', {}, loadingView(4));
  let tags = null;
  let dupToken = 0;
  let dupTimer = 0;

  /** Asks for look-alikes of what is typed so far (a name of 2+ characters, a phone of 7+ digits). */
  function checkDuplicates(form) {
    clearTimeout(dupTimer);
    dupTimer = setTimeout(async () => {
      const name = form.elements.name.value.trim();
      const phone = form.elements.phone.value.trim();
      const token = ++dupToken;
      const usefulPhone = phone.replace(/\D/g, '').length >= 7 ? phone : '';
      if (name.length < 2 && !usefulPhone) return fill(dupSlot);
      try {
        const { customerDuplicates: found } = await gql(CUSTOMER_DUPLICATES, { name: name.length >= 2 ? name : '', phone: usefulPhone });
        if (token === dupToken) fill(dupSlot, duplicateNotice(found));
      } catch {
        // The hint is a help, not a check: the server refuses a real duplicate on saving.
      }
      return undefined;
    }, 400);
  }

  function readInput(form) {
    const value = (name) => form.elements[name]?.value.trim() ?? '';
    const problems = [];
    const input = {
      name: value('name'),
      kind: form.querySelector('[name="kind"]:checked')?.value || 'company',
      phone: value('phone'),
      levelId: value('levelId') || null,
      tagIds: tags.selected(),
      source: value('source') || 'other',
      notes: form.elements.notes.value.trim(),
      contacts: [],
      addresses: [],
      idempotencyKey: key,
    };
    if (!input.name) problems.push({ field: 'name', code: 'required' });
    if (input.phone && !PHONE_PATTERN.test(input.phone)) problems.push({ field: 'phone', code: 'phone_invalid', message: t('customer.phone_invalid') });
    const contactTyped = ['name', 'title', 'phone', 'email'].some((part) => value(`contacts.0.${part}`));
    if (contactTyped) {
      const { contact, problems: wrong } = readContact(form, 'contacts.0');
      problems.push(...wrong);
      input.contacts.push({ ...contact, isPrimary: true });
    }
    const { address, problems: missing, empty } = readAddress(form, 'addresses.0');
    if (!empty) {
      problems.push(...missing);
      input.addresses.push({ ...address, isDefault: true });
    }
    if (manager) {
      input.ownerId = value('ownerId') || null;
      readCredit(form, input, problems);
    }
    return { input, problems };
  }

  function send(form, { allowDuplicate }) {
    clearErrors(form);
    const { input, problems } = readInput(form);
    if (problems.length) return showErrors(form, problems);
    const button = allowDuplicate ? anyway : submit;
    return busy(button, async () => {
      try {
        const { customerCreate: result } = await gql(CUSTOMER_CREATE, { input: { ...input, allowDuplicate } });
        if (result.errors.length) {
          anyway.hidden = !result.errors.some((error) => error.code === 'customer_duplicate');
          return showErrors(form, result.errors.map(duplicateError));
        }
        toast(t('customer.created', { name: result.customer.name }), { kind: 'success' });
        return navigate(`/customers/${result.customer.id}`);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  }

  function drawForm({ levels, tagList, owners }) {
    tags = tagPicker({ tags: tagList });
    const name = field({ name: 'name', label: t('customer.name'), required: true, autocomplete: 'off', maxlength: 120 });
    const phone = field({ name: 'phone', label: t('customer.phone'), type: 'tel', inputmode: 'tel', autocomplete: 'off', maxlength: 30 });
    const form = h(
      'form',
      { class: 'customer-form', novalidate: true, 'aria-label': t('customer.create_title') },
      formError(),
      card(null, kindChoice(), h('div', { class: 'form-grid' }, name, phone), dupSlot),
      card(t('customer.primary_contact'), h('p', { class: 'muted small' }, t('customer.contact_optional')), contactFields('contacts.0', {}, { required: false })),
      card(t('customer.default_address'), h('p', { class: 'muted small' }, t('customer.address_optional')), addressFields('addresses.0')),
      card(
        t('customer.more_facts'),
        h('div', { class: 'form-grid' }, levelField(levels), sourceField(), manager && owners && ownerField(owners), creditFields()),
        tags.element,
        textArea({ name: 'notes', label: t('customer.notes') }),
      ),
      h('div', { class: 'form-actions sticky-actions' }, anyway, submit),
    );
    for (const control of [name, phone]) control.querySelector('input').addEventListener('input', () => checkDuplicates(form));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      anyway.hidden = true;
      send(form, { allowDuplicate: false });
    });
    anyway.addEventListener('click', () => send(form, { allowDuplicate: true }));
    return form;
  }

  async function load() {
    fill(body, loadingView(4));
    try {
      const [data, owners] = await Promise.all([gql(CUSTOMER_FORM_DATA), manager ? loadOwners().catch(() => null) : null]);
      fill(body, drawForm({ levels: data.customerLevels, tagList: data.customerTags, owners }));
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }

  fill(root, screenHeader(t('customer.create_title'), back), body);
  load();
  return { unmount: () => clearTimeout(dupTimer) };
}
