/**
 * Photos at a check-in (拍照): the camera (or the gallery), each photo sent at once to
 * POST /fieldsales/photos/ for the chosen customer and shown as a thumbnail of the served,
 * watermarked JPEG; the check-in then names the uploaded photos (photoIds). And a visit's photos
 * as thumbnails, a photo that looks like one of another visit flagged 重复照片.
 *
 * Photos never wait in the outbox: a queued check-in is a few hundred bytes, nine photos are
 * megabytes the phone would carry around for hours. Offline the button says so and the rep
 * checks in without them.
 */

import { on } from '../core/events.js';
import { isOnline } from '../core/connectivity.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { icon } from './icons.js';
import { postForm } from './shipping_common.js';
import { errorText } from './states.js';

// The check-in takes at most nine photos (saas/fieldsales/photo_services.py).
export const MAX_PHOTOS = 9;
const UPLOAD_URL = '/fieldsales/photos/';

/** The visit's photos as thumbnails linking to the full photo; null without any. */
export function photoStrip(photos) {
  if (!photos?.length) return null;
  return h(
    'ul',
    { class: 'visit-photos', 'aria-label': t('field.photos') },
    photos.map((photo, index) =>
      h(
        'li',
        { class: 'visit-photo', dataset: { photoId: photo.id, reused: String(!!photo.reused) } },
        h(
          'a',
          { href: photo.url, target: '_blank', rel: 'noopener' },
          h('img', { src: photo.thumbnailUrl || photo.url, alt: t(photo.reused ? 'field.photo_alt_reused' : 'field.photo_alt', { n: formatNumber(index + 1) }), width: 72, height: 72, loading: 'lazy', decoding: 'async' }),
        ),
        photo.reused && h('span', { class: 'visit-photo-flag', 'aria-hidden': 'true' }, t('field.photo_reused')),
      ),
    ),
  );
}

// The phone's time of the photo: a camera shot's file is written when it is taken.
function capturedAt(file) {
  const now = Date.now();
  const taken = Number.isFinite(file.lastModified) && file.lastModified > 0 && file.lastModified <= now ? file.lastModified : now;
  return new Date(taken).toISOString();
}

/**
 * The 拍照 control of the check-in form. Returns { element, setCustomer(customer), settled(),
 * ids(), clear() }: photos are taken for the chosen customer only (another customer's photos
 * cannot be named in this check-in, so changing the customer drops them); settled() resolves when
 * no upload is running; ids() are the uploaded photos' ids in the order taken.
 */
export function photoPicker() {
  const state = { customer: null, items: [], uploads: new Set(), notice: '' };
  let counter = 0;
  const input = h('input', { type: 'file', name: 'photos', accept: 'image/*', capture: 'environment', multiple: true, class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true', 'aria-label': t('field.photo_take'), dataset: { testid: 'field-photo-input' } });
  const take = h('button', { type: 'button', class: 'button button-quiet field-photo-take' }, icon('plus', { size: 18 }), t('field.photo_take'));
  const status = h('p', { class: 'hint field-photo-status', role: 'status' });
  const list = h('ul', { class: 'visit-photos field-photo-list', 'aria-label': t('field.photos') });
  const element = h('div', { class: 'field field-photos', dataset: { field: 'photoIds' } }, h('span', { class: 'field-label' }, t('field.photos_label')), h('div', { class: 'field-photo-row' }, take, input), list, status, h('p', { class: 'field-error', hidden: true }));

  function hint() {
    if (state.notice) return state.notice;
    if (!state.customer) return t('field.photo_pick_customer');
    if (!isOnline()) return t('field.photo_offline');
    return t('field.photo_hint', { max: formatNumber(MAX_PHOTOS) });
  }

  function tile(item) {
    const remove = h('button', { type: 'button', class: 'visit-photo-remove', 'aria-label': t('field.photo_remove', { n: formatNumber(state.items.indexOf(item) + 1) }) }, '×');
    remove.addEventListener('click', () => {
      state.items = state.items.filter((one) => one !== item);
      if (item.preview) URL.revokeObjectURL(item.preview);
      state.notice = '';
      draw();
      take.focus();
    });
    const source = item.photo ? item.photo.thumbnailUrl || item.photo.url : item.preview;
    return h(
      'li',
      { class: `visit-photo visit-photo-${item.status}`, dataset: { status: item.status, photoId: item.photo?.id } },
      source && h('img', { src: source, alt: t('field.photo_alt', { n: formatNumber(state.items.indexOf(item) + 1) }), width: 72, height: 72 }),
      item.status === 'uploading' && h('span', { class: 'visit-photo-flag visit-photo-busy' }, t('field.photo_uploading')),
      item.status === 'failed' && h('span', { class: 'visit-photo-flag' }, t('field.photo_failed')),
      item.status !== 'uploading' && remove,
    );
  }

  function draw() {
    const failed = state.items.filter((item) => item.status === 'failed');
    fill(list, state.items.map(tile));
    list.hidden = !state.items.length;
    take.disabled = !state.customer || !isOnline() || state.items.length >= MAX_PHOTOS;
    fill(status, hint(), failed.length ? ` ${failed.map((item) => item.error).filter((text, index, all) => all.indexOf(text) === index).join(' ')}` : '');
  }

  async function upload(item, customer) {
    const data = new FormData();
    data.append('file', item.file);
    data.append('customerId', customer.id);
    data.append('capturedAt', capturedAt(item.file));
    try {
      const body = await postForm(UPLOAD_URL, data);
      if (body.errors?.length || !body.photo) throw body.errors?.[0] || { code: 'http_error' };
      if (state.customer?.id !== customer.id || !state.items.includes(item)) return; // dropped meanwhile
      // The same bytes again answer with the first photo: keep it once.
      if (state.items.some((one) => one !== item && one.photo?.id === body.photo.id)) {
        state.items = state.items.filter((one) => one !== item);
        state.notice = t('field.photo_again');
      } else {
        item.photo = body.photo;
        item.status = 'done';
      }
    } catch (error) {
      item.status = 'failed';
      item.error = error.isTransport ? t('field.photo_offline') : errorText(error);
    } finally {
      if (item.preview && item.status !== 'failed') {
        URL.revokeObjectURL(item.preview);
        item.preview = null;
      }
    }
    draw();
  }

  input.addEventListener('change', () => {
    const files = [...input.files];
    input.value = ''; // the same photo may be chosen again after a failure
    const customer = state.customer;
    if (!files.length || !customer) return;
    state.notice = '';
    if (!isOnline()) {
      state.notice = t('field.photo_offline');
      draw();
      return;
    }
    const room = MAX_PHOTOS - state.items.length;
    if (files.length > room) state.notice = t('field.photo_too_many', { max: formatNumber(MAX_PHOTOS) });
    for (const file of files.slice(0, Math.max(room, 0))) {
      counter += 1;
      const item = { key: counter, file, status: 'uploading', photo: null, preview: URL.createObjectURL(file), error: '' };
      state.items.push(item);
      const running = upload(item, customer);
      state.uploads.add(running);
      running.finally(() => state.uploads.delete(running));
    }
    draw();
  });
  take.addEventListener('click', () => input.click());
  const stop = on('connectivity:changed', () => draw());

  function clear() {
    for (const item of state.items) if (item.preview) URL.revokeObjectURL(item.preview);
    state.items = [];
    state.notice = '';
    draw();
  }

  function setCustomer(customer) {
    const changed = (customer?.id || null) !== (state.customer?.id || null);
    if (changed && state.items.length) {
      clear();
      state.notice = t('field.photo_dropped');
    }
    state.customer = customer;
    draw();
  }

  draw();
  return {
    element,
    setCustomer,
    clear,
    stop,
    settled: async () => {
      while (state.uploads.size) await Promise.allSettled([...state.uploads]);
    },
    ids: () => state.items.filter((item) => item.status === 'done').map((item) => item.photo.id),
  };
}
