/**
 * h(): builds DOM elements from a tag, properties and children. Text always goes in as text
 * nodes, never as HTML, so data from the server cannot inject markup.
 *
 *   h('button', { class: 'button', type: 'button', onclick: save }, t('action.save'))
 *
 * Properties: "class", "text", "dataset" and "style" (objects), on<event> handlers, "value",
 * "checked", "selected" and "disabled" as properties; booleans add or omit the attribute; null
 * and undefined are skipped. Children may be nodes, strings, numbers, arrays, null or false.
 */

const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled', 'indeterminate']);

export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'style') Object.assign(element.style, value);
    else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (PROPERTIES.has(name)) element[name] = value;
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of `parent`. */
export function fill(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}
