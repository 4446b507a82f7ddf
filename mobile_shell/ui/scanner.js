/**
 * A barcode field for warehouse phones and counters: USB and Bluetooth scanners type the code
 * and press Enter (a "keyboard wedge"), so Enter submits; where the browser has BarcodeDetector
 * (Chrome on Android) a camera button reads the code from the back camera instead.
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { field } from './form.js';
import { toast } from './toast.js';

const FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'code_39', 'qr_code'];

/** One code read by the back camera (BarcodeDetector); '' when the person stops. */
export async function cameraScan() {
  const detector = new window.BarcodeDetector({ formats: FORMATS });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  const video = h('video', { class: 'scan-video', playsinline: true, muted: true });
  video.srcObject = stream;
  const stop = h('button', { type: 'button', class: 'button button-quiet button-block' }, t('scan.stop'));
  const dialog = h('dialog', { class: 'dialog scan-dialog', 'aria-label': t('scan.camera') }, video, stop);
  document.body.append(dialog);
  dialog.showModal();
  await video.play();
  let done = false;
  const close = () => {
    done = true;
    stream.getTracks().forEach((track) => track.stop());
    dialog.close();
    dialog.remove();
  };
  stop.addEventListener('click', close);
  dialog.addEventListener('cancel', close);
  while (!done) {
    const codes = await detector.detect(video).catch(() => []);
    if (codes.length) {
      close();
      return codes[0].rawValue;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return '';
}

/** A labelled input that calls onCode(code) on Enter or after a camera read; clears itself. */
export function scannerField({ name = 'barcode', label = t('scan.label'), onCode }) {
  const wrapper = field({
    name,
    label,
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
    enterkeyhint: 'search',
    placeholder: t('scan.hint'),
  });
  const input = wrapper.querySelector('input');
  const submit = (code) => {
    const value = String(code || '').trim();
    if (value) onCode(value);
  };
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // a wedge's Enter must not submit a surrounding form
    const value = input.value;
    input.value = '';
    submit(value);
  });
  if ('BarcodeDetector' in window && navigator.mediaDevices?.getUserMedia) {
    const camera = h(
      'button',
      {
        type: 'button',
        class: 'button button-quiet button-small scan-camera',
        onclick: async () => {
          try {
            submit(await cameraScan());
          } catch {
            toast(t('scan.camera_failed'), { kind: 'error' });
          }
        },
      },
      t('scan.camera'),
    );
    wrapper.querySelector('label').after(h('div', { class: 'scan-row' }, input, camera));
  }
  return wrapper;
}
