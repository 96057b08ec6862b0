// The console's calls: same origin, the session cookie only (HttpOnly: this script never sees it),
// the CSRF token on every call that changes something. Nothing is kept in storage: the token and
// who signed in live in this module's memory, and a reload asks /console/api/me again.

let csrf = null;
let person = null;

/** A refusal as problem+json says it: status, title, detail. */
export class Problem extends Error {
  constructor(status, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

async function problemOf(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    // not JSON: the status says it
  }
  return new Problem(response.status, body && body.title, body && body.detail);
}

export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers[csrf.headerName] = csrf.token;
  if (person) headers['X-ChannelShift-User'] = person;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return null;
  return response.json();
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);

/** Who is signed in (and the CSRF token), or null when nobody is. */
export async function me() {
  try {
    const who = await get('/console/api/me');
    csrf = who.csrf;
    person = who.person;
    return who;
  } catch (e) {
    if (e instanceof Problem && e.status === 401) return null;
    throw e;
  }
}

export async function signIn(apiKey, name) {
  await call('POST', '/console/sign-in', name ? { apiKey, person: name } : { apiKey });
  return me();
}

export async function signOut() {
  await call('POST', '/console/sign-out');
  csrf = null;
  person = null;
}

/** An element with text children only: data never becomes markup. */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-')) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

export function time(ms) {
  return ms ? new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

export function show(element, text, kind) {
  element.textContent = text;
  element.className = kind;
  element.hidden = false;
}

/** A table of objects: the given columns, nested values as JSON. */
export function table(rows, columns) {
  const cols = columns || (rows.length ? Object.keys(rows[0]) : []);
  const cell = (v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
  return el('table', {},
    el('thead', {}, el('tr', {}, cols.map((c) => el('th', {}, c)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, cols.map((c) => el('td', {}, cell(r[c])))))));
}
