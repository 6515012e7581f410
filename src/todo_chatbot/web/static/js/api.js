// The HTTP client: bearer token in a header (never in a URL), errors as ApiError.

const TOKEN_KEY = 'todo.token';
const BASE = '/api/v1';

let token = sessionStorage.getItem(TOKEN_KEY) || localStorage.getItem(TOKEN_KEY) || null;
let onUnauthorized = () => {};

export function hasToken() {
  return token !== null;
}

export function authHeader() {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

// "Keep me signed in" keeps the token across browser restarts; otherwise only in this tab.
export function setToken(value, remember) {
  clearToken();
  token = value;
  (remember ? localStorage : sessionStorage).setItem(TOKEN_KEY, value);
}

export function clearToken() {
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(TOKEN_KEY);
}

export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export class ApiError extends Error {
  constructor(status, code, message, details = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

// 'body.tags.0' or ['body', 'tags', 0] -> 'tags'
export function fieldName(field) {
  const parts = Array.isArray(field) ? field.map(String) : String(field ?? '').split('.');
  const named = parts.filter((p) => p && !/^\d+$/.test(p) && !['body', 'query', 'path'].includes(p));
  return named[0] ?? '';
}

function problemsFrom(data) {
  const error = data?.error;
  if (error && Array.isArray(error.details)) {
    return error.details
      .filter((d) => d && typeof d === 'object')
      .map((d) => ({ field: fieldName(d.field ?? d.loc), message: String(d.message ?? d.msg ?? '') }));
  }
  if (Array.isArray(data?.detail)) {
    return data.detail.map((d) => ({ field: fieldName(d.loc), message: String(d.msg ?? '') }));
  }
  return [];
}

const STATUS_TEXT = {
  401: 'Please sign in again.',
  403: 'That is not allowed.',
  404: 'Not found. It may have been deleted.',
  409: 'That conflicts with existing data.',
  413: 'That is too large.',
  429: 'Too many requests. Wait a moment and try again.',
  503: 'The service is unavailable right now. Try again in a moment.',
};

export function url(path, query) {
  const target = new URL(BASE + path, location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '' && item !== false) {
        target.searchParams.append(key, String(item));
      }
    }
  }
  return target;
}

// The response prefetch.js started for this very request, if any. The first GET settles it:
// used then, or never (kept for a later identical request, it would show a stale list).
function takeEarly(target) {
  const early = globalThis.window?.todoEarlyFetch;
  if (!early) return null;
  window.todoEarlyFetch = null;
  if (early.token !== token || early.path !== target.pathname + target.search) return null;
  return early.response;
}

export async function api(path, { method = 'GET', body, query, signal, keepalive } = {}) {
  const headers = { Accept: 'application/json', ...authHeader() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const target = url(path, query);
  let response = method === 'GET' ? takeEarly(target) : null;
  try {
    response =
      (await response) ??
      (await fetch(target, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        keepalive,
        credentials: 'same-origin',
        cache: 'no-store',
      }));
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', "Couldn't reach the server. Check your connection and try again.");
  }
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = data?.error ?? {};
    const detailText = typeof data?.detail === 'string' ? data.detail : '';
    const message =
      error.message || detailText || STATUS_TEXT[response.status] || `Request failed (${response.status}).`;
    const code = error.code || `http_${response.status}`;
    if (response.status === 401 && token && !path.startsWith('/auth/login')) onUnauthorized();
    throw new ApiError(response.status, code, message, problemsFrom(data));
  }
  return data;
}
