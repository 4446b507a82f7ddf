/**
 * Sign-in inside the app (the GraphQL login mutation), with the typed errors shown in words,
 * a language switch, and the server's password-reset page for a forgotten password.
 */

import { isOnline } from '../core/connectivity.js';
import { adoptAccountLanguage, loadWorkspaceName, signIn, workspaceName } from '../core/session.js';
import { navigate, showCurrent } from '../core/urls.js';
import { LANGUAGES, language, t, useLanguage } from '../i18n/i18n.js';
import { h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { icon } from '../ui/icons.js';

let focusLanguageToggle = false;

function languageToggle() {
  const other = LANGUAGES.find((entry) => entry.code !== language());
  const button = h(
    'button',
    {
      type: 'button',
      class: 'button button-quiet language-toggle',
      lang: other.html,
      'aria-label': `${t('login.switch_language')}: ${other.name}`,
      onclick: async () => {
        focusLanguageToggle = true;
        await useLanguage(other.code, { remember: true });
      },
    },
    icon('globe', { size: 18 }),
    other.name,
  );
  if (focusLanguageToggle) {
    focusLanguageToggle = false;
    queueMicrotask(() => button.focus());
  }
  return button;
}

export function mount(root) {
  const submit = h('button', { type: 'submit', class: 'button button-block' }, t('login.submit'));
  const form = h(
    'form',
    { class: 'login-form', novalidate: true },
    formError(),
    field({ name: 'email', label: t('login.email'), type: 'email', autocomplete: 'username', required: true, inputmode: 'email', autocapitalize: 'none', spellcheck: 'false' }),
    field({ name: 'password', label: t('login.password'), type: 'password', autocomplete: 'current-password', required: true }),
    submit,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    const missing = [!email && { field: 'email', code: 'required' }, !password && { field: 'password', code: 'required' }];
    if (missing.some(Boolean)) return showErrors(form, missing.filter(Boolean));
    if (!isOnline()) return showErrors(form, [{ field: null, code: 'offline' }]);
    await busy(submit, async () => {
      try {
        const errors = await signIn(email, password);
        if (errors.length) {
          form.elements.password.value = '';
          showErrors(form, errors);
          return;
        }
      } catch (error) {
        showErrors(form, [{ field: null, code: error.code, message: error.message }]);
        return;
      }
      await adoptAccountLanguage();
      if (location.pathname.replace(/\/+$/, '') === '/app/login') await navigate('/', { replace: true });
      else await showCurrent();
    });
  });

  const workspaceLine = h('p', { class: 'muted' }, t('login.workspace', { name: workspaceName() }));
  loadWorkspaceName().then((name) => {
    workspaceLine.textContent = t('login.workspace', { name });
  });

  root.append(
    h(
      'div',
      { class: 'login-page' },
      h(
        'div',
        { class: 'login-card' },
        h(
          'div',
          { class: 'login-top' },
          h('img', { src: '/app/icons/icon.svg', alt: '', width: 48, height: 48 }),
          languageToggle(),
        ),
        h('h1', { class: 'screen-title', tabindex: '-1' }, t('login.title')),
        workspaceLine,
        h('p', { class: 'notice notice-offline', role: 'status' }, icon('offline', { size: 18 }), t('login.offline')),
        form,
        h('p', { class: 'login-links' }, h('a', { href: '/password-reset/' }, t('login.forgot'))),
      ),
    ),
  );
  return {};
}
