/**
 * A quantity stepper for counting on a phone: − / a decimal field / +, big enough for a thumb.
 * The buttons add or take 1 on whole units (no float drift: decimals are kept to 3 places);
 * typing any decimal works too. onChange(value) runs after every change.
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { decimalInput } from './quantity.js';

let counter = 0;

function stepped(raw, delta) {
  const value = decimalInput(raw);
  const base = value ? Number(value) : 0;
  const next = Math.max(0, Math.round((base + delta) * 1000) / 1000);
  return String(next);
}

export function stepper({ label, value = '', name = 'quantity', onChange = () => {} }) {
  counter += 1;
  const id = `stepper-${counter}`;
  const input = h('input', { id, name, class: 'qty-input stepper-input', inputmode: 'decimal', autocomplete: 'off', value });
  const step = (delta) => {
    input.value = stepped(input.value, delta);
    input.removeAttribute('aria-invalid');
    onChange(input.value);
  };
  input.addEventListener('input', () => onChange(input.value));
  return h(
    'div',
    { class: 'stepper' },
    h('label', { for: id, class: 'visually-hidden' }, label),
    h('button', { type: 'button', class: 'button button-quiet stepper-button', 'aria-label': t('stepper.less'), onclick: () => step(-1) }, '−'),
    input,
    h('button', { type: 'button', class: 'button button-quiet stepper-button', 'aria-label': t('stepper.more'), onclick: () => step(1) }, '+'),
  );
}
