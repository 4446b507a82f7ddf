/**
 * 购物车: the cart kept on this phone, priced on the server as an order placed now would be
 * (distributorCartPrice: quantity breaks, today's lists), line by line with its problem — not
 * allowed for the level, off the case quantity — and the − / + stepping by cases. The total is
 * checked against the level's minimum order (起订金额) before 去结算 lets the person on.
 *
 * 导入购物车: a CSV or XLSX sheet of SKU codes or barcodes and quantities is posted with the cart
 * to /distribution/cart/import/. All or nothing: every bad row comes back named by its row (an
 * unknown code or one the level may not order, a bad quantity, off the case, a SKU twice) and the
 * cart stays as it was; otherwise the server answers the merged cart already priced, which
 * replaces this one and shows its prices at once.
 */

import { DISTRIBUTOR_CART_PRICE, MY_DISTRIBUTOR } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { on } from '../core/events.js';
import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { cartLines, clearCart, orderLines, quantityProblem, removeLine, replaceCart, setQuantity, stepQuantity } from '../ui/cart_store.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { lineProblemText, portalError, priceBlock, skuName } from '../ui/portal.js';
import { money } from '../ui/quantity.js';
import { postForm } from '../ui/shipping_common.js';
import { emptyView, errorText, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const IMPORT_URL = '/distribution/cart/import/';
const SHEETS = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function lineRow(line, priced, redraw) {
  const item = { sku: line.sku, caseQuantity: priced?.caseQuantity ?? line.caseQuantity, price: priced?.price ?? line.price };
  const name = skuName(line.sku);
  const typed = quantityProblem(line.quantity, item.caseQuantity);
  const problem = typed || priced?.problem || null;
  const input = h('input', {
    class: 'qty-input stepper-input',
    inputmode: 'decimal',
    autocomplete: 'off',
    value: line.quantity,
    'aria-label': t('portal.quantity_named', { name }),
    'aria-invalid': problem ? 'true' : null,
    onchange: (event) => {
      setQuantity(item, event.target.value);
      redraw();
    },
  });
  const step = (direction) => () => {
    stepQuantity(item, direction);
    redraw();
  };
  return h(
    'li',
    { class: 'item-row portal-cart-line', dataset: { skuCode: line.sku.code, problem: problem || null } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, name),
      h('span', { class: 'muted small' }, `${line.sku.code} · ${t('portal.per_unit', { unit: line.sku.baseUnit })}`),
      priced ? priceBlock(priced) : line.price && priceBlock({ price: line.price }),
      problem && h('span', { class: 'field-error portal-line-problem', role: 'alert' }, lineProblemText(problem, item.caseQuantity)),
    ),
    h(
      'div',
      { class: 'item-meta' },
      h(
        'div',
        { class: 'stepper portal-stepper' },
        h('button', { type: 'button', class: 'button button-quiet stepper-button', 'aria-label': t('portal.less_named', { name }), onclick: step(-1) }, '−'),
        input,
        h('button', { type: 'button', class: 'button button-quiet stepper-button', 'aria-label': t('portal.more_named', { name }), onclick: step(1) }, '+'),
      ),
      priced && !priced.problem && h('strong', { class: 'portal-line-amount' }, money(priced.amount)),
      h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('portal.remove_named', { name }), onclick: () => (removeLine(line.skuId), redraw()) }, t('portal.remove')),
    ),
  );
}

/** The sheet's problems, row by row: "第 3 行：商品编码或条码不存在…". */
function rowProblems(errors) {
  return errors.map((error) => {
    const match = /^rows\.(\d+)\./.exec(error.field || '');
    return h('li', { dataset: { field: error.field || '' } }, match ? t('portal.import_row_problem', { row: match[1], problem: errorText(error) }) : errorText(error));
  });
}

/** 导入购物车: `onImported({ lines, total })` with the merged cart, priced, once a sheet is taken. */
function importPanel(onImported) {
  const problems = h('ul', { class: 'portal-upload-problems', role: 'alert', hidden: true });
  const form = h('form', { class: 'portal-cart-import', novalidate: true, 'aria-label': t('portal.import_title') });
  const submit = h('button', { type: 'submit', class: 'button' }, t('portal.import'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    problems.hidden = true;
    const file = form.elements.file.files[0];
    if (!file) return showErrors(form, [{ field: 'file', code: 'file_invalid', message: t('portal.import_choose') }]);
    const data = new FormData();
    data.append('file', file);
    data.append('cart', JSON.stringify(orderLines()));
    return busy(submit, async () => {
      try {
        const body = await postForm(IMPORT_URL, data);
        if (body.errors?.length) {
          const rows = body.errors.filter((e) => /^rows\./.test(e.field || ''));
          const rest = body.errors.filter((e) => !/^rows\./.test(e.field || ''));
          if (rest.length) showErrors(form, rest);
          if (rows.length) {
            fill(problems, h('li', { class: 'portal-upload-summary' }, t('portal.import_refused', { count: rows.length })), rowProblems(rows));
            problems.hidden = false;
          }
          return undefined;
        }
        form.reset();
        const held = new Map(cartLines().map((line) => [line.skuId, line]));
        replaceCart(
          body.lines.map((line) => ({
            skuId: line.skuId,
            quantity: line.quantity,
            sku: line.sku || held.get(line.skuId)?.sku,
            caseQuantity: line.caseQuantity,
            price: line.price,
          })),
        );
        toast(t('portal.imported', { rows: body.rows, added: body.added }), { kind: 'success' });
        return onImported(body);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  fill(
    form,
    formError(),
    h('p', { class: 'hint' }, t('portal.import_hint')),
    field({ name: 'file', label: t('portal.import_file'), type: 'file', accept: SHEETS }),
    problems,
    h('div', { class: 'form-actions' }, submit),
  );
  return h('details', { class: 'card portal-import', open: !cartLines().length }, h('summary', { class: 'card-title' }, t('portal.import_title')), form);
}

export function mount(root) {
  const body = h('div', {});
  const state = { priced: null, distributor: null, token: 0 };
  const clear = h('button', { type: 'button', class: 'button button-quiet button-small' }, t('portal.clear_cart'));
  clear.addEventListener('click', async () => {
    if (await confirmDialog({ title: t('portal.clear_cart_title'), message: t('portal.clear_cart_body'), confirmLabel: t('portal.clear_cart') })) {
      clearCart();
      draw();
    }
  });

  function summary() {
    const lines = cartLines();
    const priced = state.priced;
    if (!priced) return h('p', { class: 'muted', role: 'status' }, t('state.loading'));
    const minimum = state.distributor ? Number(state.distributor.level.minOrderAmount) : 0;
    const total = Number(priced.total);
    const byId = new Map(priced.lines.map((line) => [line.skuId, line]));
    const problems = lines.some((line) => quantityProblem(line.quantity, line.caseQuantity) || byId.get(line.skuId)?.problem);
    const short = minimum > 0 && total < minimum;
    const go = h('a', { href: appUrl('/portal/checkout'), class: 'button', dataset: { testid: 'to-checkout' } }, t('portal.to_checkout'));
    if (problems || short) {
      go.setAttribute('aria-disabled', 'true');
      go.classList.add('button-disabled');
      go.addEventListener('click', (event) => event.preventDefault());
    }
    return h(
      'div',
      { class: 'form-actions sticky-actions order-actions-bar portal-cart-bar' },
      h(
        'div',
        { class: 'portal-cart-total', role: 'status' },
        h('strong', { dataset: { testid: 'cart-total' } }, t('portal.total', { amount: money(priced.total) })),
        short && h('span', { class: 'small portal-short' }, t('portal.below_minimum', { minimum: money(state.distributor.level.minOrderAmount), missing: money((minimum - total).toFixed(2)) })),
        problems && h('span', { class: 'small field-error' }, t('portal.fix_lines')),
      ),
      go,
    );
  }

  function draw() {
    const lines = cartLines();
    if (!lines.length) {
      fill(body, emptyView({ iconName: 'order', title: t('portal.cart_empty'), action: h('a', { href: appUrl('/portal/catalog'), class: 'button' }, t('portal.catalog')) }));
      return;
    }
    // Priced lines follow the cart's order; a line added since the last pricing shows its guide price.
    const priced = new Map((state.priced?.lines || []).map((line) => [line.skuId, line]));
    const current = lines.every((line) => priced.get(line.skuId) && Number(priced.get(line.skuId).quantity) === Number(line.quantity));
    fill(
      body,
      card(
        null,
        h('ul', { class: 'item-list', 'aria-label': t('portal.cart') }, lines.map((line) => lineRow(line, current ? priced.get(line.skuId) : null, draw))),
      ),
      current ? summary() : h('p', { class: 'muted', role: 'status' }, t('state.loading')),
    );
    if (!current) price();
  }

  let timer = 0;
  function price() {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const token = ++state.token;
      const lines = orderLines();
      if (!lines.length) return;
      try {
        const { distributorCartPrice } = await gql(DISTRIBUTOR_CART_PRICE, { lines });
        if (token !== state.token) return;
        state.priced = distributorCartPrice;
        draw();
      } catch (error) {
        if (token === state.token) fill(body, portalError(error, draw));
      }
    }, 250);
  }

  async function load() {
    if (cartLines().length && !state.priced) fill(body, loadingView(3));
    state.priced = null;
    try {
      state.distributor = (await gql(MY_DISTRIBUTOR)).myDistributor;
    } catch (error) {
      fill(body, portalError(error, load));
      return;
    }
    draw();
  }

  const imported = importPanel(({ lines, total }) => {
    state.priced = { lines, total };
    state.token += 1; // a pricing still on its way is of the cart before the import
    draw();
  });
  fill(root, screenHeader(t('portal.cart'), h('a', { href: appUrl('/portal/catalog'), class: 'button button-quiet button-small' }, t('portal.continue')), clear), body, imported);
  load();
  const stop = on('cart:changed', () => (clear.hidden = !cartLines().length));
  clear.hidden = !cartLines().length;
  return { refresh: load, unmount: stop };
}
