/**
 * The app's side of the schema's choice and action enums (statuses, kinds, availableActions…):
 * the server speaks GraphQL's capitals (PENDING_REVIEW), the app keeps the model's values
 * (pending_review) that its comparisons, i18n keys, URLs and live events use. core/graphql.js
 * converts at the boundary, exactly at the paths enum_paths.js lists for each operation
 * (generated from the schema).
 */

import { ENUM_PATHS } from './enum_paths.js';

const OPERATION = /^\s*(?:query|mutation|subscription)\s+([A-Za-z_]\w*)/;

/** The name the operation gives itself after query or mutation; null for an anonymous one. */
export function operationName(query) {
  return OPERATION.exec(query)?.[1] ?? null;
}

function convert(value, convertText) {
  if (typeof value === 'string') return convertText(value);
  if (Array.isArray(value)) return value.map((item) => convert(item, convertText));
  return value;
}

// Replaces the value at `keys` below `node`, walking through lists; returns the new node.
function rewrite(node, keys, convertText, copy) {
  if (node === null || node === undefined) return node;
  if (Array.isArray(node)) return node.map((item) => rewrite(item, keys, convertText, copy));
  if (typeof node !== 'object' || !(keys[0] in node)) return node;
  const [key, ...rest] = keys;
  const target = copy ? { ...node } : node;
  target[key] = rest.length ? rewrite(node[key], rest, convertText, copy) : convert(node[key], convertText);
  return target;
}

// An empty choice means none was made: null, which every optional enum argument accepts.
const upper = (text) => (text ? text.toUpperCase() : null);
const lower = (text) => text.toLowerCase();

/** The variables as the schema wants them: a copy, the caller's object is left as it is. */
export function toServer(query, variables) {
  const paths = ENUM_PATHS[operationName(query)]?.variables || [];
  return paths.reduce((vars, path) => rewrite(vars, path.split('.'), upper, true), variables);
}

/** The answer's data with the model's values (changed in place: it is fresh from the network). */
export function fromServer(query, data) {
  const paths = ENUM_PATHS[operationName(query)]?.data || [];
  for (const path of paths) rewrite(data, path.split('.'), lower, false);
  return data;
}
