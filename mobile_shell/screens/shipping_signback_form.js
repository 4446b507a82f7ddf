/**
 * Recording one sign-back (签回): for a shipment of the order that is out with the customer,
 * a photo of the signed delivery note (the phone's camera opens straight away where it can) or
 * the customer's signature drawn on the screen, the time it was signed (now by default, in the
 * workspace's time zone), and — if the person allows it — where. Sent as one multipart POST to
 * /shipping/shipments/<id>/sign-back/ with an idempotency key; when it was the order's last
 * open shipment the order is completed, which the screen then shows.
 */

import { SIGNBACK_ORDER } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { session } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { newKey } from '../ui/quantity.js';
import { orderStatusChip, postForm, shipmentStatusChip } from '../ui/shipping_common.js';
import { signaturePad } from '../ui/signature_pad.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const MAX_PHOTOS = 5;

/** "2026-05-18T14:30" now in the workspace's time zone: what a datetime-local field shows. */
function workspaceNow() {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: session().tenant?.timeZone || undefined,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date());
  const get = (type) => parts.find((part) => part.type === type)?.value || '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** The device's position, or null (no permission, no fix within a few seconds). */
function position() {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    return navigator.geolocation.getCurrentPosition(
      (found) => resolve(found.coords),
      () => resolve(null),
      { enableHighAccuracy: false, timeout: 8000, maximumAge: 60000 },
    );
  });
}

async function locationAllowed() {
  if (!navigator.geolocation) return false;
  try {
    const status = await navigator.permissions?.query({ name: 'geolocation' });
    return status ? status.state !== 'denied' : true;
  } catch {
    return true;
  }
}

function signedCard(result) {
  const { shipment, order } = result;
  return h(
    'section',
    { class: 'card signback-done', role: 'status', dataset: { shipment: shipment.number, orderStatus: order.status } },
    h('h2', { class: 'card-title' }, t('signback.done', { number: shipment.number })),
    facts([
      [t('signback.order'), order.number],
      [t('signback.order_status'), orderStatusChip(order.status)],
      [t('signback.signed_at'), shipment.signedAt ? formatDate(shipment.signedAt, { dateStyle: 'medium', timeStyle: 'short' }) : '—'],
    ]),
    h(
      'div',
      { class: 'roles signback-proofs' },
      shipment.proofs.map((proof, index) =>
        h('img', { src: proof.url, alt: t(proof.kind === 'signature' ? 'signback.proof_signature' : 'signback.proof_photo', { n: index + 1 }), style: { maxWidth: '120px', maxHeight: '120px', border: '1px solid var(--line)', borderRadius: 'var(--radius)' } }),
      ),
    ),
    h('a', { href: appUrl('/shipping/signback'), class: 'button button-quiet button-small' }, t('signback.back')),
  );
}

export function mount(root, { params }) {
  const body = h('div', {});
  const back = h('a', { href: appUrl('/shipping/signback'), class: 'button button-quiet' }, t('signback.title'));
  const doneSlot = h('div', { 'aria-live': 'polite' });

  function photoField() {
    const wrapper = field({ name: 'file', label: t('signback.photo'), type: 'file', accept: 'image/*', capture: 'environment', multiple: true, hint: t('signback.photo_hint') });
    const input = wrapper.querySelector('input');
    const thumbs = h('div', { class: 'roles signback-thumbs' });
    const urls = [];
    input.addEventListener('change', () => {
      urls.splice(0).forEach((url) => URL.revokeObjectURL(url));
      fill(
        thumbs,
        [...input.files].slice(0, MAX_PHOTOS).map((file, index) => {
          const url = URL.createObjectURL(file);
          urls.push(url);
          return h('img', { src: url, alt: t('signback.proof_photo', { n: index + 1 }), style: { maxWidth: '96px', maxHeight: '96px', borderRadius: 'var(--radius)' } });
        }),
      );
    });
    wrapper.append(thumbs);
    return wrapper;
  }

  function draw(order) {
    const header = screenHeader(t('signback.form_title', { number: order.number }), back);
    const info = card(
      null,
      h('p', {}, orderStatusChip(order.status), ' ', order.signbackOverdue && h('span', { class: 'chip chip-bad' }, t('signback.overdue'))),
      facts([
        [t('shipform.customer'), order.customerName],
        [t('shipform.receiver'), [order.receiver, order.receiverPhone].filter(Boolean).join(' ')],
        [t('shipform.address'), order.address],
        order.signbackDueDate && [t('signback.due_label'), formatDate(order.signbackDueDate)],
      ]),
    );
    const out = order.shipments.filter((one) => one.status === 'shipped');
    if (!out.length) {
      fill(root, header, doneSlot, info, emptyView({ iconName: 'check', title: t('signback.nothing') }));
      return;
    }
    const describe = (one) => [one.number, one.carrierName, one.trackingNumber, one.shipDate && formatDate(one.shipDate)].filter(Boolean).join(' · ');
    const which = h(
      'fieldset',
      { class: 'field choice-group', dataset: { field: 'shipmentId' } },
      h('legend', {}, t('signback.shipment')),
      out.map((one, index) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'shipmentId', value: one.id, checked: index === 0 }), describe(one), ' ', shipmentStatusChip(one.status))),
      h('p', { class: 'field-error', hidden: true }),
    );
    const pad = signaturePad();
    const signature = h('fieldset', { class: 'field' }, h('legend', {}, t('signback.signature_legend')), pad.element);
    const where = h('input', { type: 'checkbox', name: 'withLocation', checked: true });
    const whereRow = h('label', { class: 'check-row', hidden: true }, where, t('signback.with_location'));
    locationAllowed().then((allowed) => {
      whereRow.hidden = !allowed;
    });
    const submit = h('button', { type: 'submit', class: 'button' }, t('signback.submit'));
    const key = newKey('signback');
    const form = h(
      'form',
      { class: 'signback-form', novalidate: true, 'aria-label': t('signback.form_title', { number: order.number }) },
      formError(),
      which,
      photoField(),
      signature,
      field({ name: 'signedAt', label: t('signback.signed_at'), type: 'datetime-local', value: workspaceNow(), max: workspaceNow() }),
      field({ name: 'note', label: t('signback.note'), autocomplete: 'off', maxlength: 200 }),
      whereRow,
      h('div', { class: 'form-actions sticky-actions' }, submit),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      const photos = [...form.elements.file.files];
      if (!photos.length && pad.isEmpty()) return showErrors(form, [{ field: 'file', code: 'proof_required' }]);
      if (photos.length > MAX_PHOTOS) return showErrors(form, [{ field: 'file', code: 'too_many_files' }]);
      const shipmentId = form.querySelector('input[name="shipmentId"]:checked')?.value || out[0].id;
      return busy(submit, async () => {
        try {
          const data = new FormData();
          photos.forEach((photo) => data.append('file', photo));
          if (!pad.isEmpty()) data.append('signature', pad.toDataURL());
          data.append('signedAt', form.elements.signedAt.value);
          data.append('note', form.elements.note.value.trim());
          data.append('idempotencyKey', key);
          if (!whereRow.hidden && where.checked) {
            const coords = await position();
            if (coords) {
              data.append('latitude', coords.latitude.toFixed(6));
              data.append('longitude', coords.longitude.toFixed(6));
            }
          }
          const result = await postForm(`/shipping/shipments/${encodeURIComponent(shipmentId)}/sign-back/`, data);
          if (result.errors?.length) {
            return showErrors(form, result.errors.map((error) => (['signature', 'signaturePng'].includes(error.field) ? { ...error, field: null } : error)));
          }
          toast(t('signback.done', { number: result.shipment.number }), { kind: 'success' });
          fill(doneSlot, signedCard(result));
          return load({ keepDone: true });
        } catch (error) {
          return showErrors(form, [error]);
        }
      });
    });
    fill(root, header, doneSlot, info, form);
  }

  async function load({ keepDone = false } = {}) {
    const done = keepDone ? doneSlot.firstChild : null;
    if (!keepDone) {
      fill(root, screenHeader(t('signback.title'), back), body);
      fill(body, loadingView(4));
    }
    try {
      const { shippingOrder } = await gql(SIGNBACK_ORDER, { id: params.id });
      draw(shippingOrder);
      if (done) fill(doneSlot, done);
    } catch (error) {
      fill(body, errorView(error, { retry: () => load() }));
      if (keepDone) fill(root, screenHeader(t('signback.title'), back), doneSlot, body);
    }
  }
  load();
  return {};
}
