/**
 * A signature pad: the customer signs on a <canvas> with a finger, a pen or the mouse (pointer
 * events, so all three work the same way), with a button to clear it. The drawing is exported
 * as a PNG data URL, the form the sign-back endpoint takes. The canvas is sized for the
 * screen's pixel density, so the strokes are sharp on a phone.
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';

export function signaturePad({ label = t('signback.signature') } = {}) {
  const canvas = h('canvas', {
    class: 'signature-pad',
    role: 'img',
    'aria-label': label,
    style: { width: '100%', height: '200px', touchAction: 'none', background: '#fff', border: '1px solid var(--line)', borderRadius: 'var(--radius)', cursor: 'crosshair', display: 'block' },
  });
  const status = h('span', { class: 'muted small', 'aria-live': 'polite' }, t('signback.signature_empty'));
  const clear = h('button', { type: 'button', class: 'button button-quiet button-small' }, t('signback.clear'));
  let strokes = 0;
  let drawing = null; // the pointer id while a stroke is drawn
  let sized = false;

  function context() {
    if (!sized) {
      const ratio = window.devicePixelRatio || 1;
      const box = canvas.getBoundingClientRect();
      canvas.width = Math.max(1, Math.round(box.width * ratio));
      canvas.height = Math.max(1, Math.round(box.height * ratio));
      const ctx = canvas.getContext('2d');
      ctx.scale(ratio, ratio);
      ctx.lineWidth = 2.5;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = '#111';
      sized = true;
    }
    return canvas.getContext('2d');
  }

  function point(event) {
    const box = canvas.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  }

  canvas.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    drawing = event.pointerId;
    canvas.setPointerCapture?.(event.pointerId);
    const ctx = context();
    const [x, y] = point(event);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 0.1, y + 0.1); // a tap leaves a dot
    ctx.stroke();
  });
  canvas.addEventListener('pointermove', (event) => {
    if (drawing !== event.pointerId) return;
    const ctx = context();
    const [x, y] = point(event);
    ctx.lineTo(x, y);
    ctx.stroke();
  });
  const end = (event) => {
    if (drawing !== event.pointerId) return;
    drawing = null;
    strokes += 1;
    status.textContent = t('signback.signature_done');
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  function reset() {
    const ctx = context();
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.restore();
    strokes = 0;
    status.textContent = t('signback.signature_empty');
  }
  clear.addEventListener('click', reset);

  return {
    element: h('div', { class: 'signature-field' }, canvas, h('div', { class: 'form-actions' }, status, clear)),
    isEmpty: () => strokes === 0,
    toDataURL: () => canvas.toDataURL('image/png'),
    clear: reset,
  };
}
