/**
 * Languages: which one is active, its catalogue, and locale-aware formatting of dates, numbers
 * and money (Intl, in the workspace's time zone and currency).
 *
 * Simplified Chinese unless the person picked English; the browser's locale is ignored, as on
 * the server. The choice is kept in localStorage and in the `sparrow_lang` cookie, so pages the
 * server renders (login, password reset) and server-side messages speak the same language.
 */

import { emit } from '../core/events.js';

export const LANGUAGES = [
  { code: 'zh-hans', name: '简体中文', intl: 'zh-CN', html: 'zh-Hans' },
  { code: 'en', name: 'English', intl: 'en-US', html: 'en' },
];
const DEFAULT = 'zh-hans';
const STORAGE_KEY = 'sparrow.lang';
const COOKIE = 'sparrow_lang';
const loaders = {
  'zh-hans': () => import('./zh-hans.js'),
  en: () => import('./en.js'),
};

let current = DEFAULT;
let strings = {};
let timeZone;

export function normaliseLanguage(value) {
  const lowered = String(value || '').trim().toLowerCase().replace('_', '-');
  if (lowered.startsWith('zh')) return 'zh-hans';
  if (lowered.startsWith('en')) return 'en';
  return null;
}

/** The language the person chose on this device, or null when they never chose. */
export function chosenLanguage() {
  let stored = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Private mode without storage: fall back to the cookie.
  }
  const cookie = document.cookie.match(/(?:^|;\s*)sparrow_lang=([^;]+)/);
  return normaliseLanguage(stored) || normaliseLanguage(cookie && cookie[1]);
}

export function language() {
  return current;
}

function intlLocale() {
  return LANGUAGES.find((entry) => entry.code === current).intl;
}

/** Loads and activates a language; `remember` keeps it as the device's choice. */
export async function useLanguage(code, { remember = false } = {}) {
  const next = normaliseLanguage(code) || DEFAULT;
  strings = (await loaders[next]()).default;
  const changed = next !== current;
  current = next;
  document.documentElement.lang = LANGUAGES.find((entry) => entry.code === next).html;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // The cookie below still remembers it.
    }
    const secure = location.protocol === 'https:' ? '; secure' : '';
    document.cookie = `${COOKIE}=${next}; path=/; max-age=31536000; samesite=lax${secure}`;
  }
  if (changed) emit('language:changed', next);
}

/** The string for `key`, with {name} placeholders filled; the key itself when it is missing. */
export function t(key, params) {
  let text = strings[key];
  if (text === undefined) {
    console.warn(`missing string: ${key}`);
    text = key;
  }
  if (params) text = text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  return text;
}

/** True when the catalogue has the key (for keys that come from the server, like to-do kinds). */
export function hasText(key) {
  return key in strings;
}

export function setTimeZone(zone) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    timeZone = zone;
  } catch {
    timeZone = undefined; // an unknown zone must not break every date on screen
  }
}

/**
 * A time zone as people say it, not its IANA id: "中国标准时间 (北京)" / "China Standard Time
 * (Beijing)". The catalogue names the common zones (tz.<id>); any other gets the browser's long
 * name with the city of its id.
 */
export function timeZoneLabel(zone) {
  if (!zone) return '';
  if (hasText(`tz.${zone}`)) return t(`tz.${zone}`);
  let name;
  try {
    const parts = new Intl.DateTimeFormat(intlLocale(), { timeZone: zone, timeZoneName: 'long' }).formatToParts(new Date());
    name = parts.find((part) => part.type === 'timeZoneName')?.value;
  } catch {
    return zone; // a zone this browser does not know: its id is all there is
  }
  const city = zone.split('/').pop().replace(/_/g, ' ');
  if (!name) return zone;
  return city === zone ? name : `${name} (${city})`;
}

/** A currency by its name in the language, with its code: "人民币 (CNY)" / "Chinese Yuan (CNY)". */
export function currencyLabel(code) {
  if (!code) return '';
  try {
    const name = new Intl.DisplayNames([intlLocale()], { type: 'currency' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

function asDate(value) {
  return value instanceof Date ? value : new Date(value);
}

export function formatDate(value, options = { dateStyle: 'medium' }) {
  if (!value) return '';
  return new Intl.DateTimeFormat(intlLocale(), { timeZone, ...options }).format(asDate(value));
}

export function formatDateTime(value) {
  return formatDate(value, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatNumber(value, options = {}) {
  return new Intl.NumberFormat(intlLocale(), options).format(value);
}

/** Money arrives as a decimal string; Intl formats the string exactly, without float rounding. */
export function formatMoney(amount, currency = 'CNY') {
  return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency }).format(amount);
}

/** "3 minutes ago" / "3 分钟前". */
export function formatRelative(value, now = Date.now()) {
  const seconds = Math.round((asDate(value).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(intlLocale(), { numeric: 'auto' });
  const steps = [
    [60, 'second'],
    [60, 'minute'],
    [24, 'hour'],
    [7, 'day'],
  ];
  let amount = seconds;
  for (const [size, unit] of steps) {
    if (Math.abs(amount) < size) return format.format(amount, unit);
    amount = Math.round(amount / size);
  }
  return formatDate(value);
}
