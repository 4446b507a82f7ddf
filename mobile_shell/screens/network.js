/**
 * 经销网络 (distribution.view): the network as a tree (distributorTree), each distributor under
 * its parent with its level, sales area, status, credit limit and wallet balances (cash and
 * rebates); a search narrows it to the matching distributors and their uplines. Links to the
 * price lists (价目表) and the network's channel stock (渠道库存).
 */

import { DISTRIBUTOR_TREE } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { money } from '../ui/quantity.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';

function nodeRow(node, byId) {
  const parent = node.parentId && byId.get(node.parentId);
  return h(
    'li',
    { class: 'item-row network-node', dataset: { depth: String(Math.min(node.depth, 6)), distributorId: node.id } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, node.name),
      h('span', { class: 'muted small' }, [node.code, node.salesArea, parent ? t('network.parent', { name: parent.name }) : t('network.root')].filter(Boolean).join(' · ')),
      h(
        'span',
        { class: 'roles' },
        h('span', { class: 'chip' }, node.level.name),
        node.status === 'suspended' && h('span', { class: 'chip chip-bad' }, t('network.suspended')),
      ),
    ),
    h(
      'div',
      { class: 'item-meta' },
      h('span', { dataset: { testid: 'node-balance' } }, t('network.balance', { amount: money(node.wallet.balance) })),
      h('span', { class: 'muted small' }, t('network.rebate', { amount: money(node.wallet.rebateBalance) })),
      Number(node.creditLimit) > 0 && h('span', { class: 'muted small' }, t('network.credit', { amount: money(node.creditLimit) })),
      h('a', { href: appUrl(`/network/stock?distributor=${node.id}&subtree=1`), class: 'small' }, t('network.stock_link')),
    ),
  );
}

/** The nodes matching `term`, with every upline of a match so the tree still reads top down. */
function matching(nodes, term) {
  if (!term) return nodes;
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const keep = new Set();
  const wanted = term.toLowerCase();
  for (const node of nodes) {
    if (![node.name, node.code, node.salesArea, node.level.name].some((text) => (text || '').toLowerCase().includes(wanted))) continue;
    for (let at = node; at && !keep.has(at.id); at = at.parentId && byId.get(at.parentId)) keep.add(at.id);
  }
  return nodes.filter((node) => keep.has(node.id));
}

export function mount(root) {
  const body = h('div', {});
  const summary = h('p', { class: 'muted', role: 'status' });
  const state = { tree: null, term: '' };
  const search = field({ name: 'search', label: t('network.search'), type: 'search', autocomplete: 'off', placeholder: t('network.search_hint') });
  search.querySelector('input').addEventListener('input', (event) => {
    state.term = event.target.value.trim();
    draw();
  });

  function draw() {
    const nodes = matching(state.tree.nodes, state.term);
    const byId = new Map(state.tree.nodes.map((node) => [node.id, node]));
    summary.textContent = t('network.count', { count: formatNumber(nodes.length) });
    fill(
      body,
      state.tree.truncated && h('p', { class: 'notice', role: 'note' }, t('network.truncated')),
      nodes.length
        ? h('ul', { class: 'item-list card network-tree', 'aria-label': t('network.title') }, nodes.map((node) => nodeRow(node, byId)))
        : emptyView({ iconName: 'users', title: t(state.term ? 'network.empty_search' : 'network.empty') }),
    );
  }

  async function load() {
    if (!state.tree) fill(body, loadingView(4));
    try {
      state.tree = (await gql(DISTRIBUTOR_TREE)).distributorTree;
      draw();
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }

  const actions = [
    h('a', { href: appUrl('/network/prices'), class: 'button button-quiet button-small' }, t('prices.title')),
    h('a', { href: appUrl('/network/stock'), class: 'button button-quiet button-small' }, t('cstock.title')),
  ];
  fill(root, screenHeader(t('network.title'), ...actions), h('form', { class: 'filters filters-stack', role: 'search', onsubmit: (event) => event.preventDefault() }, search), summary, body);
  load();
  return { refresh: load };
}
