/**
 * 拜访类型 in 外勤设置 (field.manage): the workspace's visit types, each with the form its reps
 * fill in at such a visit. A type is added or edited as a name and a list of fields — key,
 * label, kind, required, and for choices the options one per line — and archived rather than
 * deleted (visits recorded with it keep it). The server checks the definition (keys, labels,
 * options) and names a problem by its place, `fields.<n>.<part>`: each part of each field is
 * wrapped under that name, so the message lands at the right box.
 */

import { VISIT_KINDS, VISIT_KIND_SAVE } from '../api/field_visits.js';
import { gql } from '../core/graphql.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { textArea } from './customer_fields.js';
import { fill, h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { card } from './layout.js';
import { errorText, errorView, loadingView } from './states.js';
import { toast } from './toast.js';
import { CHOICE_KINDS, FIELD_KINDS } from './visit_form.js';

const MAX_FIELDS = 30;

/** A key no other field of the form has: f1, f2 … (keys are a-z and digits, from a letter). */
function freshKey(rows) {
  const taken = new Set(rows.map((row) => row.key));
  let n = rows.length + 1;
  while (taken.has(`f${n}`)) n += 1;
  return `f${n}`;
}

/** The input the API takes for a type: its fields with the options of choices as a list. */
function saveInput(kind, rows, { name, archived }) {
  return {
    id: kind?.id || null,
    name,
    archived,
    fields: rows.map((row) => ({
      key: row.key.trim(),
      label: row.label.trim(),
      kind: row.kind,
      required: row.required,
      options: CHOICE_KINDS.includes(row.kind) ? row.options.split('\n').map((line) => line.trim()).filter(Boolean) : [],
    })),
  };
}

/** The editor of one type (or a new one): { element }; onDone(saved) when saved or cancelled. */
function kindEditor(kind, { onDone }) {
  const rows = (kind?.fields || []).map((spec) => ({ ...spec, options: spec.options.join('\n') }));
  const fieldsHost = h('div', { class: 'visit-kind-fields' });
  const add = h('button', { type: 'button', class: 'button button-quiet button-small', dataset: { testid: 'visit-kind-add-field' } }, t('fvisit.field_add'));
  const submit = h('button', { type: 'submit', class: 'button', dataset: { testid: 'visit-kind-save' } }, t('action.save'));
  const cancel = h('button', { type: 'button', class: 'button button-quiet', onclick: () => onDone(null) }, t('action.cancel'));
  const form = h(
    'form',
    { class: 'visit-kind-form', novalidate: true, 'aria-label': kind ? t('fvisit.kind_edit_for', { name: kind.name }) : t('fvisit.kind_new') },
    formError(),
    field({ name: 'name', label: t('fvisit.kind_name'), value: kind?.name || '', maxlength: 40, autocomplete: 'off', required: true }),
    h('fieldset', { class: 'field', dataset: { field: 'fields' } }, h('legend', {}, t('fvisit.kind_fields')), h('p', { class: 'field-error', hidden: true }), fieldsHost, add),
    h('div', { class: 'form-actions' }, cancel, submit),
  );

  /** The rows as typed, read back before the list is drawn again. */
  function sync() {
    fieldsHost.querySelectorAll('.visit-kind-field').forEach((box, index) => {
      const value = (part) => box.querySelector(`[data-field="fields.${index}.${part}"] input, [data-field="fields.${index}.${part}"] select, [data-field="fields.${index}.${part}"] textarea`);
      rows[index] = { key: value('key').value, label: value('label').value, kind: value('kind').value, required: value('required').checked, options: value('options').value };
    });
  }

  function move(index, by) {
    sync();
    const [row] = rows.splice(index, 1);
    rows.splice(index + by, 0, row);
    draw();
  }

  function fieldBox(row, index) {
    const at = (part) => `fields.${index}.${part}`;
    const number = formatNumber(index + 1);
    const options = textArea({ name: at('options'), label: t('fvisit.field_options'), value: row.options, rows: 4 });
    const area = options.querySelector('textarea');
    area.setAttribute('aria-describedby', `${area.id}-hint ${area.getAttribute('aria-describedby')}`);
    area.before(h('p', { class: 'hint', id: `${area.id}-hint` }, t('fvisit.field_options_hint')));
    options.hidden = !CHOICE_KINDS.includes(row.kind);
    const kindSelect = field({ name: at('kind'), label: t('fvisit.field_kind'), value: row.kind, options: FIELD_KINDS.map((kind) => ({ value: kind, label: t(`fvisit.kind.${kind}`) })) });
    kindSelect.querySelector('select').addEventListener('change', (event) => {
      options.hidden = !CHOICE_KINDS.includes(event.target.value);
    });
    const label = row.label || t('fvisit.field_number', { n: number });
    return h(
      'fieldset',
      { class: 'visit-kind-field', dataset: { index: String(index) } },
      h('legend', {}, t('fvisit.field_number', { n: number })),
      field({ name: at('label'), label: t('fvisit.field_label'), value: row.label, maxlength: 40, autocomplete: 'off' }),
      h(
        'div',
        { class: 'visit-kind-field-grid' },
        kindSelect,
        field({ name: at('key'), label: t('fvisit.field_key'), hint: t('fvisit.field_key_hint'), value: row.key, maxlength: 40, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', pattern: '[a-z][a-z0-9]*' }),
      ),
      options,
      h(
        'div',
        { class: 'field', dataset: { field: at('required') } },
        h('label', { class: 'check-row' }, h('input', { type: 'checkbox', name: at('required'), checked: !!row.required }), t('fvisit.field_required')),
        h('p', { class: 'field-error', hidden: true }),
      ),
      h(
        'div',
        { class: 'visit-kind-field-actions' },
        index > 0 && h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('fvisit.field_up', { label }), onclick: () => move(index, -1) }, '↑'),
        index < rows.length - 1 && h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('fvisit.field_down', { label }), onclick: () => move(index, 1) }, '↓'),
        h(
          'button',
          {
            type: 'button',
            class: 'button button-danger-quiet button-small',
            'aria-label': t('fvisit.field_remove', { label }),
            onclick: () => {
              sync();
              rows.splice(index, 1);
              draw();
            },
          },
          t('fvisit.field_remove_short'),
        ),
      ),
    );
  }

  function draw() {
    fill(fieldsHost, rows.length ? rows.map(fieldBox) : h('p', { class: 'muted small' }, t('fvisit.kind_fields_none')));
    add.hidden = rows.length >= MAX_FIELDS;
  }

  add.addEventListener('click', () => {
    sync();
    rows.push({ key: freshKey(rows), label: '', kind: 'text', required: false, options: '' });
    draw();
    const boxes = fieldsHost.querySelectorAll('.visit-kind-field');
    boxes[boxes.length - 1].querySelector('input').focus();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    sync();
    const name = form.elements.name.value.trim();
    if (!name) return showErrors(form, [{ field: 'name', code: 'required', message: t('error.required') }]);
    return busy(submit, async () => {
      try {
        const { visitKindSave: result } = await gql(VISIT_KIND_SAVE, { input: saveInput(kind, rows, { name, archived: kind?.archived || false }) });
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('fvisit.kind_saved', { name: result.kind.name }), { kind: 'success' });
        return onDone(result.kind);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  draw();
  return { element: form };
}

/** The card of visit types: the list, 新增拜访类型, and the editor in place of the list. */
export function visitKindsCard() {
  const host = h('div', { class: 'visit-kinds' });
  const panel = card(t('fvisit.kinds_title'), h('p', { class: 'muted small' }, t('fvisit.kinds_explain')), host);
  panel.dataset.testid = 'visit-kinds';
  let kinds = [];

  function edit(kind) {
    const editor = kindEditor(kind, { onDone: (saved) => (saved ? load() : list()) });
    fill(host, editor.element);
    editor.element.querySelector('input').focus();
  }

  async function archive(kind, archived, button) {
    return busy(button, async () => {
      try {
        const input = saveInput(kind, kind.fields.map((spec) => ({ ...spec, options: spec.options.join('\n') })), { name: kind.name, archived });
        const { visitKindSave: result } = await gql(VISIT_KIND_SAVE, { input });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(t(archived ? 'fvisit.kind_archived_done' : 'fvisit.kind_restored', { name: kind.name }), { kind: 'success' });
        return load();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  }

  function row(kind) {
    const archiveButton = h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t(kind.archived ? 'fvisit.kind_restore_for' : 'fvisit.kind_archive_for', { name: kind.name }) }, t(kind.archived ? 'fvisit.kind_restore' : 'fvisit.kind_archive'));
    archiveButton.addEventListener('click', () => archive(kind, !kind.archived, archiveButton));
    return h(
      'li',
      { class: 'item-row visit-kind-row', dataset: { kindId: kind.id, archived: String(kind.archived) } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, kind.name),
        h('span', { class: 'muted small' }, kind.fields.length ? kind.fields.map((spec) => spec.label).join('、') : t('fvisit.kind_no_fields')),
        kind.archived && h('span', { class: 'chip' }, t('fvisit.kind_archived')),
      ),
      h(
        'div',
        { class: 'visit-kind-actions' },
        !kind.archived && h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('fvisit.kind_edit_for', { name: kind.name }), onclick: () => edit(kind) }, t('fvisit.kind_edit')),
        archiveButton,
      ),
    );
  }

  function list() {
    const create = h('button', { type: 'button', class: 'button button-small', dataset: { testid: 'visit-kind-new' }, onclick: () => edit(null) }, t('fvisit.kind_new'));
    fill(host, kinds.length ? h('ul', { class: 'item-list visit-kind-list' }, kinds.map(row)) : h('p', { class: 'muted' }, t('fvisit.kinds_none')), h('div', { class: 'form-actions visit-kinds-new' }, create));
  }

  async function load() {
    fill(host, loadingView(2));
    try {
      // Those in use first, in their order; the archived after them.
      kinds = (await gql(VISIT_KINDS, { includeArchived: true })).visitKinds.sort((a, b) => Number(a.archived) - Number(b.archived));
      list();
    } catch (error) {
      fill(host, errorView(error, { retry: load }));
    }
  }

  load();
  return panel;
}
