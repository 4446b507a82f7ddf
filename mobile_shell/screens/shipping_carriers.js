/**
 * Carriers (快递公司, for shipping.manage): the built-in carriers and the workspace's own, each
 * with the tracking-number pattern that makes the shipping screens suggest it as a number is
 * typed. A new carrier of the workspace's own (a city courier, a local logistics company) is
 * added with its pattern, tried on a sample number first; own carriers can be edited. Built-in
 * carriers keep Sparrow's names and patterns: only their phone changes, and any carrier can be
 * switched off (it is no longer suggested or offered) and on again.
 */

import { CARRIERS_MANAGE, CARRIER_UPDATE } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { forgetCarriers } from '../ui/shipping_carrier.js';
import { carrierForm } from '../ui/shipping_carrier_form.js';
import { shippingSections } from '../ui/shipping_common.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

/** The shipping screens' row of links, with this screen's own link marked as the current one. */
function sections() {
  const nav = shippingSections('shipping-carriers');
  nav.append(
    h(
      'a',
      { href: appUrl('/shipping/carriers'), class: 'button button-small', 'aria-current': 'page', style: { flex: '0 0 auto', whiteSpace: 'nowrap' } },
      t('shipping.section.carriers'),
    ),
  );
  return nav;
}

function patternLine(carrier) {
  if (!carrier.trackingPattern) return h('p', { class: 'muted small' }, t('shipcarrier.no_pattern'));
  return h(
    'p',
    { class: 'small carrier-pattern-shown' },
    h('span', { class: 'muted' }, `${t('shipcarrier.pattern')}：`),
    h('code', { dir: 'ltr', style: { wordBreak: 'break-all' } }, carrier.trackingPattern),
  );
}

function toggleButton(carrier, reload) {
  const verb = carrier.isActive ? 'shipcarrier.deactivate' : 'shipcarrier.activate';
  const button = h(
    'button',
    {
      type: 'button',
      class: carrier.isActive ? 'button button-quiet button-small' : 'button button-small',
      'aria-label': t(`${verb}_for`, { name: carrier.name }),
      dataset: { toggle: carrier.isActive ? 'off' : 'on' },
    },
    t(verb),
  );
  button.addEventListener('click', () =>
    busy(button, async () => {
      try {
        const { carrierUpdate: result } = await gql(CARRIER_UPDATE, { id: carrier.id, input: { isActive: !carrier.isActive } });
        if (result.errors.length) return toast(result.errors.map(errorText).join(' '), { kind: 'error' });
        forgetCarriers();
        toast(t(result.carrier.isActive ? 'shipcarrier.activated' : 'shipcarrier.deactivated', { name: result.carrier.name }), { kind: 'success' });
        await reload();
        // The list is drawn anew: keep the keyboard on this carrier's (now opposite) switch.
        return document.querySelector(`.carrier-card[data-carrier-code="${CSS.escape(carrier.code)}"] [data-toggle]`)?.focus();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    }),
  );
  return button;
}

function carrierCard(carrier, reload) {
  const names = carrier.nameEn && carrier.nameEn !== carrier.nameZh ? `${carrier.nameZh} · ${carrier.nameEn}` : carrier.nameZh;
  const edit = h(
    'details',
    { class: 'warehouse-details carrier-details' },
    h('summary', {}, t(carrier.isBuiltin ? 'shipcarrier.edit_phone' : 'shipcarrier.edit')),
    carrierForm({ carrier, onSaved: reload }),
  );
  return h(
    'li',
    {
      class: `card carrier-card${carrier.isActive ? '' : ' warehouse-inactive'}`,
      dataset: { carrierCode: carrier.code, active: String(carrier.isActive), builtin: String(carrier.isBuiltin) },
    },
    h(
      'div',
      { class: 'warehouse-head' },
      h('h3', { class: 'card-title' }, carrier.name),
      h('span', { class: 'muted small' }, carrier.code),
      h('span', { class: 'chip' }, t(carrier.isBuiltin ? 'shipcarrier.builtin' : 'shipcarrier.own')),
      !carrier.isActive && h('span', { class: 'chip chip-bad' }, t('shipcarrier.inactive')),
      h('span', { style: { marginLeft: 'auto' } }, toggleButton(carrier, reload)),
    ),
    names !== carrier.name && h('p', { class: 'muted small' }, names),
    patternLine(carrier),
    carrier.phone && h('p', { class: 'small' }, h('span', { class: 'muted' }, `${t('shipcarrier.phone')}：`), h('a', { href: `tel:${carrier.phone.replace(/[^\d+]/g, '')}` }, carrier.phone)),
    edit,
  );
}

function group(title, carriers, reload, empty) {
  const headingId = `carriers-${Math.random().toString(36).slice(2, 9)}`;
  return h(
    'section',
    { class: 'carrier-group', 'aria-labelledby': headingId },
    h('h2', { class: 'subheading', id: headingId }, title),
    carriers.length
      ? h('ul', { class: 'carrier-list', style: { listStyle: 'none', padding: '0', margin: '0' } }, carriers.map((one) => carrierCard(one, reload)))
      : h('p', { class: 'muted' }, empty),
  );
}

export function mount(root) {
  const body = h('div', {});
  const back = h('a', { href: appUrl('/shipping'), class: 'button button-quiet' }, t('shipping.title'));
  let loaded = false;

  function draw(carriers) {
    const own = carriers.filter((one) => !one.isBuiltin);
    const builtin = carriers.filter((one) => one.isBuiltin);
    const create = h(
      'details',
      { class: 'card carrier-create-card', open: own.length === 0 },
      h('summary', { style: { cursor: 'pointer', fontWeight: '600', padding: '4px 0' } }, t('shipcarrier.create')),
      carrierForm({ onSaved: load }),
    );
    fill(
      body,
      h('p', { class: 'muted' }, t('shipcarrier.intro')),
      create,
      group(t('shipcarrier.own_title'), own, load, t('shipcarrier.own_empty')),
      group(t('shipcarrier.builtin_title'), builtin, load, t('shipcarrier.builtin_empty')),
    );
  }

  async function load() {
    if (!loaded) fill(body, loadingView(4));
    try {
      const { carriers } = await gql(CARRIERS_MANAGE);
      loaded = true;
      if (!carriers.length) return fill(body, emptyView({ iconName: 'inbox', title: t('shipcarrier.empty') }));
      return draw(carriers);
    } catch (error) {
      return fill(body, errorView(error, { retry: load }));
    }
  }

  fill(root, screenHeader(t('shipcarrier.title'), back), sections(), body);
  load();
  return { refresh: load };
}
