/**
 * 拜访路线: a rep's check-ins of a day drawn as a schematic, without a map. The positions are
 * projected equirectangularly around their own middle (metres east and north of it; at the size
 * of a day's round an error far below a phone's fix), north up, fitted into the drawing at one
 * scale for both axes. Each check-in is a numbered dot in the day's order, consecutive dots are
 * joined by a line labelled with its great-circle distance, and a scale bar of a round number of
 * metres gives the size. Inline SVG only: no map tiles, no fonts or other requests.
 *
 * `routeSchematic(points)` is a pure function of the points (each { latitude, longitude }, WGS-84,
 * numbers or decimal strings): the same points give the same drawing, so it can be tested alone.
 */

import { formatNumber, t } from '../i18n/i18n.js';
import { distanceText } from './field_visits.js';

const SVG = 'http://www.w3.org/2000/svg';
// The server's radius (saas/fieldsales/geo.py): the labels add up to its distance travelled.
const EARTH_MEAN_RADIUS_M = 6371008.8;
const RADIANS = Math.PI / 180;
const COLOURS = { route: '#c2410c', label: '#374151', back: '#f8fafc', edge: '#d1d5db', halo: '#ffffff', scale: '#1f2937' };

export const VIEW = { width: 320, height: 220, margin: 26, scaleBand: 26 };
// A lone check-in, or several at one shop, still gets a drawing about this wide.
const SMALLEST_SPAN_M = 100;
// A line shorter than this on the drawing keeps its distance in the list, not on the line.
const SHORTEST_LABELLED = 30;
const DOT_RADIUS = 9;

function coordinates(point) {
  return { latitude: Number(point.latitude), longitude: Number(point.longitude) };
}

/** The great-circle distance in metres (haversine, as the server measures it). */
export function legMeters(a, b) {
  const from = coordinates(a);
  const to = coordinates(b);
  const latA = from.latitude * RADIANS;
  const latB = to.latitude * RADIANS;
  const dLat = latB - latA;
  const dLon = (to.longitude - from.longitude) * RADIANS;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(latA) * Math.cos(latB) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.sqrt(Math.min(1, h)));
}

/** Each leg's distance in metres, in order (one fewer than the points). */
export function routeLegs(points) {
  return points.slice(1).map((point, index) => legMeters(points[index], point));
}

/** The largest 1, 2 or 5 × 10ⁿ metres not above `limit` (at least 1 m). */
export function roundMeters(limit) {
  if (!(limit >= 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(limit));
  const step = [5, 2, 1].find((factor) => factor * power <= limit);
  return step * power;
}

/**
 * The points on the drawing: { xy: [[x, y], …] in the view's units, pixelsPerMeter }. Metres
 * east and north of the middle of the points, fitted with one scale into the view less its
 * margins and the band for the scale bar, centred.
 */
export function projectPoints(points, view = VIEW) {
  const places = points.map(coordinates);
  const latitudes = places.map((place) => place.latitude);
  const longitudes = places.map((place) => place.longitude);
  const middle = {
    latitude: (Math.min(...latitudes) + Math.max(...latitudes)) / 2,
    longitude: (Math.min(...longitudes) + Math.max(...longitudes)) / 2,
  };
  const perDegree = EARTH_MEAN_RADIUS_M * RADIANS;
  const east = (place) => (place.longitude - middle.longitude) * Math.cos(middle.latitude * RADIANS) * perDegree;
  const north = (place) => (place.latitude - middle.latitude) * perDegree;
  const metres = places.map((place) => [east(place), north(place)]);
  const spanX = Math.max(...metres.map(([x]) => x)) - Math.min(...metres.map(([x]) => x));
  const spanY = Math.max(...metres.map(([, y]) => y)) - Math.min(...metres.map(([, y]) => y));
  const width = view.width - 2 * view.margin;
  const height = view.height - 2 * view.margin - view.scaleBand;
  const pixelsPerMeter = Math.min(width / Math.max(spanX, SMALLEST_SPAN_M), height / Math.max(spanY, (SMALLEST_SPAN_M * height) / width));
  const centre = { x: view.margin + width / 2, y: view.margin + height / 2 };
  // The middle of the box around the points sits at the centre; north is up.
  const xy = metres.map(([x, y]) => [centre.x + x * pixelsPerMeter, centre.y - y * pixelsPerMeter]);
  return { xy, pixelsPerMeter };
}

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  // Presentation attributes, never a style attribute: the Content-Security-Policy refuses those.
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child);
  return element;
}

function round(value) {
  return Math.round(value * 10) / 10;
}

const LABEL_SIZE = 10;

// About how wide `text` is at LABEL_SIZE: CJK characters are square, Latin and digits about half.
function textWidth(text) {
  return [...text].reduce((sum, char) => sum + (char.charCodeAt(0) > 0x2e80 ? LABEL_SIZE : LABEL_SIZE * 0.58), 0);
}

function legLine([x1, y1], [x2, y2], meters, index) {
  const group = svg('g', { class: 'route-leg', 'data-leg': index + 1, 'data-meters': Math.round(meters) });
  group.append(svg('line', { x1: round(x1), y1: round(y1), x2: round(x2), y2: round(y2), stroke: COLOURS.route, 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-opacity': 0.75 }));
  const length = Math.hypot(x2 - x1, y2 - y1);
  if (length >= SHORTEST_LABELLED) {
    // Beside the middle of the line, on its left-hand normal, just far enough for the text's
    // box (its width estimated: no layout is needed to draw) to clear the line.
    const text = distanceText(Math.round(meters));
    const normal = [-(y2 - y1) / length, (x2 - x1) / length];
    const away = Math.abs(normal[0]) * (textWidth(text) / 2) + Math.abs(normal[1]) * LABEL_SIZE * 0.6 + 3;
    const x = (x1 + x2) / 2 + normal[0] * away;
    const y = (y1 + y2) / 2 + normal[1] * away;
    const label = svg('text', { class: 'route-leg-label', x: round(x), y: round(y), 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': LABEL_SIZE, fill: COLOURS.label, stroke: COLOURS.halo, 'stroke-width': 3, 'paint-order': 'stroke' });
    label.textContent = text;
    group.append(label);
  }
  return group;
}

function dot([x, y], index) {
  const number = svg('text', { x: round(x), y: round(y), 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': index >= 9 ? 9 : 11, 'font-weight': 700, fill: COLOURS.halo });
  number.textContent = String(index + 1);
  return svg('g', { class: 'route-point', 'data-index': index + 1 }, svg('circle', { cx: round(x), cy: round(y), r: DOT_RADIUS, fill: COLOURS.route, stroke: COLOURS.halo, 'stroke-width': 2 }), number);
}

function scaleBar(pixelsPerMeter, view) {
  const meters = roundMeters((view.width - 2 * view.margin) / 3 / pixelsPerMeter);
  const length = meters * pixelsPerMeter;
  const x = view.margin;
  const y = view.height - view.margin / 2 - 4;
  const line = (x1, y1, x2, y2) => svg('line', { x1: round(x1), y1: round(y1), x2: round(x2), y2: round(y2), stroke: COLOURS.scale, 'stroke-width': 1.5 });
  const label = svg('text', { x: round(x + length + 6), y: round(y), 'dominant-baseline': 'central', 'font-size': 10, fill: COLOURS.scale });
  label.textContent = distanceText(meters);
  return svg('g', { class: 'route-scale', 'data-meters': meters, 'data-length': round(length) }, line(x, y, x + length, y), line(x, y - 4, x, y + 4), line(x + length, y - 4, x + length, y + 4), label);
}

function northArrow(view) {
  const x = view.width - view.margin / 2 - 4;
  const y = view.margin / 2 + 2;
  const letter = svg('text', { x, y: y + 16, 'text-anchor': 'middle', 'font-size': 10, fill: COLOURS.scale });
  letter.textContent = t('field.route_north');
  return svg('g', { class: 'route-north', 'aria-hidden': 'true' }, svg('path', { d: `M${x} ${y - 6}l4 9h-8z`, fill: COLOURS.scale }), letter);
}

/**
 * The schematic of `points` (at least one, in the day's order) as an <svg> element: role img,
 * its summary as the accessible name (the list beside it gives the details).
 */
export function routeSchematic(points, view = VIEW) {
  const { xy, pixelsPerMeter } = projectPoints(points, view);
  const legs = routeLegs(points);
  const total = legs.reduce((sum, meters) => sum + meters, 0);
  const summary = t('field.route_summary', { count: formatNumber(points.length), distance: distanceText(Math.round(total)) });
  const title = svg('title');
  title.textContent = summary;
  return svg(
    'svg',
    { class: 'route-schematic', viewBox: `0 0 ${view.width} ${view.height}`, role: 'img', 'aria-label': summary, 'data-points': points.length, 'data-meters': Math.round(total), focusable: 'false' },
    title,
    svg('rect', { x: 0.5, y: 0.5, width: view.width - 1, height: view.height - 1, rx: 8, fill: COLOURS.back, stroke: COLOURS.edge }),
    ...legs.map((meters, index) => legLine(xy[index], xy[index + 1], meters, index)),
    ...xy.map((place, index) => dot(place, index)).reverse(), // the first check-in drawn on top
    scaleBar(pixelsPerMeter, view),
    northArrow(view),
  );
}
