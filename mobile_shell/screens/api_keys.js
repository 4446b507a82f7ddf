/**
 * API keys (API 密钥, for owners and admins: tenant.manage): the workspace's keys with their
 * scopes, last use and expiry; a new key, whose secret shows once; rotating a key (a new secret
 * shown once, the old one working 24 more hours) and revoking it.
 */

import { API_KEYS, API_KEY_REVOKE, API_KEY_ROTATE, API_KEY_SCOPES } from '../api/partners.js';
import { gql } from '../core/graphql.js';
import { formatDateTime, formatNumber, formatRelative, t } from '../i18n/i18n.js';
import { apiKeyForm } from '../ui/api_key_form.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { busy } from '../ui/form.js';
import { icon } from '../ui/icons.js';
import { card, screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { partnerSections, scopeLabels, secretPanel } from '../ui/partner_common.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

function keyState(key) {
  if (key.revokedAt) return ['revoked', 'chip chip-bad'];
  if (!key.active) return ['expired', 'chip chip-pending'];
  return ['active', 'chip chip-good'];
}

function lastUse(key) {
  if (!key.lastUsedAt) return t('apikey.never_used');
  const when = t('apikey.last_used', { when: formatRelative(key.lastUsedAt) });
  return key.lastUsedIp ? `${when} · ${key.lastUsedIp}` : when;
}

export function mount(root) {
  const secretHost = h('div', { class: 'secret-host' });
  const createPanel = h('div', { class: 'invite-panel', id: 'api-key-create', hidden: true });
  const createToggle = h(
    'button',
    { type: 'button', class: 'button', 'aria-expanded': 'false', 'aria-controls': 'api-key-create' },
    icon('plus', { size: 20 }),
    t('apikey.create_title'),
  );

  function showSecret(title, secret, note) {
    fill(secretHost, secretPanel({ title, secret, note }));
    secretHost.scrollIntoView({ block: 'nearest' });
    secretHost.querySelector('input').focus();
  }

  function closeCreate() {
    createPanel.hidden = true;
    createToggle.setAttribute('aria-expanded', 'false');
  }

  async function openCreate() {
    const open = createPanel.hidden;
    createPanel.hidden = !open;
    createToggle.setAttribute('aria-expanded', String(open));
    if (!open) return;
    fill(createPanel, loadingView(2));
    try {
      const { apiKeyScopes } = await gql(API_KEY_SCOPES);
      const form = apiKeyForm({
        scopes: apiKeyScopes,
        onCreated: ({ apiKey, secret }) => {
          closeCreate();
          showSecret(t('apikey.secret_title', { name: apiKey.name }), secret, t('apikey.secret_usage'));
          list.load();
        },
      });
      fill(createPanel, card(t('apikey.create_title'), form));
      form.elements.name.focus();
    } catch (error) {
      fill(createPanel, errorView(error, { retry: () => ((createPanel.hidden = true), openCreate()) }));
    }
  }
  createToggle.addEventListener('click', openCreate);

  async function rotate(key, button) {
    const sure = await confirmDialog({
      title: t('apikey.rotate_title', { name: key.name }),
      message: t('apikey.rotate_body'),
      confirmLabel: t('apikey.rotate'),
    });
    if (!sure) return;
    await busy(button, async () => {
      try {
        const { apiKeyRotate: result } = await gql(API_KEY_ROTATE, { id: key.id });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        const until = result.apiKey.previousValidUntil;
        showSecret(t('apikey.rotated_title', { name: key.name }), result.secret, until ? t('apikey.rotated_note', { when: formatDateTime(until) }) : '');
        return list.load();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  }

  async function revoke(key, button) {
    const sure = await confirmDialog({
      title: t('apikey.revoke_title', { name: key.name }),
      message: t('apikey.revoke_body'),
      confirmLabel: t('apikey.revoke'),
      danger: true,
    });
    if (!sure) return;
    await busy(button, async () => {
      try {
        const { apiKeyRevoke: result } = await gql(API_KEY_REVOKE, { id: key.id });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(t('apikey.revoked', { name: key.name }), { kind: 'success' });
        return list.load();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  }

  function keyRow(key) {
    const [state, chipClass] = keyState(key);
    const working = !key.revokedAt;
    const rotateButton = h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('apikey.rotate_named', { name: key.name }) }, t('apikey.rotate'));
    rotateButton.addEventListener('click', () => rotate(key, rotateButton));
    const revokeButton = h('button', { type: 'button', class: 'button button-danger-quiet button-small', 'aria-label': t('apikey.revoke_named', { name: key.name }) }, t('apikey.revoke'));
    revokeButton.addEventListener('click', () => revoke(key, revokeButton));
    const graceLeft = key.previousValidUntil && new Date(key.previousValidUntil) > new Date();
    return h(
      'li',
      { class: 'item-row key-row', dataset: { keyId: key.id, prefix: key.prefix, state } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, key.name),
        h('code', { class: 'muted small' }, `${key.prefix}…`),
        h('span', { class: 'chip-row' }, scopeLabels(key.scopes).map(([label, scopes]) => h('span', { class: 'chip', title: scopes }, label))),
        key.allowedIps.length > 0 && h('span', { class: 'muted small' }, t('apikey.only_from', { ips: key.allowedIps.join('、') })),
      ),
      h(
        'div',
        { class: 'item-meta' },
        h('span', { class: chipClass }, t(`apikey.state.${state}`)),
        h('span', { class: 'muted small' }, lastUse(key)),
        h('span', { class: 'muted small' }, key.expiresAt ? t('apikey.expires_at', { when: formatDateTime(key.expiresAt) }) : t('apikey.never_expires')),
        working && graceLeft && h('span', { class: 'muted small' }, t('apikey.previous_until', { when: formatDateTime(key.previousValidUntil) })),
        key.revokedAt && h('span', { class: 'muted small' }, t('apikey.revoked_at', { when: formatDateTime(key.revokedAt) })),
      ),
      working && h('div', { class: 'key-actions' }, rotateButton, revokeButton),
    );
  }

  const list = pagedList({
    keepRows: true,
    // apiKeys is one list (at most 50 keys a workspace): one page, no "加载更多".
    fetch: async () => {
      const { apiKeys } = await gql(API_KEYS);
      return { items: apiKeys, totalCount: apiKeys.length };
    },
    row: keyRow,
    label: () => t('apikey.list_title'),
    count: (shown) => t('apikey.count', { count: formatNumber(shown.items.filter((key) => key.active).length) }),
    empty: () => emptyView({ iconName: 'key', title: t('apikey.empty'), hint: t('apikey.empty_hint') }),
  });

  fill(
    root,
    screenHeader(t('apikey.list_title'), createToggle),
    partnerSections('api-keys'),
    h('p', { class: 'muted' }, t('apikey.intro')),
    secretHost,
    createPanel,
    list.summary,
    list.element,
  );
  list.load();
  return { refresh: () => list.load() };
}
