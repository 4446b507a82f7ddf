/**
 * The "test a tracking number" box under a carrier's pattern: as the pattern or the sample
 * changes, it says whether the sample (normalised as the server does: upper case, no spaces or
 * hyphens) is a whole number of this pattern. Only feedback while typing: the browser's regular
 * expressions differ a little from the server's, and the server alone accepts or refuses a
 * pattern (pattern_invalid, pattern_unsafe). The match runs in a worker with a time limit, since
 * a pattern being typed may backtrack catastrophically and would otherwise freeze the page.
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { field } from './form.js';

const TIME_LIMIT_MS = 800;
const MAX_SAMPLE = 40; // the longest tracking number the server accepts

let worker = null;
let serial = 0;
const pending = new Map(); // request id → { resolve, timer }

function settleAll(state) {
  for (const [id, request] of pending) {
    clearTimeout(request.timer);
    request.resolve(state);
    pending.delete(id);
  }
}

function stopWorker() {
  if (worker) worker.terminate();
  worker = null;
}

function startWorker() {
  if (worker) return worker;
  worker = new Worker(new URL('./shipping_carrier_match_worker.js', import.meta.url));
  worker.onmessage = (event) => {
    const request = pending.get(event.data.id);
    if (!request) return;
    clearTimeout(request.timer);
    pending.delete(event.data.id);
    request.resolve(event.data.state);
  };
  worker.onerror = () => {
    stopWorker();
    settleAll('unknown');
  };
  return worker;
}

/** 'match' | 'nomatch' | 'unsupported' | 'timeout' | 'unknown'; never rejects. */
function match(pattern, sample) {
  return new Promise((resolve) => {
    try {
      const id = ++serial;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve('timeout');
        stopWorker(); // the only way to stop a regex that backtracks for ever
        settleAll('unknown');
      }, TIME_LIMIT_MS);
      pending.set(id, { resolve, timer });
      startWorker().postMessage({ id, pattern, sample });
    } catch {
      resolve('unknown'); // no workers here: the server still checks the pattern
    }
  });
}

export function normaliseTracking(value) {
  return String(value || '').replace(/[\s\-_/]+/g, '').toUpperCase();
}

/**
 * patternTester(patternInput) → { element, check() }: a sample field and a live verdict that
 * follows both the pattern input and the sample.
 */
export function patternTester(patternInput) {
  const sample = field({
    name: 'sample',
    label: t('shipcarrier.sample'),
    hint: t('shipcarrier.sample_hint'),
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: 60,
  });
  const sampleInput = sample.querySelector('input');
  const verdict = h('p', { class: 'small pattern-verdict', role: 'status', 'aria-live': 'polite', dataset: { state: 'idle' } });
  let token = 0;
  let timer = 0;

  function show(state, text) {
    verdict.dataset.state = state;
    verdict.textContent = text;
    const tone = { match: 'var(--good)', nomatch: 'var(--bad)', timeout: 'var(--bad)' }[state];
    verdict.style.color = tone || 'var(--muted)';
    verdict.style.fontWeight = tone ? '600' : '';
  }

  async function check() {
    const mine = ++token;
    const pattern = patternInput.value.trim();
    const number = normaliseTracking(sampleInput.value);
    if (!pattern) return show('no_pattern', t('shipcarrier.verdict.no_pattern'));
    try {
      new RegExp(pattern); // compiling cannot hang; matching can, so that waits for the worker
    } catch {
      return show('unsupported', t('shipcarrier.verdict.unsupported'));
    }
    if (!number) return show('idle', t('shipcarrier.verdict.idle'));
    if (number.length > MAX_SAMPLE) return show('nomatch', t('shipcarrier.verdict.too_long'));
    const state = await match(pattern, number);
    if (mine !== token) return undefined;
    if (state === 'match') return show('match', t('shipcarrier.verdict.match', { number }));
    if (state === 'nomatch') return show('nomatch', t('shipcarrier.verdict.nomatch', { number }));
    if (state === 'timeout') return show('timeout', t('shipcarrier.verdict.timeout'));
    if (state === 'unsupported') return show('unsupported', t('shipcarrier.verdict.unsupported'));
    return show('idle', '');
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 150);
  }
  patternInput.addEventListener('input', later);
  sampleInput.addEventListener('input', later);
  check();

  const element = h('div', { class: 'pattern-tester' }, sample, verdict);
  return { element, check };
}
