/**
 * The distributor's card on the home screen: its name and level, wallet and rebate balances and
 * credit (myDistributor), and one tap to 订货, 购物车 and 我的订单. People of the distributor role
 * only; anyone else's home has no such card.
 */

import { MY_DISTRIBUTOR } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { card } from './layout.js';
import { balanceFacts, cartLink, portalError } from './portal.js';
import { loadingView } from './states.js';

export function distributorHome() {
  const body = h('div', { dataset: { testid: 'distributor-home' } }, loadingView(2));
  const cart = cartLink();
  const links = h(
    'div',
    { class: 'form-actions portal-home-links' },
    h('a', { href: appUrl('/portal/catalog'), class: 'button' }, t('portal.catalog')),
    cart.element,
    h('a', { href: appUrl('/portal/orders'), class: 'button button-quiet button-small' }, t('portal.orders')),
  );
  async function load() {
    try {
      const { myDistributor: mine } = await gql(MY_DISTRIBUTOR);
      fill(body, h('p', {}, h('strong', {}, mine.name), ' ', h('span', { class: 'chip' }, mine.level.name)), balanceFacts(mine), links);
    } catch (error) {
      fill(body, portalError(error, load));
    }
  }
  load();
  return { element: card(t('portal.home_title'), body), refresh: load, stop: cart.stop };
}
