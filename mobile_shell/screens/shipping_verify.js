/**
 * Pick and pack with scan-to-verify (拣货验货, for shipping.manage). Scan (or type) the order
 * number, the package number or the tracking number to open the package (an order without one
 * gets a packing shipment of everything open), then scan every item. After each scan the
 * server says what is still missing and what is extra, per SKU; extra items are highlighted
 * and must be taken out (−1) before the package counts as verified. A verified package ships
 * from here with its tracking number. The scan field keeps the focus, so a USB scanner (which
 * types and presses Enter) works without touching the screen; phones whose browser reads
 * barcodes get a camera button. The pick list for the orders to ship is at the bottom.
 */

import { SHIPMENT_CANCEL, SHIPMENT_LOOKUP, SHIPMENT_SHIP, VERIFY_RESET, VERIFY_SCAN, VERIFY_SHIPMENT, VERIFY_START } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, formError, showErrors } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { newKey, qty } from '../ui/quantity.js';
import { scannerField } from '../ui/scanner.js';
import { trackingField } from '../ui/shipping_carrier.js';
import { shippingSections } from '../ui/shipping_common.js';
import { pickListCard } from '../ui/shipping_pick.js';
import { printLinks } from '../ui/shipping_print.js';
import { shipmentResult } from '../ui/shipping_result.js';
import { errorText } from '../ui/states.js';
import { toast } from '../ui/toast.js';

function skuName(sku) {
  return `${sku.name}${sku.specLabel ? ` · ${sku.specLabel}` : ''}`;
}

function lineState(line) {
  if (Number(line.extra) > 0) return 'extra';
  if (Number(line.missing) > 0) return 'missing';
  return 'ok';
}

export function mount(root, { query }) {
  const state = { current: null, shipment: null };
  const packageSlot = h('div', {});
  const message = h('p', { class: 'verify-message', role: 'status', 'aria-live': 'polite' });
  const linesSlot = h('div', {});
  const shipSlot = h('div', {});
  const chooseSlot = h('div', {});

  const itemScanner = scannerField({ name: 'item', label: t('shipverify.item_label'), onCode: (code) => scan(code, 1) });
  const itemInput = itemScanner.querySelector('input');
  itemInput.setAttribute('inputmode', 'text');
  const packageScanner = scannerField({ name: 'package', label: t('shipverify.package_label'), onCode: (code) => open(code) });
  packageScanner.querySelector('input').setAttribute('inputmode', 'text');

  function say(text, { bad = false } = {}) {
    message.textContent = text;
    message.className = bad ? 'verify-message form-error' : 'verify-message';
    message.hidden = !text;
  }

  function outcomeText(verify, errors) {
    const sku = verify.scannedSku;
    if (errors.length) return { text: errors.map(errorText).join(' '), bad: true };
    switch (verify.outcome) {
      case 'MATCHED':
        return { text: t('shipverify.matched', { name: sku ? `${sku.code} ${sku.name}` : '' }) };
      case 'EXTRA':
        return { text: t('shipverify.extra', { name: sku ? `${sku.code} ${sku.name}` : '' }), bad: true };
      case 'REMOVED':
        return { text: t('shipverify.removed', { name: sku ? `${sku.code} ${sku.name}` : '' }) };
      case 'RESET':
        return { text: t('shipverify.reset_done') };
      default:
        return { text: t('shipverify.started') };
    }
  }

  function lineRow(line) {
    const mark = lineState(line);
    const chip = {
      extra: h('span', { class: 'chip chip-bad' }, t('shipverify.extra_n', { qty: qty(line.extra) })),
      missing: h('span', { class: 'chip chip-pending' }, t('shipverify.missing_n', { qty: qty(line.missing) })),
      ok: h('span', { class: 'chip' }, t('shipverify.line_ok')),
    }[mark];
    return h(
      'li',
      {
        class: `item-row verify-line verify-${mark}`,
        dataset: { skuCode: line.sku.code, state: mark, scanned: line.scanned, expected: line.expected },
        style: mark === 'extra' ? { borderLeft: '4px solid var(--bad)' } : null,
      },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, skuName(line.sku)),
        h('span', { class: 'muted small' }, [line.sku.code, line.sku.barcode].filter(Boolean).join(' · ')),
        h('span', { class: 'small' }, t('shipverify.counts', { expected: qty(line.expected), scanned: qty(line.scanned), unit: line.sku.baseUnit })),
      ),
      h(
        'div',
        { class: 'item-meta' },
        chip,
        Number(line.scanned) > 0 &&
          h(
            'button',
            {
              type: 'button',
              class: 'button button-quiet button-small',
              'aria-label': t('shipverify.remove_one', { code: line.sku.code }),
              onclick: () => scan(line.sku.barcode || line.sku.code, -1),
            },
            t('shipverify.minus_one'),
          ),
      ),
    );
  }

  function drawLines() {
    const verify = state.current;
    const extra = verify.lines.filter((line) => Number(line.extra) > 0);
    const missing = verify.lines.filter((line) => Number(line.missing) > 0);
    fill(
      linesSlot,
      h(
        'p',
        { class: 'verify-summary', dataset: { verified: String(verify.verified) } },
        verify.verified
          ? h('span', { class: 'chip', dataset: { verdict: 'verified' } }, t('shipverify.verified'))
          : h('span', { class: 'chip chip-pending', dataset: { verdict: 'open' } }, t('shipverify.not_verified')),
        ' ',
        h('span', { class: 'small' }, t('shipverify.totals', { missing: qty(verify.missingCount), extra: qty(verify.extraCount) })),
      ),
      extra.length > 0 && h('p', { class: 'form-error verify-extra-list' }, t('shipverify.take_out', { items: extra.map((line) => `${line.sku.code} ×${qty(line.extra)}`).join('，') })),
      !verify.verified && missing.length > 0 && h('p', { class: 'muted small verify-missing-list' }, t('shipverify.still_missing', { items: missing.map((line) => `${line.sku.code} ×${qty(line.missing)}`).join('，') })),
      h('ul', { class: 'item-list card', 'aria-label': t('shipverify.lines') }, verify.lines.map(lineRow)),
    );
    drawShip();
  }

  async function drawShip() {
    const verify = state.current;
    if (!verify.verified) {
      delete shipSlot.dataset.for;
      return fill(shipSlot);
    }
    if (!state.shipment || state.shipment.id !== verify.shipmentId) {
      try {
        state.shipment = (await gql(VERIFY_SHIPMENT, { id: verify.shipmentId })).shipment;
      } catch (error) {
        return fill(shipSlot, h('p', { class: 'form-error', role: 'alert' }, errorText(error)));
      }
    }
    if (state.current !== verify || shipSlot.dataset.for === verify.shipmentId) return undefined;
    shipSlot.dataset.for = verify.shipmentId;
    const tracking = trackingField({ label: t('shipform.tracking_label'), value: state.shipment.trackingNumber, carrierId: state.shipment.carrier?.id || '' });
    const submit = h('button', { type: 'submit', class: 'button' }, t('shipverify.ship'));
    const key = newKey('shipment-ship');
    const form = h('form', { class: 'card verify-ship', novalidate: true, 'aria-label': t('shipverify.ship_label', { number: verify.shipmentNumber }) }, h('h2', { class: 'card-title' }, t('shipverify.ship_title')), formError(), tracking.element, h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      const { trackingNumber, carrierId } = tracking.read();
      busy(submit, async () => {
        try {
          const input = { id: verify.shipmentId, trackingNumber, carrierId, idempotencyKey: key };
          const { shipmentShip: result } = await gql(SHIPMENT_SHIP, { input });
          if (result.errors.length) return showErrors(form, result.errors.map((error) => (error.field === 'id' ? { ...error, field: null } : error)));
          toast(t('shipform.shipped', { number: result.shipment.number }), { kind: 'success' });
          closePackage();
          fill(chooseSlot, shipmentResult(result.shipment));
          return packageScanner.querySelector('input').focus(); // ready for the next package
        } catch (error) {
          return showErrors(form, [error]);
        }
      });
    });
    return fill(shipSlot, form);
  }

  function apply(result) {
    if (result.state) {
      const changedPackage = !state.current || state.current.shipmentId !== result.state.shipmentId;
      state.current = result.state;
      if (changedPackage) drawPackage();
      drawLines();
    }
    const { text, bad } = result.state ? outcomeText(result.state, result.errors) : { text: result.errors.map(errorText).join(' '), bad: true };
    say(text, { bad });
    if (bad && result.state) toast(text, { kind: 'error' });
  }

  function drawPackage() {
    const verify = state.current;
    const reset = h('button', { type: 'button', class: 'button button-quiet button-small' }, t('shipverify.reset'));
    const close = h('button', { type: 'button', class: 'button button-quiet button-small' }, t('shipverify.close'));
    const cancel = h('button', { type: 'button', class: 'button button-danger-quiet button-small' }, t('shipverify.cancel_package'));
    reset.addEventListener('click', () =>
      busy(reset, async () => {
        try {
          apply((await gql(VERIFY_RESET, { shipmentId: verify.shipmentId })).shipmentVerifyReset);
        } catch (error) {
          say(errorText(error), { bad: true });
        }
        itemInput.focus();
      }),
    );
    close.addEventListener('click', () => {
      closePackage();
      packageScanner.querySelector('input').focus();
    });
    cancel.addEventListener('click', async () => {
      const ok = await confirmDialog({ title: t('shipverify.cancel_title', { number: verify.shipmentNumber }), message: t('shipverify.cancel_body'), confirmLabel: t('shipverify.cancel_package'), danger: true });
      if (!ok) return;
      try {
        const { shipmentCancel: result } = await gql(SHIPMENT_CANCEL, { id: verify.shipmentId });
        if (result.errors.length) return say(result.errors.map(errorText).join(' '), { bad: true });
        toast(t('shipverify.cancelled', { number: verify.shipmentNumber }), { kind: 'success' });
        closePackage();
      } catch (error) {
        say(errorText(error), { bad: true });
      }
      return undefined;
    });
    delete shipSlot.dataset.for;
    fill(
      packageSlot,
      h(
        'section',
        { class: 'card verify-package', dataset: { shipment: verify.shipmentNumber, order: verify.orderNumber } },
        h('h2', { class: 'card-title' }, t('shipverify.package_title', { number: verify.shipmentNumber, order: verify.orderNumber })),
        verify.trackingNumber && h('p', { class: 'muted small' }, t('shipverify.tracking', { number: verify.trackingNumber })),
        itemScanner,
        message,
        linesSlot,
        h('div', { class: 'form-actions' }, reset, printLinks(`/shipping/print/pick-list/?shipments=${encodeURIComponent(verify.shipmentId)}`, t('shipprint.pick_list')), cancel, close),
        shipSlot,
      ),
    );
    itemInput.focus();
  }

  function closePackage() {
    state.current = null;
    state.shipment = null;
    fill(packageSlot);
    fill(shipSlot);
    say('');
  }

  async function open(code) {
    fill(chooseSlot);
    try {
      const { shipmentVerifyStart: result } = await gql(VERIFY_START, { code });
      if (result.errors.some((error) => error.code === 'shipment_ambiguous')) return choose(code);
      if (!result.state) {
        toast(result.errors.map(errorText).join(' '), { kind: 'error' });
        return packageScanner.querySelector('input').focus();
      }
      state.current = null;
      return apply(result);
    } catch (error) {
      return toast(errorText(error), { kind: 'error' });
    }
  }

  /** An order with several packages: pick the one on the bench. */
  async function choose(code) {
    try {
      const { shipmentLookup: found } = await gql(SHIPMENT_LOOKUP, { code });
      const packing = found.filter((one) => one.status === 'packing');
      fill(
        chooseSlot,
        h(
          'section',
          { class: 'card' },
          h('h2', { class: 'card-title' }, t('shipverify.choose_title', { count: formatNumber(packing.length) })),
          h(
            'ul',
            { class: 'item-list' },
            packing.map((one) =>
              h('li', {}, h('button', { type: 'button', class: 'item-row', onclick: () => open(one.number) }, h('strong', {}, one.number), h('span', { class: 'muted small' }, [one.order.number, one.order.customerName, one.trackingNumber].filter(Boolean).join(' · ')))),
            ),
          ),
        ),
      );
    } catch (error) {
      toast(errorText(error), { kind: 'error' });
    }
  }

  async function scan(code, quantity) {
    const verify = state.current;
    if (!verify) return;
    try {
      const { shipmentVerifyScan: result } = await gql(VERIFY_SCAN, { shipmentId: verify.shipmentId, code, quantity });
      if (state.current?.shipmentId !== verify.shipmentId) return;
      apply(result);
    } catch (error) {
      say(errorText(error), { bad: true });
    }
    if (state.current) itemInput.focus(); // the next scan goes to the same field
  }

  say('');
  fill(
    root,
    screenHeader(t('shipverify.title')),
    shippingSections('shipping-verify'),
    h('section', { class: 'card' }, packageScanner, h('p', { class: 'muted small' }, t('shipverify.package_hint'))),
    chooseSlot,
    packageSlot,
    pickListCard(),
  );
  const asked = query.get('code');
  if (asked) open(asked);
  // After the router has focused the title: a scanner types into whatever has the focus.
  else setTimeout(() => packageScanner.querySelector('input').focus(), 0);
  return {};
}
