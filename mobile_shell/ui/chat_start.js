/**
 * 发起会话: a dialog to find people by name (chatContacts: colleagues and distributors' people, or
 * for a distributor's person the staff and its own people), tick one for a one-to-one
 * conversation (the existing one opens) or several for a group with a title.
 */

import { CHAT_CONTACTS, CONVERSATION_START } from '../api/messaging.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { errorText } from './states.js';

/** Opens the dialog; resolves with the conversation started, or null when cancelled. */
export function startConversation() {
  return new Promise((resolve) => {
    const chosen = new Map(); // userId → name
    const titleId = `chat-start-${Date.now()}`;
    const results = h('ul', { class: 'item-list chat-contacts', 'aria-label': t('chat.contacts') });
    const picked = h('p', { class: 'muted small chat-picked', role: 'status' });
    const search = field({ name: 'search', label: t('chat.search_people'), type: 'search', autocomplete: 'off' });
    const title = field({ name: 'title', label: t('chat.group_title'), maxlength: 60, autocomplete: 'off' });
    title.hidden = true;
    const start = h('button', { type: 'submit', class: 'button', value: 'start', disabled: true }, t('chat.start'));
    const form = h('form', { class: 'chat-start-form', novalidate: true }, h('h2', { id: titleId }, t('chat.new')), formError(), search, results, picked, title, h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'button button-quiet', value: 'cancel', onclick: () => close(null) }, t('action.cancel')), start));
    const dialog = h('dialog', { class: 'dialog chat-start-dialog', 'aria-labelledby': titleId }, form);
    let timer = 0;
    let asked = 0;

    function close(value) {
      dialog.close();
      dialog.remove();
      resolve(value);
    }

    function drawPicked() {
      picked.textContent = chosen.size ? t('chat.picked', { names: [...chosen.values()].join('、') }) : '';
      title.hidden = chosen.size < 2;
      start.disabled = chosen.size === 0;
    }

    async function find() {
      const ask = ++asked;
      try {
        const { chatContacts } = await gql(CHAT_CONTACTS, { search: search.querySelector('input').value.trim(), limit: 30 });
        if (ask !== asked) return;
        fill(
          results,
          chatContacts.items.length
            ? chatContacts.items.map((person) => {
                const box = h('input', { type: 'checkbox', name: 'people', value: person.userId, checked: chosen.has(person.userId) });
                box.addEventListener('change', () => {
                  if (box.checked) chosen.set(person.userId, person.name);
                  else chosen.delete(person.userId);
                  drawPicked();
                });
                return h('li', {}, h('label', { class: 'item-row chat-contact' }, box, h('span', { class: 'item-main' }, h('strong', {}, person.name), person.distributorName && h('span', { class: 'muted small' }, person.distributorName))));
              })
            : h('li', { class: 'muted' }, t('chat.no_contacts')),
        );
      } catch (error) {
        fill(results, h('li', { class: 'field-error' }, errorText(error)));
      }
    }

    search.querySelector('input').addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(find, 250);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      busy(start, async () => {
        try {
          const input = { participantIds: [...chosen.keys()], title: chosen.size > 1 ? title.querySelector('input').value.trim() || null : null };
          const { conversationStart: result } = await gql(CONVERSATION_START, { input });
          if (result.errors.length) return showErrors(form, result.errors);
          return close(result.conversation);
        } catch (error) {
          return showErrors(form, [error]);
        }
      });
    });
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(null);
    });
    document.body.append(dialog);
    dialog.showModal();
    find();
  });
}
