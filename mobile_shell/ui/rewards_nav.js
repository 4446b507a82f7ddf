/** The links between the workspace's profit-sharing and rebate screens (分润结算, 分润规则, 返利与奖励). */

import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { h } from './element.js';

const SCREENS = [
  ['/network/settlements', 'settle.title'],
  ['/network/commission-rules', 'crules.title'],
  ['/network/rewards', 'rebate.title'],
  ['/network', 'network.title'],
];

/** Every one but `current`, as quiet buttons for a screen header. */
export function rewardsLinks(current) {
  return SCREENS.filter(([path]) => path !== current).map(([path, label]) => h('a', { href: appUrl(path), class: 'button button-quiet button-small' }, t(label)));
}
