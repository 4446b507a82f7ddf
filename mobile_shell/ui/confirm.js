/**
 * A confirmation dialog (<dialog> with showModal: focus is trapped inside and Escape cancels).
 * Used instead of window.confirm, which blocks the page and cannot be styled or translated.
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';

export function confirmDialog({ title, message, confirmLabel, danger = false }) {
  return new Promise((resolve) => {
    const titleId = `dialog-title-${Date.now()}`;
    const dialog = h(
      'dialog',
      { class: 'dialog', 'aria-labelledby': titleId },
      h(
        'form',
        { method: 'dialog' },
        h('h2', { id: titleId }, title),
        message && h('p', {}, message),
        h(
          'div',
          { class: 'dialog-actions' },
          h('button', { class: 'button button-quiet', value: 'cancel', type: 'submit' }, t('action.cancel')),
          h('button', { class: danger ? 'button button-danger' : 'button', value: 'ok', type: 'submit' }, confirmLabel),
        ),
      ),
    );
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
