/**
 * Saved views of a desktop table (我的视图): pick one of one's own views of the list, save the
 * filters, sort and columns on screen under a name, or delete the view picked. The views live on
 * the server (savedViews), per person: nobody else sees them.
 *
 *   savedViewsBar({ list, current, onPick }) → { element, load(), find(id), mark(id) }
 *
 *   current()     { query, columns } of the table now
 *   onPick(view)  a view was chosen (null: "all", no view)
 */

import { SAVED_VIEWS, SAVED_VIEW_DELETE, SAVED_VIEW_SAVE } from '../api/workbench.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { confirmDialog } from './confirm.js';
import { fill, h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { toast } from './toast.js';

export function savedViewsBar({ list, current, onPick }) {
  const state = { views: [], marked: null };
  const select = h('select', { id: `views-${list}`, name: 'view', class: 'views-select' });
  const remove = h('button', { type: 'button', class: 'button button-quiet button-small', hidden: true }, t('views.delete'));
  const save = h('button', { type: 'button', class: 'button button-quiet button-small' }, t('views.save'));
  const element = h('div', { class: 'views-bar' }, h('label', { for: select.id }, t('views.label')), select, save, remove);

  function draw() {
    fill(
      select,
      h('option', { value: '' }, t('views.none')),
      state.views.map((view) => h('option', { value: view.id, selected: view.id === state.marked }, view.name)),
    );
    remove.hidden = !state.marked;
  }

  select.addEventListener('change', () => {
    state.marked = select.value || null;
    remove.hidden = !state.marked;
    onPick(state.views.find((view) => view.id === select.value) || null);
  });

  remove.addEventListener('click', async () => {
    const view = state.views.find((one) => one.id === state.marked);
    if (!view) return;
    const ok = await confirmDialog({ title: t('views.delete_title', { name: view.name }), confirmLabel: t('views.delete'), danger: true });
    if (!ok) return;
    const answer = (await gql(SAVED_VIEW_DELETE, { id: view.id })).savedViewDelete;
    if (answer.errors.length) return toast(answer.errors[0].message, { kind: 'error' });
    state.views = state.views.filter((one) => one.id !== view.id);
    state.marked = null;
    draw();
    toast(t('views.deleted', { name: view.name }));
    return undefined;
  });

  save.addEventListener('click', () => askName());

  function askName() {
    const marked = state.views.find((view) => view.id === state.marked);
    const nameField = field({ name: 'name', label: t('views.name'), value: marked?.name || '', maxlength: 60, required: true, autocomplete: 'off' });
    const titleId = `views-save-${list}`;
    const submit = h('button', { type: 'submit', class: 'button' }, t('views.save'));
    const form = h(
      'form',
      { class: 'stack' },
      h('h2', { id: titleId }, t('views.save_title')),
      nameField,
      formError(),
      h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'button button-quiet', onclick: () => dialog.close() }, t('action.cancel')), submit),
    );
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId }, form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      const name = nameField.querySelector('input').value.trim();
      const { query, columns } = current();
      // The same name as the view picked saves over it; another name makes a new view.
      const id = marked && marked.name === name ? marked.id : null;
      await busy(submit, async () => {
        let answer;
        try {
          answer = (await gql(SAVED_VIEW_SAVE, { input: { id, list, name, query, columns } })).savedViewSave;
        } catch (error) {
          return showErrors(form, [error]);
        }
        if (answer.errors.length) return showErrors(form, answer.errors);
        state.views = [...state.views.filter((view) => view.id !== answer.view.id), answer.view].sort((a, b) => a.name.localeCompare(b.name));
        state.marked = answer.view.id;
        draw();
        dialog.close();
        toast(t('views.saved', { name: answer.view.name }));
        onPick(answer.view);
        return true;
      });
    });
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  }

  return {
    element,
    async load() {
      try {
        state.views = (await gql(SAVED_VIEWS, { list })).savedViews;
      } catch {
        state.views = []; // the table works without its views
      }
      draw();
    },
    find: (id) => state.views.find((view) => view.id === id) || null,
    mark(id) {
      state.marked = state.views.some((view) => view.id === id) ? id : null;
      draw();
    },
  };
}
