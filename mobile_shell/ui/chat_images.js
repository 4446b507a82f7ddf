/**
 * Pictures for the next message: chosen from the camera or the gallery, each sent at once to
 * POST /messaging/images/ for this conversation (the server checks type and size and makes the
 * thumbnail), shown as a thumbnail that can be taken off again; the message then names them
 * (imageIds). At most nine a message, as the server allows. Like check-in photos, pictures never
 * wait in the outbox: offline the button says so.
 */

import { isOnline } from '../core/connectivity.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { icon } from './icons.js';
import { postForm } from './shipping_common.js';
import { errorText } from './states.js';

export const MAX_IMAGES = 9;
const UPLOAD_URL = '/messaging/images/';

/** imageTray(conversationId) → { button, element, ids(), settled(), clear() }. */
export function imageTray(conversationId) {
  const state = { items: [], uploads: new Set() };
  const input = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/gif', multiple: true, class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true', 'aria-label': t('chat.add_images'), dataset: { testid: 'chat-image-input' } });
  const button = h('button', { type: 'button', class: 'button button-quiet chat-image-button', 'aria-label': t('chat.add_images') }, icon('plus', { size: 18 }), h('span', { class: 'chat-image-label' }, t('chat.images')));
  const status = h('p', { class: 'hint chat-image-status', role: 'status' });
  const list = h('ul', { class: 'chat-image-tray', 'aria-label': t('chat.images_chosen') });
  const element = h('div', { class: 'chat-image-box' }, input, list, status);

  function draw(notice = '') {
    list.hidden = !state.items.length;
    fill(
      list,
      state.items.map((item, index) =>
        h(
          'li',
          { class: 'chat-image-tile', dataset: { state: item.state } },
          h('img', { src: item.image?.thumbnailUrl || item.preview, alt: t('chat.image_alt', { n: formatNumber(index + 1) }), width: 56, height: 56 }),
          h('button', { type: 'button', class: 'chat-image-remove', 'aria-label': t('chat.image_remove', { n: formatNumber(index + 1) }), onclick: () => remove(item) }, '×'),
        ),
      ),
    );
    status.textContent = notice;
  }

  function remove(item) {
    state.items = state.items.filter((one) => one !== item);
    if (item.preview) URL.revokeObjectURL(item.preview);
    draw();
  }

  async function upload(file) {
    const item = { state: 'uploading', preview: URL.createObjectURL(file), image: null };
    state.items.push(item);
    draw(t('chat.image_uploading'));
    const form = new FormData();
    form.append('conversationId', conversationId);
    form.append('file', file);
    try {
      const body = await postForm(UPLOAD_URL, form);
      if (body.errors?.length) throw body.errors[0];
      item.image = body.image;
      item.state = 'ready';
      draw();
    } catch (error) {
      remove(item);
      draw(errorText(error));
    }
  }

  button.addEventListener('click', () => {
    if (!isOnline()) return draw(t('chat.image_offline'));
    input.click();
  });
  input.addEventListener('change', () => {
    const files = [...input.files].slice(0, MAX_IMAGES - state.items.length);
    if (input.files.length > files.length) draw(t('chat.image_limit', { max: formatNumber(MAX_IMAGES) }));
    input.value = '';
    for (const file of files) {
      const running = upload(file).finally(() => state.uploads.delete(running));
      state.uploads.add(running);
    }
  });
  draw();
  return {
    button,
    element,
    ids: () => state.items.filter((item) => item.image).map((item) => item.image.id),
    settled: () => Promise.all([...state.uploads]),
    clear: () => {
      state.items.forEach((item) => item.preview && URL.revokeObjectURL(item.preview));
      state.items = [];
      draw();
    },
  };
}
