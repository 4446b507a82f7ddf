/**
 * Print templates (打印模板, for shipping.manage or tenant.manage): per document (pick list,
 * delivery note, daily shipping list, delivery list) which fields print, in which order, and
 * aligned left, centre or right, plus the document's title. A live preview shows sample data
 * through the template as it is being edited (POST /shipping/print/<kind>/preview/ with the
 * unsaved fields; the HTML goes into a sandboxed frame, since the server forbids framing its
 * pages), before it is saved (printTemplateSave) or put back to the default (printTemplateReset).
 */

import { PRINT_TEMPLATES, PRINT_TEMPLATE_RESET, PRINT_TEMPLATE_SAVE } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { postJsonForText, shippingSections } from '../ui/shipping_common.js';
import { shippingSettingsCard } from '../ui/shipping_settings.js';
import { printLinks } from '../ui/shipping_print.js';
import { errorText, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const KINDS = ['PICK_LIST', 'DELIVERY_NOTE', 'DAILY_LIST', 'DELIVERY_LIST'];
const ALIGNS = ['LEFT', 'CENTER', 'RIGHT'];
const AREAS = ['header', 'column', 'footer'];

/**
 * The preview page without its print button and scripts: the frame is sandboxed (no scripts),
 * and a blocked inline handler would only log errors.
 */
function inert(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script, .toolbar').forEach((node) => node.remove());
  for (const node of doc.querySelectorAll('*')) {
    for (const attribute of [...node.attributes]) if (attribute.name.startsWith('on')) node.removeAttribute(attribute.name);
  }
  return `<!doctype html>${doc.documentElement.outerHTML}`;
}

function areaLabel(area) {
  return AREAS.includes(area) ? t(`shiptpl.area.${area}`) : area;
}

export function mount(root, { query }) {
  const state = { templates: [], kind: KINDS.includes(query.get('kind')) ? query.get('kind') : 'DELIVERY_NOTE', fields: [], title: '', dirty: false, timer: 0, preview: null };
  const body = h('div', {});
  const back = h('a', { href: appUrl('/shipping'), class: 'button button-quiet' }, t('shipping.title'));
  // Columns, texts and 大写金额 of the delivery note are set on the print settings screen.
  const printSettings = h('a', { href: appUrl('/settings/print?kind=DELIVERY_NOTE'), class: 'button button-quiet' }, t('printset.title'));
  const header = () => [screenHeader(t('shiptpl.title'), back, printSettings), shippingSections('shipping-templates')];

  function template() {
    return state.templates.find((one) => one.kind === state.kind);
  }

  function take(one) {
    state.fields = one.fields.map((entry) => ({ ...entry }));
    state.title = one.title;
    state.dirty = false;
  }

  function draw() {
    const current = template();
    const kind = field({ name: 'kind', label: t('shiptpl.kind'), value: state.kind, options: KINDS.map((value) => ({ value, label: t(`shiptpl.kind.${value}`) })) });
    kind.querySelector('select').addEventListener('change', async (event) => {
      if (state.dirty && !(await confirmDialog({ title: t('shiptpl.discard_title'), message: t('shiptpl.discard_body'), confirmLabel: t('shiptpl.discard') }))) {
        event.target.value = state.kind;
        return;
      }
      state.kind = event.target.value;
      take(template());
      draw();
    });
    const title = field({ name: 'title', label: t('shiptpl.doc_title'), value: state.title, maxlength: 60, autocomplete: 'off', hint: t('shiptpl.doc_title_hint') });
    title.querySelector('input').addEventListener('input', (event) => {
      state.title = event.target.value;
      changed();
    });
    const unsaved = h('span', { class: 'muted small', role: 'status' }, state.dirty ? t('shiptpl.unsaved') : current.customised ? t('shiptpl.customised') : t('shiptpl.default'));
    const fieldsList = h('ol', { class: 'item-list card template-fields', 'aria-label': t('shiptpl.fields') });
    const frame = h('iframe', { title: t('shiptpl.preview'), sandbox: '', class: 'template-preview', style: { width: '100%', height: '520px', border: '1px solid var(--line)', borderRadius: 'var(--radius)', background: '#fff' } });
    const previewError = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const save = h('button', { type: 'submit', class: 'button' }, t('shiptpl.save'));
    const reset = h('button', { type: 'button', class: 'button button-quiet' }, t('shiptpl.reset'));
    const form = h(
      'form',
      { class: 'template-form', novalidate: true, 'aria-label': t('shiptpl.form_label', { kind: t(`shiptpl.kind.${state.kind}`) }) },
      formError(),
      title,
      h('h2', { class: 'subheading' }, t('shiptpl.fields')),
      h('p', { class: 'hint' }, t('shiptpl.fields_hint')),
      fieldsList,
      h('div', { class: 'form-actions sticky-actions' }, unsaved, reset, save),
    );

    function changed() {
      state.dirty = true;
      unsaved.textContent = t('shiptpl.unsaved');
      clearTimeout(state.timer);
      state.timer = setTimeout(preview, 350);
    }

    function move(index, delta) {
      const target = index + delta;
      if (target < 0 || target >= state.fields.length) return;
      const [entry] = state.fields.splice(index, 1);
      state.fields.splice(target, 0, entry);
      drawFields();
      fieldsList.querySelector(`[data-field-key="${CSS.escape(entry.field)}"] button[data-move="${delta < 0 ? 'up' : 'down'}"]`)?.focus();
      changed();
    }

    function fieldRow(entry, index) {
      const visible = h('input', { type: 'checkbox', name: `visible-${entry.field}`, checked: entry.visible });
      visible.addEventListener('change', () => {
        entry.visible = visible.checked;
        changed();
      });
      const aligns = ALIGNS.map((align) => {
        const radio = h('input', { type: 'radio', name: `align-${entry.field}`, value: align, checked: entry.align === align });
        radio.addEventListener('change', () => {
          if (!radio.checked) return;
          entry.align = align;
          changed();
        });
        return h('label', { class: 'check-row' }, radio, t(`shiptpl.align.${align}`));
      });
      const legendId = `tpl-${entry.field}-${index}`;
      return h(
        'li',
        { class: 'item-row template-field', dataset: { fieldKey: entry.field } },
        h(
          'fieldset',
          { class: 'item-main', 'aria-labelledby': legendId, style: { border: '0', padding: '0', margin: '0', minWidth: '0' } },
          h('strong', { id: legendId }, entry.label),
          h('span', { class: 'muted small' }, [areaLabel(entry.area), entry.money && t('shiptpl.money')].filter(Boolean).join(' · ')),
          h(
            'div',
            { style: { display: 'flex', flexWrap: 'wrap', columnGap: '16px', alignItems: 'center' } },
            h('label', { class: 'check-row' }, visible, t('shiptpl.visible')),
            h('div', { class: 'roles', role: 'radiogroup', 'aria-label': t('shiptpl.align_for', { label: entry.label }) }, aligns),
          ),
        ),
        h(
          'div',
          { class: 'item-meta' },
          h('button', { type: 'button', class: 'button button-quiet button-small', dataset: { move: 'up' }, disabled: index === 0, 'aria-label': t('shiptpl.move_up', { label: entry.label }), onclick: () => move(index, -1) }, '↑'),
          h('button', { type: 'button', class: 'button button-quiet button-small', dataset: { move: 'down' }, disabled: index === state.fields.length - 1, 'aria-label': t('shiptpl.move_down', { label: entry.label }), onclick: () => move(index, 1) }, '↓'),
        ),
      );
    }

    function drawFields() {
      fill(fieldsList, state.fields.map(fieldRow));
    }

    async function preview() {
      if (state.preview) state.preview.abort();
      const controller = new AbortController();
      state.preview = controller;
      const slug = state.kind.toLowerCase().replace(/_/g, '-');
      const fields = state.fields.map((entry) => ({ field: entry.field, visible: entry.visible, align: entry.align.toLowerCase() }));
      try {
        const html = await postJsonForText(`/shipping/print/${slug}/preview/`, { fields, title: state.title.trim() }, { signal: controller.signal });
        frame.srcdoc = inert(html);
        previewError.hidden = true;
      } catch (error) {
        if (error?.name === 'AbortError') return;
        previewError.textContent = errorText(error);
        previewError.hidden = false;
      }
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      busy(save, async () => {
        try {
          const fields = state.fields.map((entry) => ({ field: entry.field, visible: entry.visible, align: entry.align }));
          const { printTemplateSave: result } = await gql(PRINT_TEMPLATE_SAVE, { kind: state.kind, fields, title: state.title.trim() });
          if (result.errors.length) return showErrors(form, result.errors);
          replace(result.template);
          toast(t('shiptpl.saved', { kind: t(`shiptpl.kind.${state.kind}`) }), { kind: 'success' });
          return draw();
        } catch (error) {
          return showErrors(form, [error]);
        }
      });
    });
    reset.addEventListener('click', async () => {
      const ok = await confirmDialog({ title: t('shiptpl.reset_title', { kind: t(`shiptpl.kind.${state.kind}`) }), message: t('shiptpl.reset_body'), confirmLabel: t('shiptpl.reset'), danger: true });
      if (!ok) return;
      await busy(reset, async () => {
        try {
          const { printTemplateReset: result } = await gql(PRINT_TEMPLATE_RESET, { kind: state.kind });
          if (result.errors.length) return toast(result.errors.map(errorText).join(' '), { kind: 'error' });
          replace(result.template);
          toast(t('shiptpl.reset_done', { kind: t(`shiptpl.kind.${state.kind}`) }), { kind: 'success' });
          return draw();
        } catch (error) {
          return toast(errorText(error), { kind: 'error' });
        }
      });
    });

    drawFields();
    fill(
      root,
      header(),
      h('form', { class: 'filters filters-stack', onsubmit: (event) => event.preventDefault() }, kind),
      // Side by side on a wide screen, the preview staying in view while the list scrolls.
      h(
        'div',
        { class: 'card-grid' },
        form,
        h(
          'div',
          { style: { position: 'sticky', top: '72px' } },
          card(t('shiptpl.preview'), previewError, frame, h('p', { class: 'muted small' }, t('shiptpl.saved_preview')), printLinks(current.previewUrl, t(`shiptpl.kind.${state.kind}`))),
        ),
      ),
      shippingSettingsCard({ onSaved: preview }),
    );
    preview();
  }

  function replace(saved) {
    state.templates = state.templates.map((one) => (one.kind === saved.kind ? saved : one));
    take(saved);
  }

  async function load() {
    fill(root, ...header(), body);
    fill(body, loadingView(4));
    try {
      const { printTemplates } = await gql(PRINT_TEMPLATES);
      state.templates = printTemplates;
      if (!template()) state.kind = printTemplates[0].kind;
      take(template());
      draw();
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }
  load();
  return { unmount: () => clearTimeout(state.timer) };
}
