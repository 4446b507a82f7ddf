/**
 * Choosing a customer's tags (标签) as chips that toggle, with a box to make a new tag on the
 * spot (customerTagCreate; anyone who works with customers may). Used by the new-customer form,
 * the tag editor of a customer, and the list's tag filter (without the new-tag box).
 */

import { CUSTOMER_TAG_CREATE } from '../api/customers.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { busy } from './form.js';
import { errorText } from './states.js';

/**
 * { element, selected() } for `tags` ([{id, name, color}]), with the ids in `chosen` checked.
 * onChange(ids) after each toggle; allowCreate adds the new-tag box (not a nested <form>: the
 * picker usually sits inside one, so Enter in the box makes the tag instead of sending it).
 */
export function tagPicker({ tags, chosen = [], legend = t('customer.tags'), name = 'tagIds', allowCreate = true, onChange = null }) {
  const known = [...tags];
  const picked = new Set(chosen.map(String));
  const chips = h('div', { class: 'roles tag-choices' });
  const error = h('p', { class: 'field-error', hidden: true, role: 'alert' });

  function drawChips() {
    fill(
      chips,
      known.length
        ? known.map((tag) =>
            h(
              'label',
              { class: 'choice tag-choice', dataset: { tag: tag.name } },
              h('input', {
                type: 'checkbox',
                name: `${name}-choice`,
                value: tag.id,
                checked: picked.has(tag.id),
                onchange: (event) => {
                  if (event.target.checked) picked.add(tag.id);
                  else picked.delete(tag.id);
                  if (onChange) onChange([...picked]);
                },
              }),
              tag.name,
            ),
          )
        : h('p', { class: 'muted small' }, t('customer.tags_none')),
    );
  }

  let creator = null;
  if (allowCreate) {
    const inputId = `new-tag-${Math.random().toString(36).slice(2, 8)}`;
    const input = h('input', { id: inputId, type: 'text', maxlength: 30, autocomplete: 'off', enterkeyhint: 'done' });
    const add = h('button', { type: 'button', class: 'button button-quiet button-small' }, t('customer.tag_create'));
    const create = () => {
      const text = input.value.trim();
      error.hidden = true;
      if (!text) return input.focus();
      const existing = known.find((tag) => tag.name === text);
      if (existing) {
        picked.add(existing.id);
        input.value = '';
        drawChips();
        return onChange && onChange([...picked]);
      }
      return busy(add, async () => {
        try {
          const { customerTagCreate: result } = await gql(CUSTOMER_TAG_CREATE, { name: text });
          if (result.errors.length) {
            error.textContent = errorText(result.errors[0]);
            error.hidden = false;
            return;
          }
          known.push(result.tag);
          known.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
          picked.add(result.tag.id);
          input.value = '';
          drawChips();
          if (onChange) onChange([...picked]);
        } catch (failure) {
          error.textContent = errorText(failure);
          error.hidden = false;
        }
      });
    };
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      create();
    });
    add.addEventListener('click', create);
    creator = h('div', { class: 'field new-tag' }, h('label', { for: inputId }, t('customer.tag_new')), h('div', { class: 'scan-row' }, input, add));
  }

  drawChips();
  const element = h('fieldset', { class: 'field choice-group', dataset: { field: name } }, h('legend', {}, legend), chips, creator, error);
  return { element, selected: () => [...picked] };
}
