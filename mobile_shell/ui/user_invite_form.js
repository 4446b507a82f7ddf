/**
 * The "invite a colleague" form of the users screen. The invite goes through the outbox, so it
 * works offline too: the idempotency key is made when the invite is queued, and a resend of
 * the same invite (after a lost answer, or when the connection returns) never makes a second
 * account.
 */

import { hasRole } from '../core/session.js';
import { LANGUAGES, language, t } from '../i18n/i18n.js';
import { perform } from '../offline/queue.js';
import { h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { toast } from './toast.js';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DEFAULT_ROLE = 'sales';

function roleOptions(roles) {
  // Only an owner may make another owner; offering it to others would only produce an error.
  return roles
    .filter((role) => role.code !== 'owner' || hasRole('owner'))
    .map((role) => ({ value: role.code, label: role.name }));
}

/** onSent(user) after the server made the account; onQueued(item) when it waits for a network. */
export function inviteForm({ roles, onSent, onQueued }) {
  const submit = h('button', { type: 'submit', class: 'button' }, t('users.invite_send'));
  const form = h(
    'form',
    { class: 'invite-form', novalidate: true, 'aria-label': t('users.invite_title') },
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'email', label: t('users.email'), type: 'email', required: true, autocomplete: 'off', inputmode: 'email', autocapitalize: 'none', spellcheck: 'false' }),
      field({ name: 'fullName', label: t('users.full_name'), required: true, autocomplete: 'off', maxlength: 60 }),
      field({ name: 'roles', label: t('users.role'), options: roleOptions(roles), value: DEFAULT_ROLE }),
      field({
        name: 'language',
        label: t('users.language'),
        options: LANGUAGES.map((entry) => ({ value: entry.code, label: entry.name })),
        value: language(),
      }),
    ),
    h('div', { class: 'form-actions' }, submit),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const input = {
      email: form.elements.email.value.trim().toLowerCase(),
      fullName: form.elements.fullName.value.trim(),
      roles: [form.elements.roles.value],
      language: form.elements.language.value,
    };
    const problems = [];
    if (!input.email) problems.push({ field: 'email', code: 'required' });
    else if (!EMAIL_PATTERN.test(input.email)) problems.push({ field: 'email', code: 'email_invalid' });
    if (!input.fullName) problems.push({ field: 'fullName', code: 'required' });
    if (problems.length) return showErrors(form, problems);

    await busy(submit, async () => {
      const result = await perform('user.invite', input);
      if (result.status === 'rejected') {
        showErrors(form, result.errors);
        return;
      }
      form.reset();
      form.elements.language.value = language();
      form.elements.roles.value = DEFAULT_ROLE;
      if (result.status === 'sent') {
        toast(t('users.invited', { email: input.email }), { kind: 'success' });
        onSent(result.payload.user);
      } else {
        toast(t('users.invite_queued', { email: input.email }));
        onQueued(result.item);
      }
      form.elements.email.focus();
    });
  });
  return form;
}
