/**
 * One webhook endpoint (/settings/webhooks/:id, where the "endpoint switched off" notification
 * leads; owners and admins): its facts and state, changing it, switching it off and on (a
 * failing one resumes and sends what was held), a new signing secret shown once, removing it,
 * sending a time range again, and its delivery log with each delivery's attempts and Redeliver.
 */

import {
  WEBHOOK_ENDPOINT,
  WEBHOOK_ENDPOINT_DELETE,
  WEBHOOK_ENDPOINT_REPLAY,
  WEBHOOK_ENDPOINT_ROTATE_SECRET,
  WEBHOOK_ENDPOINT_UPDATE,
  WEBHOOK_EVENT_TYPES,
} from '../api/partners.js';
import { gql } from '../core/graphql.js';
import { navigate } from '../core/urls.js';
import { formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { endpointStateChip, eventLabel, onFormFields, partnerSections, secretPanel, workspaceInstant, workspaceNow } from '../ui/partner_common.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';
import { deliveryLog } from '../ui/webhook_deliveries.js';
import { webhookEndpointForm } from '../ui/webhook_endpoint_form.js';

function factsOf(endpoint) {
  return facts([
    [t('webhook.url'), h('span', { class: 'endpoint-url' }, endpoint.url)],
    [t('webhook.state'), endpointStateChip(endpoint.state)],
    [t('webhook.failures_label'), formatNumber(endpoint.consecutiveFailures)],
    endpoint.disabledAt && [t('webhook.disabled_at'), formatDateTime(endpoint.disabledAt)],
    endpoint.nextProbeAt && [t('webhook.next_probe'), formatDateTime(endpoint.nextProbeAt)],
    endpoint.secretRotatedUntil && [t('webhook.rotated_until'), formatDateTime(endpoint.secretRotatedUntil)],
    [t('webhook.description'), endpoint.description || '—'],
    [t('webhook.created_at'), formatDateTime(endpoint.createdAt)],
    [
      t('webhook.event_count', { count: formatNumber(endpoint.events.length) }),
      h('ul', { class: 'plain-list event-names' }, endpoint.events.map((name) => h('li', {}, eventLabel(name), ' ', h('code', { class: 'muted small' }, name)))),
    ],
  ]);
}

/** Since a day ago until the next minute, so what happened in this one is inside [since, until). */
function replayForm(endpoint, onQueued) {
  const submit = h('button', { type: 'submit', class: 'button button-quiet' }, t('webhook.replay_submit'));
  const form = h(
    'form',
    { class: 'replay-form', novalidate: true, 'aria-label': t('webhook.replay_title') },
    formError(),
    h('p', { class: 'muted small' }, t('webhook.replay_hint')),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'since', label: t('webhook.replay_since'), type: 'datetime-local', value: workspaceNow(24 * 60), required: true }),
      field({ name: 'until', label: t('webhook.replay_until'), type: 'datetime-local', value: workspaceNow(-1), required: true }),
    ),
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const since = form.elements.since.value;
    const until = form.elements.until.value;
    const problems = [];
    if (!since) problems.push({ field: 'since', code: 'required' });
    if (!until) problems.push({ field: 'until', code: 'required' });
    if (since && until && since >= until) problems.push({ field: 'since', code: 'range_invalid', message: t('webhook.replay_range_invalid') });
    if (problems.length) return showErrors(form, problems);
    await busy(submit, async () => {
      try {
        const { webhookEndpointReplay: result } = await gql(WEBHOOK_ENDPOINT_REPLAY, {
          id: endpoint.id,
          since: workspaceInstant(since),
          until: workspaceInstant(until),
        });
        if (result.errors.length) return showErrors(form, onFormFields(result.errors));
        toast(t('webhook.replayed', { count: formatNumber(result.queued) }), { kind: 'success' });
        return onQueued();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  });
  return form;
}

export function mount(root, { params }) {
  const secretHost = h('div', { class: 'secret-host' });
  const editHost = h('div', { class: 'invite-panel', hidden: true });
  const head = h('div', {});
  const body = h('div', {}, loadingView(4));
  const current = { endpoint: null };
  const log = deliveryLog({ endpointId: params.id, canRedeliver: () => Boolean(current.endpoint?.enabled) });
  // The section links lead back to the list.
  fill(root, screenHeader(t('webhook.title')), partnerSections('webhooks'), secretHost, head, editHost, body);

  async function send(button, query, variables, pick, done) {
    await busy(button, async () => {
      try {
        const result = pick(await gql(query, variables));
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        return done(result);
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  }

  async function openEdit(endpoint) {
    editHost.hidden = !editHost.hidden;
    if (editHost.hidden) return;
    fill(editHost, loadingView(2));
    try {
      const { webhookEventTypes } = await gql(WEBHOOK_EVENT_TYPES);
      const form = webhookEndpointForm({
        eventTypes: webhookEventTypes,
        endpoint,
        submitLabel: t('action.save'),
        onSubmit: async (input) => {
          const { webhookEndpointUpdate: result } = await gql(WEBHOOK_ENDPOINT_UPDATE, { id: endpoint.id, input });
          if (result.errors.length) return result.errors;
          toast(t('webhook.saved'), { kind: 'success' });
          editHost.hidden = true;
          draw(result.webhookEndpoint);
          return [];
        },
      });
      fill(editHost, card(t('webhook.edit_title'), form));
      form.elements.url.focus();
    } catch (error) {
      fill(editHost, errorView(error));
    }
  }

  function actions(endpoint) {
    const edit = h('button', { type: 'button', class: 'button button-quiet' }, t('webhook.edit'));
    edit.addEventListener('click', () => openEdit(endpoint));
    const toggle = h('button', { type: 'button', class: endpoint.enabled ? 'button button-quiet' : 'button' }, t(endpoint.enabled ? 'webhook.disable' : 'webhook.enable'));
    toggle.addEventListener('click', () =>
      send(toggle, WEBHOOK_ENDPOINT_UPDATE, { id: endpoint.id, input: { enabled: !endpoint.enabled } }, (data) => data.webhookEndpointUpdate, (result) => {
        toast(t(result.webhookEndpoint.enabled ? 'webhook.enabled' : 'webhook.disabled'), { kind: 'success' });
        draw(result.webhookEndpoint);
        log.follow();
      }),
    );
    const rotate = h('button', { type: 'button', class: 'button button-quiet' }, t('webhook.rotate'));
    rotate.addEventListener('click', async () => {
      const sure = await confirmDialog({ title: t('webhook.rotate_title'), message: t('webhook.rotate_body'), confirmLabel: t('webhook.rotate') });
      if (!sure) return;
      await send(rotate, WEBHOOK_ENDPOINT_ROTATE_SECRET, { id: endpoint.id }, (data) => data.webhookEndpointRotateSecret, (result) => {
        draw(result.webhookEndpoint);
        const until = result.webhookEndpoint.secretRotatedUntil;
        fill(
          secretHost,
          secretPanel({ title: t('webhook.rotated_secret_title'), secret: result.secret, note: until ? t('webhook.rotated_note', { when: formatDateTime(until) }) : '' }),
        );
        secretHost.querySelector('input').focus();
      });
    });
    const remove = h('button', { type: 'button', class: 'button button-danger-quiet' }, t('webhook.delete'));
    remove.addEventListener('click', async () => {
      const sure = await confirmDialog({ title: t('webhook.delete_title', { url: endpoint.url }), message: t('webhook.delete_body'), confirmLabel: t('webhook.delete'), danger: true });
      if (!sure) return;
      await send(remove, WEBHOOK_ENDPOINT_DELETE, { id: endpoint.id }, (data) => data.webhookEndpointDelete, () => {
        toast(t('webhook.deleted', { url: endpoint.url }), { kind: 'success' });
        navigate('/settings/webhooks');
      });
    });
    return h('div', { class: 'form-actions endpoint-actions' }, edit, toggle, rotate, remove);
  }

  function draw(endpoint) {
    current.endpoint = endpoint;
    fill(
      head,
      h('p', { class: 'subtitle endpoint-url' }, endpoint.url, ' ', endpointStateChip(endpoint.state)),
      endpoint.state === 'failing' && h('p', { class: 'notice', role: 'status' }, t('webhook.failing_notice')),
    );
    fill(
      body,
      h(
        'div',
        { class: 'card-grid' },
        card(t('webhook.facts'), factsOf(endpoint), actions(endpoint)),
        card(t('webhook.replay_title'), replayForm(endpoint, () => log.follow())),
      ),
      card(t('delivery.list_title'), log.element), // the same log, moved: its rows stay
    );
  }

  async function load() {
    try {
      const { webhookEndpoint } = await gql(WEBHOOK_ENDPOINT, { id: params.id });
      if (!webhookEndpoint) {
        fill(head);
        return fill(body, emptyView({ iconName: 'alert', title: t('webhook.not_found'), hint: t('webhook.not_found_hint') }));
      }
      draw(webhookEndpoint);
      return log.follow();
    } catch (error) {
      return fill(body, errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load, unmount: () => log.stop() };
}
