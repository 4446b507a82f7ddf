/**
 * The app's icons: 24-unit stroked outlines drawn for Sparrow, inlined as SVG so they need no
 * request and follow the text colour. Decorative: hidden from screen readers (the label next
 * to an icon, or the button's aria-label, names the action).
 */

const SVG = 'http://www.w3.org/2000/svg';

const PATHS = {
  home: ['M3 11l9-8 9 8', 'M5 9.5V20h5v-6h4v6h5V9.5'],
  users: ['M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M2 21a7 7 0 0 1 14 0', 'M16 3.5a4 4 0 0 1 0 7', 'M18 14.5a7 7 0 0 1 4 6.5'],
  user: ['M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9z', 'M4 21a8 8 0 0 1 16 0'],
  bell: ['M6 16v-5a6 6 0 1 1 12 0v5l2 2H4z', 'M10 21h4'],
  upload: ['M12 15V4', 'M7 9l5-5 5 5', 'M4 15v5h16v-5'],
  download: ['M12 4v11', 'M7 10l5 5 5-5', 'M4 15v5h16v-5'],
  logout: ['M10 4H5v16h5', 'M15 8l4 4-4 4', 'M19 12H9'],
  offline: ['M3 3l18 18', 'M8.5 16.5a5 5 0 0 1 7 0', 'M5 12.5a10 10 0 0 1 4-2.3', 'M14.5 10.3a10 10 0 0 1 4.5 2.2', 'M12 20h.01'],
  refresh: ['M20 11a8 8 0 1 0-2.3 5.7', 'M20 4v7h-7'],
  plus: ['M12 5v14', 'M5 12h14'],
  more: ['M5 12h.01', 'M12 12h.01', 'M19 12h.01'],
  chevron: ['M9 6l6 6-6 6'],
  check: ['M5 12.5l4.5 4.5L19 7'],
  alert: ['M12 3l10 18H2z', 'M12 10v4', 'M12 17.5h.01'],
  inbox: ['M3 13l3-9h12l3 9', 'M3 13v7h18v-7h-6a3 3 0 0 1-6 0z'],
  globe: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M3 12h18', 'M12 3c2.5 2.7 3.5 5.7 3.5 9s-1 6.3-3.5 9c-2.5-2.7-3.5-5.7-3.5-9s1-6.3 3.5-9z'],
  clock: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M12 7v5l3 2'],
  truck: ['M2 6h12v10H2z', 'M14 10h4l4 4v2h-8', 'M6 20a2 2 0 1 0 0-4 2 2 0 0 0 0 4z', 'M18 20a2 2 0 1 0 0-4 2 2 0 0 0 0 4z'],
  customer: ['M6 3h13v18H6z', 'M12.5 11a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z', 'M8.5 17a4 4 0 0 1 8 0', 'M3.5 7H6', 'M3.5 12H6', 'M3.5 17H6'],
  order: ['M9 3.5h6v3H9z', 'M7 5H5v16h14V5h-2', 'M8.5 11h7', 'M8.5 14.5h7', 'M8.5 18h4'],
  phone: ['M5 3.5h3.5l2 5-2.5 1.5a11 11 0 0 0 6 6l1.5-2.5 5 2V19a2 2 0 0 1-2 2A17 17 0 0 1 3 5.5a2 2 0 0 1 2-2z'],
  wallet: ['M3 7h16a2 2 0 0 1 2 2v10H5a2 2 0 0 1-2-2z', 'M3 7V6a2 2 0 0 1 2-2h11v3', 'M16 13.5h.01'],
  chart: ['M4 4v16h16', 'M8 16v-4', 'M12 16V8', 'M16 16v-6'],
  undo: ['M9 5L4 10l5 5', 'M4 10h10a5 5 0 0 1 0 10h-3'],
  key: ['M8 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M12 12h9', 'M18 12v3', 'M21 12v2'],
  chat: ['M4 5h16v11H9l-5 4z', 'M8 9.5h8', 'M8 12.5h5'],
  pin: ['M12 21s-7-6.1-7-11.5a7 7 0 0 1 14 0C19 14.9 12 21 12 21z', 'M12 12a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z'],
};

export function icon(name, { size = 24 } = {}) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  for (const d of PATHS[name] || PATHS.more) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
