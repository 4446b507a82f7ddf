/**
 * Me and my settings: name and phone, the interface language (with a preview of how dates,
 * numbers and money look in it), the workspace's facts, installing the app, and signing out.
 */

import { isOnline } from '../core/connectivity.js';
import { on } from '../core/events.js';
import { install, installMode, isStandalone } from '../core/pwa.js';
import { liveStatus } from '../core/realtime.js';
import { session, signOut, updateUser } from '../core/session.js';
import { navigate } from '../core/urls.js';
import { LANGUAGES, currencyLabel, formatDate, formatDateTime, formatMoney, formatNumber, hasText, language, t, timeZoneLabel, useLanguage } from '../i18n/i18n.js';
import { perform, queuedItems } from '../offline/queue.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { icon } from '../ui/icons.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { errorText } from '../ui/states.js';
import { toast } from '../ui/toast.js';

/** Saves profile fields through the outbox, so a change made offline is sent later. */
async function saveProfile(input) {
  const result = await perform('profile.update', input);
  if (result.status === 'sent') updateUser(result.payload.user);
  if (result.status === 'queued') updateUser(input); // shown now, sent when online
  return result;
}

function accountCard(user) {
  const submit = h('button', { type: 'submit', class: 'button' }, t('action.save'));
  const form = h(
    'form',
    { novalidate: true },
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'fullName', label: t('profile.full_name'), value: user.fullName, required: true, autocomplete: 'name', maxlength: 60 }),
      field({ name: 'phone', label: t('profile.phone'), type: 'tel', value: user.phone, autocomplete: 'tel', maxlength: 30 }),
    ),
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const input = { fullName: form.elements.fullName.value.trim(), phone: form.elements.phone.value.trim() };
    if (!input.fullName) return showErrors(form, [{ field: 'fullName', code: 'required' }]);
    await busy(submit, async () => {
      const result = await saveProfile(input);
      if (result.status === 'rejected') showErrors(form, result.errors);
      else toast(t(result.status === 'sent' ? 'profile.saved' : 'profile.saved_later'), { kind: 'success' });
    });
  });
  return card(
    t('profile.account'),
    facts([
      [t('profile.email'), user.email],
      [t('profile.roles'), user.roles.map((role) => role.name).join('、') || '—'],
    ]),
    form,
  );
}

function languageCard(tenant) {
  const choose = async (code) => {
    await useLanguage(code, { remember: true });
    const result = await saveProfile({ language: code });
    if (result.status === 'rejected') toast(errorText(result.errors[0]), { kind: 'error' });
  };
  const now = new Date();
  return card(
    t('profile.language'),
    h(
      'fieldset',
      { class: 'choice-group' },
      h('legend', {}, t('profile.language_legend')),
      LANGUAGES.map((entry) =>
        h(
          'label',
          { class: 'choice', lang: entry.html },
          h('input', { type: 'radio', name: 'language', value: entry.code, checked: entry.code === language(), onchange: () => choose(entry.code) }),
          h('span', {}, entry.name),
        ),
      ),
    ),
    h('h3', { class: 'subheading' }, t('profile.formats')),
    facts([
      [t('profile.format_date'), formatDate(now, { dateStyle: 'full' })],
      [t('profile.format_time'), formatDateTime(now)],
      [t('profile.format_number'), formatNumber(1234567.89)],
      [t('profile.format_money'), formatMoney('1234.50', tenant?.currency || 'CNY')],
    ]),
  );
}

/** The plan in the user's language by its code; the operator's own name for a plan the app does not know. */
function planLabel(tenant) {
  return tenant.planCode && hasText(`plan.${tenant.planCode}`) ? t(`plan.${tenant.planCode}`) : tenant.plan || '—';
}

function workspaceCard(tenant) {
  if (!tenant) return null;
  return card(
    t('profile.workspace'),
    facts([
      [t('profile.workspace_name'), tenant.name],
      [t('profile.workspace_address'), location.host],
      [t('profile.plan'), planLabel(tenant)],
      [t('profile.time_zone'), timeZoneLabel(tenant.timeZone)],
      [t('profile.currency'), currencyLabel(tenant.currency)],
      [t('profile.since'), formatDate(tenant.createdAt)],
    ]),
  );
}

function appCard() {
  const body = h('div', { class: 'app-install' });
  const draw = () => {
    const mode = installMode();
    fill(
      body,
      mode === 'prompt' &&
        h('button', { type: 'button', class: 'button', onclick: () => install() }, icon('download', { size: 20 }), t('install.button')),
      mode === 'ios' && h('p', {}, t('install.ios_hint')),
      mode === 'none' && h('p', { class: 'muted' }, isStandalone() ? t('install.installed') : t('install.unavailable')),
      facts([[t('profile.live'), t(`live.${liveStatus()}`)]]),
    );
  };
  draw();
  const section = card(t('profile.app'), body);
  section.id = 'install';
  return { section, draw };
}

export function mount(root) {
  const { user, tenant } = session();
  const signOutButton = h('button', { type: 'button', class: 'button button-danger-quiet button-block' }, icon('logout', { size: 20 }), t('profile.sign_out'));
  signOutButton.addEventListener('click', async () => {
    const waiting = (await queuedItems()).length;
    if (waiting) {
      const sure = await confirmDialog({
        title: t('profile.sign_out'),
        message: t('profile.sign_out_pending', { count: waiting }),
        confirmLabel: t('profile.sign_out'),
        danger: true,
      });
      if (!sure) return;
    }
    if (!isOnline()) return toast(t('profile.sign_out_offline'), { kind: 'error' });
    await busy(signOutButton, async () => {
      try {
        await signOut();
        navigate('/login', { replace: true });
      } catch (error) {
        toast(errorText(error), { kind: 'error' });
      }
    });
  });
  const app = appCard();
  fill(
    root,
    screenHeader(t('profile.title')),
    h('div', { class: 'card-grid' }, accountCard(user), languageCard(tenant), workspaceCard(tenant), app.section),
    signOutButton,
  );
  if (location.hash === '#install') app.section.scrollIntoView();
  const stops = [on('install:changed', app.draw), on('live:status', app.draw)];
  return { unmount: () => stops.forEach((stop) => stop()) };
}
