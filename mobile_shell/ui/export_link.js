/**
 * "导出 Excel" on a list: a download of /reports/<name>.xlsx with the list's filters as they
 * are when it is tapped (saas/reports/list_exports.py reads them through the list's own
 * selector, so the file holds what the list shows this user).
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';

/** `filters()` returns the query parameters now ({ q: 'abc', active: 'true' }); empty ones are left out. */
export function exportLink(name, filters) {
  const url = () => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters())) if (value !== '' && value !== null && value !== undefined) params.set(key, String(value));
    const query = params.toString();
    return `/reports/${name}.xlsx${query ? `?${query}` : ''}`;
  };
  const link = h('a', { href: url(), class: 'button button-quiet button-small', download: '', dataset: { export: name } }, t('export.xlsx'));
  link.addEventListener('click', () => {
    link.href = url(); // the filters of this moment
  });
  return link;
}
