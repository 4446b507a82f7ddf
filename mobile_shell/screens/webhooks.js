/**
 * Webhook endpoints (for owners and admins: tenant.manage): where partners hear of events, with
 * each one's state (enabled, switched off, failing) and failures in a row; a new endpoint, whose
 * signing secret (whsec_…) shows once. Each opens its own screen (/settings/webhooks/:id).
 */

import { WEBHOOK_ENDPOINTS, WEBHOOK_ENDPOINT_CREATE, WEBHOOK_EVENT_TYPES } from '../api/partners.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { icon } from '../ui/icons.js';
import { card, screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { endpointStateChip, partnerSections, secretPanel } from '../ui/partner_common.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';
import { webhookEndpointForm } from '../ui/webhook_endpoint_form.js';

function endpointRow(endpoint) {
  return h(
    'li',
    { dataset: { endpointId: endpoint.id, url: endpoint.url } },
    h(
      'a',
      { class: 'item-row endpoint-row', href: appUrl(`/settings/webhooks/${endpoint.id}`) },
      h(
        'span',
        { class: 'item-main' },
        h('strong', { class: 'endpoint-url' }, endpoint.url),
        endpoint.description && h('span', { class: 'muted small' }, endpoint.description),
        h('span', { class: 'muted small' }, t('webhook.event_count', { count: formatNumber(endpoint.events.length) })),
      ),
      h(
        'span',
        { class: 'item-meta' },
        endpointStateChip(endpoint.state),
        endpoint.consecutiveFailures > 0 && h('span', { class: 'muted small' }, t('webhook.failures', { count: formatNumber(endpoint.consecutiveFailures) })),
      ),
    ),
  );
}

export function mount(root) {
  const secretHost = h('div', { class: 'secret-host' });
  const createPanel = h('div', { class: 'invite-panel', id: 'webhook-create', hidden: true });
  const createToggle = h(
    'button',
    { type: 'button', class: 'button', 'aria-expanded': 'false', 'aria-controls': 'webhook-create' },
    icon('plus', { size: 20 }),
    t('webhook.create_title'),
  );

  async function create(input) {
    const { webhookEndpointCreate: result } = await gql(WEBHOOK_ENDPOINT_CREATE, { input });
    if (result.errors.length) return result.errors;
    createPanel.hidden = true;
    createToggle.setAttribute('aria-expanded', 'false');
    const endpoint = result.webhookEndpoint;
    fill(
      secretHost,
      secretPanel({
        title: t('webhook.secret_title', { url: endpoint.url }),
        secret: result.secret,
        note: t('webhook.secret_usage'),
      }),
      h('p', {}, h('a', { href: appUrl(`/settings/webhooks/${endpoint.id}`) }, t('webhook.open_created'))),
    );
    secretHost.querySelector('input').focus();
    list.load();
    return [];
  }

  async function openCreate() {
    const open = createPanel.hidden;
    createPanel.hidden = !open;
    createToggle.setAttribute('aria-expanded', String(open));
    if (!open) return;
    fill(createPanel, loadingView(2));
    try {
      const { webhookEventTypes } = await gql(WEBHOOK_EVENT_TYPES);
      const form = webhookEndpointForm({ eventTypes: webhookEventTypes, submitLabel: t('webhook.create_submit'), onSubmit: create });
      fill(createPanel, card(t('webhook.create_title'), form));
      form.elements.url.focus();
    } catch (error) {
      fill(createPanel, errorView(error, { retry: () => ((createPanel.hidden = true), openCreate()) }));
    }
  }
  createToggle.addEventListener('click', openCreate);

  const list = pagedList({
    keepRows: true,
    // webhookEndpoints is one list (at most 20 a workspace): one page, no "加载更多".
    fetch: async () => {
      const { webhookEndpoints } = await gql(WEBHOOK_ENDPOINTS);
      return { items: webhookEndpoints, totalCount: webhookEndpoints.length };
    },
    row: endpointRow,
    label: () => t('webhook.list_title'),
    count: (shown) => t('webhook.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'globe', title: t('webhook.empty'), hint: t('webhook.empty_hint') }),
  });

  fill(
    root,
    screenHeader(t('webhook.list_title'), createToggle),
    partnerSections('webhooks'),
    h('p', { class: 'muted' }, t('webhook.intro')),
    secretHost,
    createPanel,
    list.summary,
    list.element,
  );
  list.load();
  return { refresh: () => list.load() };
}
