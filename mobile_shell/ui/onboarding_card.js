/**
 * A new workspace's first screen: the checklist (company details, first warehouse, products
 * from Excel, colleagues, first order), each step ticked by the server from the workspace's own
 * data and linking to the screen that does it; "load sample data" fills a marked sample set,
 * "remove sample data" takes it out again, and the checklist can be put away.
 *
 * Shown on the home screen to people who manage the workspace, until it is complete or put away.
 */

import { ONBOARDING_DISMISS, SAMPLE_DATA_LOAD, SAMPLE_DATA_REMOVE } from '../api/dashboard.js';
import { gql } from '../core/graphql.js';
import { screenFor } from '../core/routes.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { confirmDialog } from './confirm.js';
import { h } from './element.js';
import { icon } from './icons.js';
import { card } from './layout.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

/** Where each step is done. Products come in from Excel on the import screen once it exists. */
function stepPath(key) {
  if (key === 'products') return screenFor('/imports') ? '/imports' : '/products';
  return { company: '/shipping/templates', warehouse: '/warehouses', colleagues: '/users', first_order: '/orders/new' }[key];
}

function stepRow(step) {
  const path = stepPath(step.key);
  const screen = path && screenFor(path)?.screen;
  const label = h('span', {}, t(`onboard.step.${step.key}`));
  const mark = h('span', { class: `onboard-mark${step.done ? ' onboard-done' : ''}`, 'aria-hidden': 'true' }, step.done ? icon('check', { size: 16 }) : null);
  const state = h('span', { class: 'visually-hidden' }, t(step.done ? 'onboard.done' : 'onboard.todo'));
  const body = !step.done && screen && hasScope(screen.scope) ? h('a', { href: appUrl(path) }, label) : label;
  return h('li', { class: 'onboard-step', dataset: { step: step.key, done: String(step.done) } }, mark, body, state);
}

/**
 * The card, or null when there is nothing to show. `changed()` reloads the home after an action.
 */
export function onboardingCard(onboarding, { changed }) {
  if (!onboarding || onboarding.dismissed || (onboarding.complete && !onboarding.sampleLoaded)) return null;
  const done = onboarding.steps.filter((step) => step.done).length;

  async function run(mutation, name, variables, message) {
    const buttons = panel.querySelectorAll('button');
    buttons.forEach((button) => (button.disabled = true));
    try {
      const answer = (await gql(mutation, variables))[name];
      if (answer.errors.length) toast(answer.errors[0].message, { kind: 'error', timeout: 8000 });
      else if (message) toast(t(message));
    } catch (error) {
      toast(errorText(error), { kind: 'error' });
    } finally {
      buttons.forEach((button) => (button.disabled = false));
      changed();
    }
  }

  async function remove() {
    const sure = await confirmDialog({ title: t('onboard.remove_title'), message: t('onboard.remove_message'), confirmLabel: t('onboard.remove'), danger: true });
    if (sure) run(SAMPLE_DATA_REMOVE, 'sampleDataRemove', {}, 'onboard.removed');
  }

  const sample = onboarding.sampleLoaded
    ? h(
        'div',
        { class: 'onboard-sample' },
        h('p', { class: 'small' }, t('onboard.sample_loaded')),
        h('button', { type: 'button', class: 'button button-danger-quiet button-small', dataset: { testid: 'sample-remove' }, onclick: remove }, t('onboard.remove')),
      )
    : h(
        'div',
        { class: 'onboard-sample' },
        h('p', { class: 'muted small' }, t('onboard.sample_hint')),
        h('button', { type: 'button', class: 'button button-quiet button-small', dataset: { testid: 'sample-load' }, onclick: () => run(SAMPLE_DATA_LOAD, 'sampleDataLoad', {}, 'onboard.loaded') }, t('onboard.load')),
      );
  const panel = card(
    t('onboard.title'),
    h('p', { class: 'muted small' }, t('onboard.progress', { done, total: onboarding.steps.length })),
    h('ol', { class: 'onboard-steps' }, onboarding.steps.map(stepRow)),
    sample,
    h('button', { type: 'button', class: 'button button-quiet button-small', dataset: { testid: 'onboarding-dismiss' }, onclick: () => run(ONBOARDING_DISMISS, 'onboardingDismiss', { dismissed: true }, null) }, t('onboard.dismiss')),
  );
  panel.dataset.testid = 'onboarding';
  return panel;
}
