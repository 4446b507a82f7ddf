/**
 * One rebate run (distribution.view; acting distribution.manage): its period, status, total and
 * lines — per distributor the rule, the purchases counted and why it pays (tier and rate, or rank)
 * — and what comes next: a draft is computed again (重新计算, its lines replaced) or approved with
 * an optional note; an approved run is posted (入账) to the rebate balances, once, after a
 * confirmation.
 */

import { REBATE_RUN, REBATE_RUN_APPROVE, REBATE_RUN_COMPUTE, REBATE_RUN_POST } from '../api/distribution_rewards.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { busy, field } from '../ui/form.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { money } from '../ui/quantity.js';
import { periodText, rebateLineRow, runStatus } from '../ui/rebate_lines.js';
import { emptyView, errorText } from '../ui/states.js';
import { toast } from '../ui/toast.js';

export function mount(root, { params }) {
  const head = h('div', {});
  const manage = hasScope('distribution.manage');
  // Managers compute and approve; posting credits the wallets, which is finance's.
  const posts = hasScope('finance.manage');
  const back = h('a', { href: appUrl('/network/rewards'), class: 'button button-quiet button-small' }, t('rebate.title'));
  let run = null;

  async function act(button, { mutation, variables, result, done, confirm = null }) {
    if (confirm && !(await confirmDialog(confirm))) return;
    await busy(button, async () => {
      try {
        const answer = (await gql(mutation, variables))[result];
        if (answer.errors.length) return toast(errorText(answer.errors[0]), { kind: 'error' });
        toast(t(done, { number: answer.run.number }), { kind: 'success' });
        return lines.load();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  }

  function actions(found) {
    if (found.status === 'posted') return null;
    if (found.status === 'approved') {
      if (!posts) return null;
      const post = h('button', { type: 'button', class: 'button', dataset: { testid: 'run-post' } }, t('rebate.post'));
      post.addEventListener('click', () =>
        act(post, {
          mutation: REBATE_RUN_POST,
          variables: { id: found.id },
          result: 'rebateRunPost',
          done: 'rebate.posted',
          confirm: { title: t('rebate.post_title', { number: found.number }), message: t('rebate.post_message', { count: formatNumber(found.lineCount), total: money(found.total) }), confirmLabel: t('rebate.post') },
        }),
      );
      return card(null, h('p', { class: 'muted small' }, t('rebate.approved_hint')), h('div', { class: 'form-actions' }, post));
    }
    if (!manage) return null;
    const note = field({ name: 'reviewNote', label: t('rebate.review_note'), maxlength: 200, autocomplete: 'off' });
    const approve = h('button', { type: 'button', class: 'button', dataset: { testid: 'run-approve' } }, t('rebate.approve'));
    const again = h('button', { type: 'button', class: 'button button-quiet' }, t('rebate.recompute'));
    approve.addEventListener('click', () => act(approve, { mutation: REBATE_RUN_APPROVE, variables: { id: found.id, note: note.querySelector('input').value.trim() || null }, result: 'rebateRunApprove', done: 'rebate.approved' }));
    again.addEventListener('click', () => act(again, { mutation: REBATE_RUN_COMPUTE, variables: { periodKind: found.periodKind, periodStart: found.periodStart }, result: 'rebateRunCompute', done: 'rebate.computed' }));
    return card(null, h('p', { class: 'muted small' }, t('rebate.draft_hint')), note, h('div', { class: 'form-actions' }, again, approve));
  }

  function drawHead(found) {
    run = found;
    fill(
      head,
      screenHeader(t('rebate.run_of', { period: periodText(found.periodKind, found.periodStart) }), back),
      card(
        null,
        facts([
          [t('rebate.number'), found.number],
          [t('rebate.status_label'), runStatus(found.status)],
          [t('rebate.period_label'), `${formatDate(found.periodStart)} – ${formatDate(found.periodEnd)}`],
          [t('rebate.total'), h('strong', { dataset: { testid: 'run-total' } }, money(found.total))],
          [t('rebate.computed_label'), `${formatDateTime(found.computedAt)} · ${found.computedBy}`],
          found.approvedAt && [t('rebate.approved_label'), formatDateTime(found.approvedAt)],
          found.reviewNote && [t('rebate.review_note'), found.reviewNote],
          found.postedAt && [t('rebate.posted_label'), formatDateTime(found.postedAt)],
        ]),
      ),
      actions(found),
      h('h2', { class: 'reward-section-title' }, t('rebate.lines')),
    );
  }

  const lines = pagedList({
    pageSize: 50,
    fetch: async (paging) => {
      const found = (await gql(REBATE_RUN, { id: params.id, ...paging })).rebateRun;
      if (paging.offset === 0) drawHead(found);
      return found.lines;
    },
    row: (line) => rebateLineRow(line, { title: line.distributorName }),
    label: () => t('rebate.lines'),
    count: (list) => t('rebate.line_count', { count: formatNumber(list.total) }),
    empty: () => emptyView({ iconName: 'wallet', title: t('rebate.lines_empty'), hint: run?.status === 'draft' ? t('rebate.lines_empty_hint') : '' }),
  });

  fill(head, screenHeader(t('rebate.run_title'), back));
  fill(root, head, lines.summary, lines.element);
  lines.load();
  return { refresh: () => lines.load() };
}
