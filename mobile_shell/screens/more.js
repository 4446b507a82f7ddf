/** Every navigation entry the user may open; the tab bar's "More" on phones when they do not fit. */

import { navScreens } from '../core/routes.js';
import { hasRole, hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { icon } from '../ui/icons.js';
import { screenHeader } from '../ui/layout.js';

export function mount(root) {
  const entries = navScreens(hasScope, hasRole);
  fill(
    root,
    screenHeader(t('nav.more')),
    h(
      'ul',
      { class: 'link-list card' },
      entries.map((screen) =>
        h('li', {}, h('a', { href: appUrl(screen.path), class: 'link-row' }, icon(screen.icon), t(screen.label))),
      ),
    ),
  );
  return {};
}
