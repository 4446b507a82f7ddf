/**
 * 导入 (Excel in): one screen for every kind of import the user may run — customers, products,
 * opening stock, suppliers — in four steps: choose the kind (?kind= preselects it, as the lists
 * link here), download its template, upload the filled sheet for a preview (the rows as read,
 * every problem with its row and column), then commit. The commit sends the same file again
 * and the server checks every row again: all rows are written or none. One idempotency key per
 * file, so a double tap or a retry after a lost answer imports once.
 *
 * Plain HTTP (saas/reports/import_views.py), not GraphQL: a sheet travels as a form post.
 */

import { ApiError } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { newKey } from '../ui/quantity.js';
import { postForm } from '../ui/shipping_common.js';
import { errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const KINDS_URL = '/imports/';
const PREVIEW_COLUMNS = 6; // the first columns of the sheet beside the row number and its problems
// Where each kind's records are listed, to go back there after the import.
const LISTS = { customers: '/customers', suppliers: '/suppliers', products: '/products', opening_stock: '/stock' };

async function loadKinds() {
  let response;
  try {
    response = await fetch(KINDS_URL, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch {
    throw new ApiError('network');
  }
  if (response.status === 401) throw new ApiError('unauthenticated', '', { status: 401 });
  if (!response.ok) throw new ApiError('http_error', '', { status: response.status });
  return (await response.json()).kinds;
}

function problemsByRow(problems) {
  const rows = new Map();
  for (const problem of problems) {
    const list = rows.get(problem.row) || [];
    list.push(problem);
    rows.set(problem.row, list);
  }
  return rows;
}

function problemText(problem, kind) {
  const column = kind.columns.find((one) => one.key === problem.column);
  return column ? `${column.header}：${problem.message}` : problem.message;
}

/** The rows as the server read them, problem rows first and marked, with their messages. */
function previewTable(kind, body) {
  const byRow = problemsByRow(body.problems);
  const columns = kind.columns.slice(0, PREVIEW_COLUMNS);
  const ordered = [...body.rows].sort((a, b) => Number(!byRow.has(a.row)) - Number(!byRow.has(b.row)) || a.row - b.row);
  const head = h('tr', {}, h('th', { scope: 'col' }, t('import.row')), columns.map((column) => h('th', { scope: 'col' }, column.header)), h('th', { scope: 'col' }, t('import.problems')));
  const rows = ordered.map((row) => {
    const problems = byRow.get(row.row) || [];
    const bad = new Set(problems.map((problem) => problem.column));
    return h(
      'tr',
      { class: problems.length ? 'import-row-bad' : '', dataset: { row: row.row } },
      h('th', { scope: 'row' }, String(row.row)),
      columns.map((column) => h('td', { class: bad.has(column.key) ? 'import-cell-bad' : '' }, row.values[column.key] || '')),
      h('td', { class: 'import-problems' }, problems.length ? h('ul', {}, problems.map((problem) => h('li', { dataset: { code: problem.code, column: problem.column || '' } }, problemText(problem, kind)))) : t('import.ok')),
    );
  });
  const fileProblems = body.problems.filter((problem) => problem.row === null || !body.rows.some((row) => row.row === problem.row));
  return h(
    'div',
    { class: 'import-preview' },
    fileProblems.length ? h('ul', { class: 'import-file-problems', role: 'alert' }, fileProblems.map((problem) => h('li', {}, problem.row ? t('import.row_problem', { row: problem.row, problem: problemText(problem, kind) }) : problem.message))) : null,
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('import.preview_title') }, h('table', { class: 'data-table import-table' }, h('thead', {}, head), h('tbody', {}, rows))),
    body.rows.length < body.total ? h('p', { class: 'muted small' }, t('import.shown', { shown: formatNumber(body.rows.length), total: formatNumber(body.total) })) : null,
  );
}

export function mount(root, { query }) {
  const state = { kinds: [], kind: null, file: null, fileName: '', key: newKey('import'), checked: false };
  const kindSlot = h('div', { class: 'import-kind' });
  const templateSlot = h('p', { class: 'import-template' });
  const summary = h('p', { class: 'import-summary', role: 'status', 'aria-live': 'polite' });
  const previewSlot = h('div', { class: 'import-preview-slot' });
  const previewButton = h('button', { type: 'submit', class: 'button' }, t('import.preview'));
  const commitButton = h('button', { type: 'button', class: 'button', disabled: true }, t('import.commit'));
  const fileField = field({ name: 'file', label: t('import.file'), type: 'file', accept: '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', hint: t('import.file_hint') });
  const form = h('form', { class: 'import-form', novalidate: true, 'aria-label': t('import.upload_title') }, formError(), fileField, h('div', { class: 'form-actions' }, previewButton, commitButton));

  function reset() {
    state.checked = false;
    commitButton.disabled = true;
    fill(summary);
    fill(previewSlot);
  }

  function chooseKind(name) {
    state.kind = state.kinds.find((kind) => kind.name === name) || state.kinds[0] || null;
    reset();
    if (!state.kind) return;
    fill(templateSlot, h('a', { class: 'button button-quiet', href: `/imports/${state.kind.name}/template.xlsx`, download: `${state.kind.name}-template.xlsx` }, t('import.template', { kind: state.kind.title })), ' ', h('span', { class: 'muted small' }, t('import.template_hint', { rows: formatNumber(state.kind.maxRows) })));
  }

  fileField.querySelector('input').addEventListener('change', () => {
    state.file = null; // read again at the next check
    reset();
  });

  /**
   * The chosen file's bytes as they are now: the commit sends exactly what was checked, even if
   * the file is saved again meanwhile (a browser cannot read a file changed after it was chosen:
   * then the user is asked to choose it again).
   */
  async function readChosen() {
    const chosen = form.elements.file.files[0];
    if (!chosen) return false;
    let bytes;
    try {
      bytes = await chosen.arrayBuffer();
    } catch {
      throw Object.assign(new Error('file_changed'), { code: 'file_changed', field: 'file', message: t('import.choose_again') });
    }
    state.file = new Blob([bytes], { type: chosen.type });
    state.fileName = chosen.name;
    state.key = newKey('import'); // another check is another import
    return true;
  }

  function send(step) {
    const data = new FormData();
    data.append('file', state.file, state.fileName);
    if (step === 'commit') data.append('idempotencyKey', state.key);
    return postForm(`/imports/${state.kind.name}/${step}/`, data);
  }

  function showPreview(body) {
    const bad = new Set(body.problems.map((problem) => problem.row)).size;
    fill(summary, bad ? t('import.summary_bad', { total: formatNumber(body.total), bad: formatNumber(bad) }) : t('import.summary_ok', { total: formatNumber(body.total) }));
    summary.classList.toggle('field-error', Boolean(bad));
    fill(previewSlot, previewTable(state.kind, body));
    state.checked = !bad;
    commitButton.disabled = Boolean(bad);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    reset();
    if (!form.elements.file.files[0]) return showErrors(form, [{ field: 'file', code: 'file_invalid', message: t('import.choose_file') }]);
    return busy(previewButton, async () => {
      try {
        await readChosen();
        const body = await send('preview');
        if (body.errors?.length) return showErrors(form, body.errors.map((error) => ({ ...error, field: error.field === 'file' ? 'file' : null })));
        return showPreview(body);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  commitButton.addEventListener('click', async () => {
    if (!state.checked || !state.file) return;
    clearErrors(form);
    await busy(commitButton, async () => {
      try {
        const body = await send('commit');
        if (body.problems?.length) {
          // Something changed since the preview (a colleague entered one of these): nothing was written.
          state.key = newKey('import');
          return showPreview({ total: body.problems.length, rows: [], problems: body.problems });
        }
        if (body.errors?.length) {
          state.key = newKey('import');
          return showErrors(form, body.errors.map((error) => ({ ...error, field: error.field === 'file' ? 'file' : null })));
        }
        toast(t('import.done', { count: formatNumber(body.created), kind: state.kind.title }), { kind: 'success' });
        fill(summary, t('import.done', { count: formatNumber(body.created), kind: state.kind.title }));
        summary.classList.remove('field-error');
        state.checked = false; // imported: the same sheet is not sent twice
        const list = LISTS[state.kind.name];
        if (list) fill(previewSlot, h('a', { class: 'button button-quiet', href: appUrl(list) }, t('import.to_list', { kind: state.kind.title })));
        return undefined;
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
    commitButton.disabled = !state.checked; // busy() enables it again; only a checked sheet may go
  });

  const steps = h('div', { class: 'import-steps' }, card(t('import.step_kind'), kindSlot, templateSlot), card(t('import.upload_title'), form, summary, previewSlot));
  fill(root, screenHeader(t('import.title')), loadingView(2));
  loadKinds()
    .then((kinds) => {
      state.kinds = kinds;
      if (!kinds.length) return fill(root, screenHeader(t('import.title')), h('p', { class: 'muted' }, t('import.none')));
      const select = field({ name: 'kind', label: t('import.kind'), value: query.get('kind') || kinds[0].name, options: kinds.map((kind) => ({ value: kind.name, label: kind.title })) });
      select.querySelector('select').addEventListener('change', (event) => chooseKind(event.target.value));
      fill(kindSlot, select);
      chooseKind(select.querySelector('select').value);
      return fill(root, screenHeader(t('import.title')), steps);
    })
    .catch((error) => fill(root, screenHeader(t('import.title')), errorView(error, { retry: () => mount(root, { query }) })));
  return {};
}
