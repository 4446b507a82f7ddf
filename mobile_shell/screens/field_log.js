/**
 * One work log (/field/logs/<id>, where the comment notification links): the rep, the day, the
 * numbers, the text and the managers' comments (点评), oldest first; a manager who sees the rep
 * comments (workLogComment). The log comes by its id (workLogGet).
 */

import { WORK_LOG_COMMENT, WORK_LOG_GET } from '../api/field_plans.js';
import { gql } from '../core/graphql.js';
import { hasScope, session } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatDateTime, t } from '../i18n/i18n.js';
import { textArea } from '../ui/customer_fields.js';
import { fill, h } from '../ui/element.js';
import { fieldLinks, logNumbers } from '../ui/field_plans.js';
import { busy, clearErrors, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

export function mount(root, { params }) {
  const me = session().user;
  const title = h('span', {}, t('flog.title'));
  const body = h('div', { class: 'field-log-body' });

  function commentForm(log) {
    const submit = h('button', { type: 'submit', class: 'button', dataset: { testid: 'log-comment-send' } }, t('flog.comment_send'));
    const form = h('form', { class: 'field-log-comment', novalidate: true, 'aria-label': t('flog.comment') }, formError(), textArea({ name: 'text', label: t('flog.comment'), maxlength: 1000, rows: 3 }), h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      return busy(submit, async () => {
        try {
          const { workLogComment: result } = await gql(WORK_LOG_COMMENT, { id: log.id, text: form.elements.text.value });
          if (result.errors.length) return showErrors(form, result.errors);
          toast(t('flog.commented'), { kind: 'success' });
          return draw(result.log);
        } catch (error) {
          return showErrors(form, [error]);
        }
      });
    });
    return form;
  }

  function draw(log) {
    title.textContent = t('flog.log_title', { name: log.rep.fullName });
    const mayComment = log.rep.id !== me.id && hasScope(['field.view_team', 'field.view_all']);
    const comments = log.comments.map((comment) =>
      h('li', { class: 'item-row', dataset: { testid: 'log-comment' } }, h('div', { class: 'item-main' }, h('strong', {}, comment.author.fullName), h('span', { class: 'log-text' }, comment.text)), h('span', { class: 'muted small' }, formatDateTime(comment.createdAt))),
    );
    fill(
      body,
      h('p', { class: 'field-summary' }, h('span', {}, formatDate(`${log.date}T12:00:00`, { dateStyle: 'full' })), h('span', { class: 'muted' }, t('flog.submitted_at', { time: formatDateTime(log.submittedAt) }))),
      card(t('flog.numbers'), logNumbers(log)),
      card(t('flog.body'), h('div', { class: 'log-text', dataset: { testid: 'log-text' } }, log.text.split('\n').map((line) => h('p', {}, line)))),
      card(t('flog.comments'), comments.length ? h('ul', { class: 'item-list' }, comments) : h('p', { class: 'muted' }, t('flog.comments_none')), mayComment && commentForm(log)),
    );
  }

  async function load() {
    fill(body, loadingView(3));
    try {
      const { workLogGet: log } = await gql(WORK_LOG_GET, { id: params.id });
      if (!log) return fill(body, emptyView({ iconName: 'order', title: t('flog.not_found'), hint: t('flog.not_found_hint'), action: h('a', { href: appUrl('/field/logs'), class: 'button button-small' }, t('flog.back')) }));
      return draw(log);
    } catch (error) {
      return fill(body, errorView(error, { retry: load }));
    }
  }

  fill(root, screenHeader(title), fieldLinks(''), body);
  load();
  return { refresh: load };
}
