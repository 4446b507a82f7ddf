/**
 * Reporting channel stock (库存上报), two ways: a form — the date, SKUs found in the distributor's
 * own catalogue, each with its stock on hand and units sold since the last report — sent as
 * channelStockReport; or a CSV / XLSX sheet (columns SKU编码, 库存, 销量) posted to
 * /distribution/channel-stock/upload/. Either is all or nothing: every line's or row's problem
 * comes back at once (the form shows each at its field, the sheet lists them by row) and
 * nothing is saved until all are right. A report of a date already reported replaces it.
 */

import { CHANNEL_STOCK_REPORT, DISTRIBUTOR_CATALOG } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { today } from './finance_fields.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { card } from './layout.js';
import { skuName } from './portal.js';
import { decimalInput, newKey } from './quantity.js';
import { postForm } from './shipping_common.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

const UPLOAD_URL = '/distribution/channel-stock/upload/';

/** The form: `onSaved(report)` after a report is saved. */
export function stockReportForm({ onSaved }) {
  let key = newKey('channel-stock');
  const lines = []; // [{ sku, onHand, sold }]
  const form = h('form', { class: 'portal-stock-form', novalidate: true, 'aria-label': t('sreport.form_title') });
  const rows = h('ul', { class: 'item-list', 'aria-label': t('sreport.lines') });
  const results = h('ul', { class: 'sku-results', 'aria-label': t('skusearch.results'), 'aria-live': 'polite' });
  const search = field({ name: 'skuSearch', label: t('sreport.add_sku'), type: 'search', autocomplete: 'off', placeholder: t('portal.search_hint') });
  search.append(results);
  const submit = h('button', { type: 'submit', class: 'button' }, t('sreport.submit'));

  /** A number's problem (lines.3.onHand) shows at its box; a SKU's in the summary, by name. */
  function placeError(error) {
    const match = /^lines\.(\d+)\.(skuId|skuCode)$/.exec(error.field || '');
    const line = match && lines[Number(match[1])];
    return match ? { code: error.code, field: null, message: `${line ? skuName(line.sku) : ''}：${errorText(error)}` } : error;
  }

  function drawRows() {
    fill(
      rows,
      lines.map((line, index) =>
        h(
          'li',
          { class: 'item-row portal-stock-line', dataset: { skuCode: line.sku.code } },
          h('div', { class: 'item-main' }, h('strong', {}, skuName(line.sku)), h('span', { class: 'muted small' }, `${line.sku.code} · ${line.sku.baseUnit}`)),
          h(
            'div',
            { class: 'item-meta portal-stock-numbers' },
            field({ name: `lines.${index}.onHand`, label: t('sreport.on_hand'), inputmode: 'decimal', autocomplete: 'off', value: line.onHand, oninput: (event) => (line.onHand = event.target.value) }),
            field({ name: `lines.${index}.sold`, label: t('sreport.sold'), inputmode: 'decimal', autocomplete: 'off', value: line.sold, oninput: (event) => (line.sold = event.target.value) }),
            h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('portal.remove_named', { name: skuName(line.sku) }), onclick: () => (lines.splice(index, 1), drawRows()) }, t('portal.remove')),
          ),
        ),
      ),
    );
    rows.hidden = !lines.length;
  }

  let token = 0;
  let timer = 0;
  search.querySelector('input').addEventListener('input', (event) => {
    clearTimeout(timer);
    const term = event.target.value.trim();
    timer = setTimeout(async () => {
      const mine = ++token;
      if (!term) return fill(results);
      try {
        const { distributorCatalog } = await gql(DISTRIBUTOR_CATALOG, { search: term, categoryId: null, limit: 8, offset: 0 });
        if (mine !== token) return undefined;
        return fill(
          results,
          distributorCatalog.items.map((item) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'sku-result',
                  disabled: lines.some((line) => line.sku.id === item.sku.id),
                  onclick: () => {
                    lines.push({ sku: item.sku, onHand: '', sold: '' });
                    search.querySelector('input').value = '';
                    fill(results);
                    drawRows();
                    form.querySelector(`[name="lines.${lines.length - 1}.onHand"]`)?.focus();
                  },
                },
                `${skuName(item.sku)} · ${item.sku.code}`,
              ),
            ),
          ),
        );
      } catch (error) {
        return fill(results, h('li', { class: 'field-error' }, errorText(error)));
      }
    }, 250);
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    if (!lines.length) return showErrors(form, [{ field: null, code: 'lines_required', message: t('sreport.no_lines') }]);
    const problems = [];
    lines.forEach((line, index) => {
      const onHand = decimalInput(line.onHand);
      if (!onHand) problems.push({ field: `lines.${index}.onHand`, code: 'required', message: t('sreport.enter_number') });
      if (decimalInput(line.sold) === null) problems.push({ field: `lines.${index}.sold`, code: 'quantity_invalid', message: t('sreport.enter_number') });
    });
    if (problems.length) return showErrors(form, problems);
    const input = {
      reportDate: form.elements.reportDate.value,
      note: form.elements.note.value.trim() || null,
      idempotencyKey: key,
      lines: lines.map((line) => ({ skuId: line.sku.id, onHand: decimalInput(line.onHand), sold: decimalInput(line.sold) || '0' })),
    };
    return busy(submit, async () => {
      try {
        const result = (await gql(CHANNEL_STOCK_REPORT, { input })).channelStockReport;
        if (result.errors.length) {
          key = newKey('channel-stock'); // nothing was saved: a corrected report is a new request
          return showErrors(form, result.errors.map(placeError));
        }
        key = newKey('channel-stock');
        lines.splice(0, lines.length);
        drawRows();
        toast(t('sreport.saved', { date: result.report.reportDate, count: result.report.lines.length }), { kind: 'success' });
        return onSaved(result.report);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  fill(
    form,
    formError(),
    field({ name: 'reportDate', label: t('sreport.date'), type: 'date', value: today(), max: today(), required: true }),
    search,
    rows,
    field({ name: 'note', label: t('sreport.note'), maxlength: 500, autocomplete: 'off' }),
    h('div', { class: 'form-actions' }, submit),
  );
  drawRows();
  return card(t('sreport.form_title'), form);
}

/** The sheet's row problems, by row: "第 3 行：商品编码不存在". */
function rowProblems(errors) {
  return errors.map((error) => {
    const match = /^rows\.(\d+)\./.exec(error.field || '');
    return h('li', { dataset: { field: error.field || '' } }, match ? t('sreport.row_problem', { row: match[1], problem: errorText(error) }) : errorText(error));
  });
}

/** The upload: `onSaved(report)` after a sheet is saved. */
export function stockReportUpload({ onSaved }) {
  let key = newKey('channel-stock-upload');
  const problems = h('ul', { class: 'portal-upload-problems', role: 'alert', hidden: true });
  const form = h('form', { class: 'portal-stock-upload', novalidate: true, 'aria-label': t('sreport.upload_title') });
  const submit = h('button', { type: 'submit', class: 'button' }, t('sreport.upload'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    problems.hidden = true;
    const file = form.elements.file.files[0];
    if (!file) return showErrors(form, [{ field: 'file', code: 'file_invalid', message: t('sreport.choose_file') }]);
    const data = new FormData();
    data.append('file', file);
    data.append('reportDate', form.elements.uploadDate.value);
    data.append('idempotencyKey', key);
    return busy(submit, async () => {
      try {
        const body = await postForm(UPLOAD_URL, data);
        if (body.errors?.length) {
          key = newKey('channel-stock-upload');
          const [rows, rest] = [body.errors.filter((e) => /^rows\./.test(e.field || '')), body.errors.filter((e) => !/^rows\./.test(e.field || ''))];
          if (rest.length) showErrors(form, rest.map((e) => (e.field === 'reportDate' ? { ...e, field: 'uploadDate' } : e)));
          if (rows.length) {
            fill(problems, h('li', { class: 'portal-upload-summary' }, t('sreport.upload_refused', { count: rows.length })), rowProblems(rows));
            problems.hidden = false;
          }
          return undefined;
        }
        key = newKey('channel-stock-upload');
        form.reset();
        form.elements.uploadDate.value = today();
        toast(t('sreport.saved', { date: body.report.reportDate, count: body.report.lineCount }), { kind: 'success' });
        return onSaved(body.report);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  fill(
    form,
    formError(),
    h('p', { class: 'hint' }, t('sreport.upload_hint')),
    field({ name: 'uploadDate', label: t('sreport.date'), type: 'date', value: today(), max: today() }),
    field({ name: 'file', label: t('sreport.file'), type: 'file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    problems,
    h('div', { class: 'form-actions' }, submit),
  );
  return card(t('sreport.upload_title'), form);
}
