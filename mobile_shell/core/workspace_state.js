/**
 * The workspace's billing state as the whole app shows it: a read-only workspace (suspended,
 * its trial over, or closed) gets `body.workspace-read-only`, a banner, and every write button
 * disabled with the reason as its title (one rule here, not one per screen); the owner sees a
 * past-due banner with the grace period's end. The server refuses writes anyway
 * (`workspace_read_only`); core/graphql.js emits `workspace:read-only` when it does, so a
 * workspace suspended while the app is open turns read-only at the next write.
 */

import { BILLING_STATUS } from '../api/billing.js';
import { formatDate, t } from '../i18n/i18n.js';
import { h } from '../ui/element.js';
import { on } from './events.js';
import { gql } from './graphql.js';
import { hasRole, session } from './session.js';
import { appUrl } from './urls.js';

const READ_ONLY_STATUSES = ['suspended', 'closed'];
// Buttons that change something: form submits and the actions styled as such. Search forms and
// the billing page (paying) stay usable.
const WRITE_BUTTONS =
  'form:not([role="search"]) button[type="submit"], button.button-danger, button[data-write]';
const ALLOWED = '[data-readonly-ok], [data-screen="billing"] , form[data-auth]';

let readOnly = false;

function isWriteButton(element) {
  const button = element?.closest?.(WRITE_BUTTONS);
  return button && !button.closest(ALLOWED) ? button : null;
}

function banner(text, linkText) {
  const box = document.getElementById('billing-banner') || h('div', { id: 'billing-banner', role: 'status' });
  box.className = 'billing-banner';
  box.replaceChildren(
    h('span', {}, text),
    linkText ? h('a', { href: appUrl('/billing'), 'data-readonly-ok': '' }, linkText) : null,
  );
  const main = document.getElementById('main');
  if (main && box.parentElement !== main) main.prepend(box);
}

function clearBanner() {
  document.getElementById('billing-banner')?.remove();
}

export function setReadOnly(on_) {
  readOnly = on_;
  document.body.classList.toggle('workspace-read-only', on_);
  if (on_) {
    const owner = hasRole('owner');
    banner(t(owner ? 'billing.read_only_owner' : 'billing.read_only_staff'), owner ? t('billing.go_pay') : '');
  } else {
    clearBanner();
  }
}

async function refreshFromServer() {
  const { status, tenant } = session();
  if (status !== 'signedIn') {
    setReadOnly(false);
    return;
  }
  setReadOnly(READ_ONLY_STATUSES.includes(tenant?.status));
  if (!hasRole('owner')) return;
  try {
    const { billing } = await gql(BILLING_STATUS);
    if (billing.readOnly) setReadOnly(true);
    else if (billing.status === 'past_due') {
      banner(t('billing.past_due_banner', { date: formatDate(billing.graceEndsAt) }), t('billing.go_pay'));
    }
  } catch {
    // Offline or refused: the tenant's status above is what we know.
  }
}

export function watchWorkspaceState() {
  on('session:changed', refreshFromServer);
  on('workspace:read-only', () => setReadOnly(true));
  // The reason, where the pointer or the focus lands on a write button, and no write on click.
  const explain = (event) => {
    if (!readOnly) return;
    const button = isWriteButton(event.target);
    if (button) button.title = t('billing.read_only_reason');
  };
  document.addEventListener('pointerover', explain, true);
  document.addEventListener('focusin', explain, true);
  document.addEventListener(
    'click',
    (event) => {
      if (!readOnly || !isWriteButton(event.target)) return;
      event.preventDefault();
      event.stopPropagation();
    },
    true,
  );
  document.addEventListener(
    'submit',
    (event) => {
      if (readOnly && event.target.matches?.('form:not([role="search"])') && !event.target.closest(ALLOWED)) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true,
  );
}
