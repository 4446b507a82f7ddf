/**
 * 业务日志: the rep's report of today (or yesterday) — the day's numbers as the server counted
 * them when it was written (visits, customers, orders, collections), the text, 提交日志
 * (workLogWrite) — and the recent logs (of the rep, or of every rep a manager sees), each
 * opening /field/logs/<id> with its comments (screens/field_log.js).
 */

import { WORK_LOG, WORK_LOGS, WORK_LOG_WRITE } from '../api/field_plans.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { textArea } from '../ui/customer_fields.js';
import { fill, h } from '../ui/element.js';
import { daysBefore, fieldLinks, logNumbers, logRow } from '../ui/field_plans.js';
import { today } from '../ui/finance_fields.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

export function mount(root) {
  const mayWrite = hasScope('field.view_own');
  const state = { date: today() };
  const mine = h('div', { class: 'field-log-own' });
  const recent = h('div', { class: 'field-log-recent' });

  function writeForm(log) {
    const submit = h('button', { type: 'submit', class: 'button button-block', dataset: { testid: 'log-save' } }, t('flog.save'));
    const dayChoice = field({ name: 'date', label: t('flog.for_day'), value: state.date, options: [today(), daysBefore(today())].map((day) => ({ value: day, label: formatDate(`${day}T12:00:00`, { dateStyle: 'full' }) })) });
    const form = h('form', { class: 'field-log-form', novalidate: true, 'aria-label': t('flog.today') }, formError(), dayChoice, textArea({ name: 'text', label: t('flog.text'), value: log ? log.text : '', maxlength: 5000, rows: 6 }), submit);
    form.elements.date.addEventListener('change', () => {
      state.date = form.elements.date.value;
      loadOwn();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      return busy(submit, async () => {
        try {
          const { workLogWrite: result } = await gql(WORK_LOG_WRITE, { date: state.date, text: form.elements.text.value });
          if (result.errors.length) return showErrors(form, result.errors);
          toast(t('flog.saved'), { kind: 'success' });
          drawOwn(result.log);
          return loadRecent();
        } catch (error) {
          return showErrors(form, [error]);
        }
      });
    });
    return form;
  }

  function drawOwn(log) {
    fill(
      mine,
      card(
        t('flog.today'),
        log ? [logNumbers(log), h('p', {}, h('a', { href: appUrl(`/field/logs/${log.id}`), dataset: { testid: 'log-open' } }, t('flog.comment_count', { count: formatNumber(log.comments.length) })))] : h('p', { class: 'muted' }, t('flog.not_written')),
        writeForm(log),
      ),
    );
  }

  async function loadOwn() {
    if (!mayWrite) return;
    fill(mine, loadingView(2));
    try {
      const { workLog } = await gql(WORK_LOG, { date: state.date });
      drawOwn(workLog);
    } catch (error) {
      fill(mine, errorView(error, { retry: loadOwn }));
    }
  }

  async function loadRecent() {
    fill(recent, loadingView(3));
    try {
      const { workLogs } = await gql(WORK_LOGS, {});
      fill(recent, card(t('flog.recent'), workLogs.length ? h('ul', { class: 'item-list', dataset: { testid: 'log-list' } }, workLogs.map(logRow)) : h('p', { class: 'muted' }, t('flog.recent_none'))));
    } catch (error) {
      fill(recent, errorView(error, { retry: loadRecent }));
    }
  }

  const load = () => Promise.all([loadOwn(), loadRecent()]);
  fill(root, screenHeader(t('flog.title')), fieldLinks('/field/logs'), mine, recent);
  load();
  return { refresh: load };
}
