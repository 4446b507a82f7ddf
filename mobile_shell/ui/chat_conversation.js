/**
 * One conversation, live: its history (the latest page, "更早的消息" pages back), new messages,
 * recalls and read receipts as they happen over the `messages` subscription, and the composer
 * (text, pictures). Used by the chat screen and, for an order's thread, by the order pages.
 *
 * Messages are never lost or doubled: each send carries a clientId made when it is written, so
 * a resend after a lost answer is the same message; the subscription resumes after the last
 * cursor seen (on every reconnect too), and messages are kept by id, so a message that arrives
 * both live and as the send's answer is shown once. What the person sees is marked read.
 */

import { CONVERSATION, CONVERSATION_MARK_READ, CONVERSATION_MESSAGES, CONVERSATION_MUTE, LIVE_MESSAGES, MESSAGE_RECALL, MESSAGE_SEND } from '../api/messaging.js';
import { gql } from '../core/graphql.js';
import { liveSubscribe } from '../core/realtime.js';
import { session } from '../core/session.js';
import { navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { imageTray } from './chat_images.js';
import { messageBubble } from './chat_message.js';
import { fill, h } from './element.js';
import { PASTE_KEY } from './paste_order.js';
import { newKey } from './quantity.js';
import { errorText, errorView, loadingView } from './states.js';
import { toast } from './toast.js';

const PAGE = 30;

/** A conversation's name for its header and the list: title, the other person, or the order. */
export function conversationName(conversation, me) {
  if (conversation.kind === 'THREAD' && conversation.quotationId) return t('chat.quote_thread_title', { number: conversation.subjectNumber || conversation.quotationId });
  if (conversation.kind === 'THREAD') return t('chat.thread_title', { number: conversation.order?.number || conversation.subjectNumber || conversation.orderId });
  if (conversation.title) return conversation.title;
  const others = conversation.participants.filter((one) => one.userId !== me);
  return others.map((one) => one.name).join('、') || t('chat.only_you');
}

/**
 * conversationView({ id, compact }) → { element, unmount() }. `compact`: inside another page
 * (an order's thread): no header of its own, a shorter history.
 */
export function conversationView({ id, compact = false, onRead = () => {} }) {
  const me = String(session().user?.id || '');
  const state = { conversation: null, messages: new Map(), pending: [], cursor: 0, hasMore: false, readSent: 0, stopLive: null, gone: false };
  const header = h('div', { class: 'chat-header' });
  const older = h('button', { type: 'button', class: 'button button-quiet button-small chat-older', hidden: true }, t('chat.older'));
  const list = h('ol', { class: 'chat-messages', 'aria-label': t('chat.messages'), 'aria-live': 'polite' });
  const scroller = h('div', { class: 'chat-scroll' }, older, list);
  const text = h('textarea', { name: 'text', rows: 1, maxlength: 2000, class: 'chat-input', 'aria-label': t('chat.write'), placeholder: t('chat.write') });
  const send = h('button', { type: 'submit', class: 'button chat-send' }, t('chat.send'));
  const problem = h('p', { class: 'field-error chat-error', role: 'alert', hidden: true });
  let tray = null;
  const composer = h('form', { class: 'chat-composer', novalidate: true });
  const element = h('div', { class: `chat-conversation${compact ? ' chat-compact' : ''}`, dataset: { conversationId: id } }, h('div', {}, loadingView(3)));

  const others = () => (state.conversation?.participants || []).filter((one) => one.userId !== me);
  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;

  function draw({ stick = false } = {}) {
    const keep = stick || nearBottom();
    const ordered = [...state.messages.values()].sort((a, b) => Number(a.id) - Number(b.id));
    const handlers = { others: others(), onRecall: recall, onOrder: toOrder, onResend: resend };
    fill(list, ordered.map((message) => messageBubble(message, { ...handlers, mine: message.senderId === me })), state.pending.map((message) => messageBubble(message, { ...handlers, mine: true })));
    if (!ordered.length && !state.pending.length) list.append(h('li', { class: 'chat-empty muted' }, t('chat.empty')));
    older.hidden = !state.hasMore;
    if (keep) scroller.scrollTop = scroller.scrollHeight;
  }

  function drawHeader() {
    const conversation = state.conversation;
    const mute = h('button', { type: 'button', class: 'button button-quiet button-small chat-mute', 'aria-pressed': String(conversation.muted) }, t(conversation.muted ? 'chat.unmute' : 'chat.mute'));
    mute.addEventListener('click', async () => {
      try {
        const { conversationMute: result } = await gql(CONVERSATION_MUTE, { id, muted: !conversation.muted });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        conversation.muted = result.conversation.muted;
        return drawHeader();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
    const people = conversation.participants.map((one) => one.name).join('、');
    fill(
      header,
      h('div', { class: 'item-main' }, !compact && h('h2', { class: 'chat-title' }, conversationName(conversation, me)), h('span', { class: 'muted small chat-people' }, t('chat.people', { names: people }))),
      mute,
    );
  }

  function keep(message) {
    state.messages.set(message.id, message);
    state.cursor = Math.max(state.cursor, Number(message.cursor || 0));
    state.pending = state.pending.filter((one) => one.clientId !== message.clientId || !message.clientId);
  }

  // Marks what is shown as read, once per new last message from someone else.
  async function markRead() {
    const last = [...state.messages.keys()].map(Number).reduce((a, b) => Math.max(a, b), 0);
    if (!last || last <= state.readSent || document.visibilityState !== 'visible') return;
    state.readSent = last;
    try {
      await gql(CONVERSATION_MARK_READ, { id, messageId: String(last) });
      onRead(id);
    } catch {
      state.readSent = 0; // tried again with the next message or visit
    }
  }

  function live(data) {
    const event = data.messages;
    if (!event || event.conversationId !== id) return;
    if (event.kind === 'READ') {
      const who = state.conversation.participants.find((one) => one.userId === event.readerId);
      if (who) who.lastReadMessageId = event.lastReadMessageId;
      return draw();
    }
    if (event.message) keep(event.message);
    draw();
    return markRead();
  }

  async function loadOlder() {
    const first = [...state.messages.keys()].map(Number).reduce((a, b) => Math.min(a, b), Infinity);
    const height = scroller.scrollHeight;
    try {
      const { conversationMessages: page } = await gql(CONVERSATION_MESSAGES, { id, before: String(first), limit: PAGE });
      page.items.forEach(keep);
      state.hasMore = page.hasMore;
      draw();
      scroller.scrollTop = scroller.scrollHeight - height; // stay on the message that was first
    } catch (error) {
      toast(errorText(error), { kind: 'error' });
    }
  }

  async function deliver(message) {
    message.pending = 'sending';
    draw({ stick: true });
    try {
      const input = { conversationId: id, clientId: message.clientId, text: message.text || null, imageIds: message.imageIds };
      const { messageSend: result } = await gql(MESSAGE_SEND, { input });
      if (result.errors.length) {
        state.pending = state.pending.filter((one) => one !== message);
        if (!text.value) text.value = message.text || ''; // refused: the words come back to be fixed
        problem.textContent = errorText(result.errors[0]);
        problem.hidden = false;
        return draw();
      }
      keep(result.message);
    } catch {
      message.pending = 'failed'; // the same clientId on 重发: never two messages
    }
    return draw({ stick: true });
  }

  function resend(message) {
    return deliver(message);
  }

  async function recall(message) {
    try {
      const { messageRecall: result } = await gql(MESSAGE_RECALL, { id: message.id });
      if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
      keep(result.message);
      return draw();
    } catch (error) {
      return toast(errorText(error), { kind: 'error' });
    }
  }

  function toOrder(message) {
    sessionStorage.setItem(PASTE_KEY, message.text);
    navigate('/orders/new?paste=1');
  }

  composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.hidden = true;
    await tray.settled();
    const words = text.value.trim();
    const imageIds = tray.ids();
    if (!words && !imageIds.length) return;
    const message = { clientId: newKey('message'), text: words, imageIds, images: [], senderName: '', createdAt: null };
    state.pending.push(message);
    text.value = '';
    tray.clear();
    await deliver(message);
  });
  text.addEventListener('keydown', (event) => {
    // Enter sends on a keyboard; Shift+Enter (and the phone's return key with IME) is a new line.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && matchMedia('(hover: hover)').matches) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  older.addEventListener('click', loadOlder);
  const visible = () => markRead();
  document.addEventListener('visibilitychange', visible);

  async function load() {
    try {
      const [{ conversation }, { conversationMessages: page }] = await Promise.all([gql(CONVERSATION, { id }), gql(CONVERSATION_MESSAGES, { id, limit: compact ? 20 : PAGE })]);
      if (state.gone) return;
      state.conversation = conversation;
      page.items.forEach(keep);
      state.hasMore = page.hasMore;
      tray = imageTray(id);
      fill(composer, problem, tray.element, h('div', { class: 'chat-compose-row' }, tray.button, text, send));
      fill(element, header, scroller, composer);
      drawHeader();
      draw({ stick: true });
      // From the last cursor seen (0: from the start of an empty conversation), on each connection.
      state.stopLive = liveSubscribe(LIVE_MESSAGES, () => ({ conversationId: id, after: String(state.cursor) }), live);
      markRead();
    } catch (error) {
      fill(element, errorView(error, { retry: load }));
    }
  }

  load();
  return {
    element,
    unmount() {
      state.gone = true;
      state.stopLive?.();
      document.removeEventListener('visibilitychange', visible);
    },
  };
}
