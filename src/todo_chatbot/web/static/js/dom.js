// Small DOM helpers: element building without innerHTML, form errors, a shared event bus.

export const bus = new EventTarget();

export function emit(name, detail) {
  bus.dispatchEvent(new CustomEvent(name, { detail }));
}

export function on(name, handler) {
  bus.addEventListener(name, (event) => handler(event.detail));
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

export function $$(selector, root = document) {
  return Array.from(root.querySelectorAll(selector));
}

// h('button', { class: 'x', onclick: fn, 'aria-label': 'Close' }, 'text', child)
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key in el && typeof value !== 'string') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : value);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

// Inline SVG icons from fixed markup (never user data).
const ICONS = {
  bell: '<path d="M12 3a6 6 0 0 0-6 6v3.6L4.5 15.5A1 1 0 0 0 5.4 17h13.2a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm-2.2 16a2.3 2.3 0 0 0 4.4 0Z"/>',
  edit: '<path d="m14.7 5.3 4 4L9 19H5v-4l9.7-9.7Zm1.4-1.4 1.6-1.6a1 1 0 0 1 1.4 0l2.6 2.6a1 1 0 0 1 0 1.4l-1.6 1.6-4-4Z"/>',
  trash: '<path d="M9 3h6l1 2h4v2H4V5h4l1-2Zm-3 6h12l-1 12H7L6 9Zm4 2v8h1.5v-8H10Zm3.5 0v8H15v-8h-1.5Z"/>',
  repeat:
    '<path d="M7 7h9.2l-2-2L15.6 3.6 20 8l-4.4 4.4-1.4-1.4 2-2H7a2 2 0 0 0-2 2v1H3v-1a4 4 0 0 1 4-4Zm12 5h2v1a4 4 0 0 1-4 4H7.8l2 2-1.4 1.4L4 16l4.4-4.4L9.8 13l-2 2H17a2 2 0 0 0 2-2v-1Z"/>',
  clock:
    '<path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm-1 3v6l5 3 1-1.7-4-2.3V7h-2Z"/>',
  send: '<path d="M3 20.5 21 12 3 3.5V10l12 2-12 2v6.5Z"/>',
  close:
    '<path d="m6.4 5 5.6 5.6L17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4 6.4 5Z"/>',
  check: '<path d="m9.5 16.2-4.2-4.2-1.4 1.4 5.6 5.6L21.1 7.4 19.7 6 9.5 16.2Z"/>',
  plus: '<path d="M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6V5Z"/>',
};

const iconCache = new Map();

export function icon(name) {
  let proto = iconCache.get(name);
  if (!proto) {
    proto = document.createElement('span');
    proto.className = 'icon';
    proto.setAttribute('aria-hidden', 'true');
    proto.innerHTML = `<svg viewBox="0 0 24 24" width="18" height="18" fill="currentColor" focusable="false">${ICONS[name]}</svg>`;
    iconCache.set(name, proto);
  }
  return proto.cloneNode(true);
}

// Clone a <template> and prefix every id (and the references to it) so copies can coexist.
export function cloneTemplate(id, prefix) {
  const fragment = document.getElementById(id).content.cloneNode(true);
  const root = fragment.firstElementChild;
  const fix = (value) =>
    value
      .split(/\s+/)
      .map((part) => `${prefix}-${part}`)
      .join(' ');
  for (const el of [root, ...root.querySelectorAll('*')]) {
    if (el.id) el.id = `${prefix}-${el.id}`;
    for (const attr of ['for', 'aria-describedby', 'aria-controls', 'aria-labelledby']) {
      const value = el.getAttribute(attr);
      if (value) el.setAttribute(attr, fix(value));
    }
  }
  return root;
}

// Field errors: an element with data-error-for="name" inside the form shows the message.
export function clearErrors(form) {
  for (const el of $$('[data-error-for]', form)) el.textContent = '';
  for (const el of $$('[aria-invalid="true"]', form)) el.removeAttribute('aria-invalid');
  const general = $('.form-error', form);
  if (general) general.textContent = '';
}

export function showErrors(form, problems, fallback) {
  let firstInvalid = null;
  const unplaced = [];
  for (const { field, message } of problems) {
    const slot = field && $(`[data-error-for="${CSS.escape(field)}"]`, form);
    if (!slot) {
      unplaced.push(field ? `${field}: ${message}` : message);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
    const input = form.elements.namedItem(slot.dataset.inputName || field);
    const target = input instanceof RadioNodeList ? input[0] : input;
    if (target) {
      target.setAttribute('aria-invalid', 'true');
      firstInvalid ??= target;
    }
  }
  const general = $('.form-error', form);
  if (general && (unplaced.length || (!problems.length && fallback))) {
    general.textContent = unplaced.length ? unplaced.join(' ') : fallback;
  }
  (firstInvalid ?? general)?.focus?.();
}
