/** How the person hears of each kind of notification: in the app, by e-mail, both or neither. */

import { NOTIFICATION_PREFERENCE_SET, NOTIFICATION_PREFERENCES } from '../api/notifications.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { screenHeader } from '../ui/layout.js';
import { errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

function preferenceRow(preference) {
  const choose = async (input) => {
    const data = await gql(NOTIFICATION_PREFERENCE_SET, {
      input: { kind: preference.kind, inApp: input.inApp, email: input.email },
    });
    const answer = data.notificationPreferenceSet;
    if (answer.errors.length) throw new Error(answer.errors[0].message);
    Object.assign(preference, answer.preference);
  };
  const box = (name, label) =>
    h(
      'label',
      { class: 'check-row' },
      h('input', {
        type: 'checkbox',
        name,
        checked: preference[name],
        onchange: async (event) => {
          const wanted = { inApp: preference.inApp, email: preference.email, [name]: event.target.checked };
          try {
            await choose(wanted);
            toast(t('inbox.settings_saved'), { kind: 'success' });
          } catch (error) {
            event.target.checked = preference[name];
            toast(error.message || t('error.http_error'), { kind: 'error' });
          }
        },
      }),
      label,
    );
  return h(
    'li',
    { class: 'preference-row', dataset: { kind: preference.kind } },
    h('span', { class: 'preference-label' }, preference.label),
    box('inApp', t('inbox.in_app')),
    box('email', t('inbox.email')),
  );
}

export function mount(root) {
  const body = h('div', {}, loadingView(4));
  fill(root, screenHeader(t('inbox.settings_title')), body);

  async function load() {
    try {
      const data = await gql(NOTIFICATION_PREFERENCES);
      fill(body, h('ul', { class: 'plain-list card', 'aria-label': t('inbox.settings_title') }, data.notificationPreferences.map(preferenceRow)));
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load };
}
