/**
 * One message of a conversation as a bubble: the sender (others' only), the text, the
 * pictures as thumbnails opening the full picture, an order card, the time; a recalled message
 * is one grey line. The person's own messages show whether they were read (已读 for two people,
 * "n 人已读" in a group), 撤回 while the two minutes last, and a message still on its way says so
 * (发送中, or 重发 after a failure). A message with text offers 下单 to people who take orders: its
 * words open the order entry's paste-to-order, read as draft lines.
 */

import { hasRole, hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import { h } from './element.js';

export const RECALL_WINDOW_MS = 2 * 60 * 1000; // saas/messaging/message_services.py

/** A message's order card: a link to the order when the viewer may see it. */
export function orderCard(card) {
  if (!card) return null;
  if (!card.available) return h('p', { class: 'chat-order-card muted small', dataset: { available: 'false' } }, t('chat.order_unavailable'));
  const path = hasRole('distributor') ? `/portal/orders/${card.orderId}` : `/orders/${card.orderId}`;
  return h(
    'a',
    { class: 'chat-order-card', href: appUrl(path), dataset: { available: 'true', orderId: card.orderId } },
    h('strong', {}, card.number),
    h('span', { class: 'muted small' }, [card.customerName, card.status && t(`order.status.${card.status.toLowerCase()}`)].filter(Boolean).join(' · ')),
  );
}

function images(list) {
  if (!list?.length) return null;
  return h(
    'div',
    { class: 'chat-images' },
    list.map((image, index) =>
      h(
        'a',
        { href: image.url, target: '_blank', rel: 'noopener', class: 'chat-image', 'aria-label': t('chat.image_alt', { n: formatNumber(index + 1) }) },
        h('img', { src: image.thumbnailUrl, alt: t('chat.image_alt', { n: formatNumber(index + 1) }), loading: 'lazy', decoding: 'async', width: Math.min(160, image.width), height: Math.round(Math.min(160, image.width) * (image.height / Math.max(1, image.width))) }),
      ),
    ),
  );
}

/** "已读" / "未读" for two people; "n 人已读" in a group or thread. */
function receipt(message, others) {
  if (!others.length) return null;
  const read = others.filter((one) => Number(one.lastReadMessageId || 0) >= Number(message.id)).length;
  const text = others.length === 1 ? t(read ? 'chat.read' : 'chat.unread') : t('chat.read_by', { n: formatNumber(read), total: formatNumber(others.length) });
  return h('span', { class: 'chat-receipt small', dataset: { read: String(read), of: String(others.length) } }, text);
}

/**
 * messageBubble(message, { mine, others, onRecall, onOrder, onResend }) → <li>. A pending
 * message (not yet on the server) has `pending: 'sending' | 'failed'` and no id.
 */
export function messageBubble(message, { mine, others = [], onRecall, onOrder, onResend }) {
  const data = { messageId: message.id || '', clientId: message.clientId || '', mine: String(mine) };
  if (message.recalled) {
    return h('li', { class: 'chat-message chat-recalled', dataset: data }, h('p', { class: 'muted small' }, mine ? t('chat.you_recalled') : t('chat.recalled_by', { name: message.senderName })));
  }
  const actions = [];
  if (message.pending === 'sending') actions.push(h('span', { class: 'chat-pending small' }, t('chat.sending')));
  if (message.pending === 'failed') {
    actions.push(h('span', { class: 'chat-failed small', role: 'alert' }, t('chat.failed')), h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => onResend(message) }, t('chat.resend')));
  }
  if (!message.pending && mine) {
    actions.push(receipt(message, others));
    if (Date.now() - new Date(message.createdAt).getTime() < RECALL_WINDOW_MS) {
      actions.push(h('button', { type: 'button', class: 'button button-quiet button-small chat-recall', onclick: () => onRecall(message) }, t('chat.recall')));
    }
  }
  if (!message.pending && message.text && hasScope('orders.edit')) {
    actions.push(h('button', { type: 'button', class: 'button button-quiet button-small chat-to-order', 'aria-label': t('chat.to_order_named', { name: message.senderName }), onclick: () => onOrder(message) }, t('chat.to_order')));
  }
  return h(
    'li',
    { class: `chat-message${mine ? ' chat-mine' : ''}`, dataset: data },
    !mine && h('span', { class: 'chat-sender small muted' }, message.senderName),
    h(
      'div',
      { class: 'chat-bubble' },
      message.text && h('p', { class: 'chat-text' }, message.text),
      images(message.images),
      orderCard(message.order),
    ),
    h('div', { class: 'chat-meta' }, message.createdAt && h('time', { class: 'muted small', datetime: message.createdAt }, formatDateTime(message.createdAt)), actions),
  );
}
