// api.js — the JSON API as the pages use it. Two ways to be signed in:
// a bearer token (programs, demonstrations) kept in sessionStorage and read
// on every call, so a token revoked or changed elsewhere is noticed at the
// next call; or a session cookie from a sign-in link (HttpOnly, sent by the
// browser itself on these same-origin calls), whose changes carry the
// X-CSRF-Token the service gave at sign-in (kept in sessionStorage too). Every call is recorded in
// window.peerslotCalls ({ method, path, status }) so the browser tests can
// count what was sent.
const kTokenKey = "peerslot-token";
window.peerslotCalls = [];

export const token = () => sessionStorage.getItem(kTokenKey) || "";
export const setToken = (value) => (value ? sessionStorage.setItem(kTokenKey, value) : sessionStorage.removeItem(kTokenKey));
const kCsrfKey = "peerslot-csrf";
export const csrf = () => sessionStorage.getItem(kCsrfKey) || "";
export const setCsrf = (value) => (value ? sessionStorage.setItem(kCsrfKey, value) : sessionStorage.removeItem(kCsrfKey));

// A refusal by the service (problem+json): its plain words without a leading
// "field: ", with the status, field and machine code kept for the page.
export class Refusal extends Error {
  constructor(status, data) {
    const detail = (data && typeof data === "object" && (data.detail || data.title)) || `The service refused (${status})`;
    const field = data && data.field;
    const words = field && detail.startsWith(field + ": ") ? detail.slice(field.length + 2) : detail;
    super(words.charAt(0).toUpperCase() + words.slice(1));
    this.status = status;
    this.field = field || null;
    this.code = (data && data.code) || null;
  }
}
// The service did not answer (stopped, or the network is down).
export class Unreachable extends Error {
  constructor() { super("The service is not responding."); }
}
// The token is no longer accepted (expired or revoked).
export class SignedOut extends Error {
  constructor() { super("Your sign-in has expired or been revoked. Sign in again."); }
}

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`);
export { newKey };

// api("POST", "/requests/R1/booking", { week }, { "Idempotency-Key": k }) → the reply's JSON (or text).
export async function api(method, path, body, headers = {}, { raw = false } = {}) {
  const bearer = token();
  const sent = bearer ? { Authorization: "Bearer " + bearer } : method !== "GET" && csrf() ? { "X-CSRF-Token": csrf() } : {};
  const options = { method, headers: { ...sent, ...headers }, cache: "no-store", credentials: "same-origin" };
  if (body !== undefined) {
    options.headers["Content-Type"] = headers["Content-Type"] || "application/json";
    options.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const record = { method, path, status: 0 };
  window.peerslotCalls.push(record);
  let response;
  try {
    response = await fetch(path, options);
  } catch {
    throw new Unreachable();
  }
  record.status = response.status;
  let text;
  try {
    text = await response.text();
  } catch {
    throw new Unreachable();
  }
  if (response.status === 401) throw new SignedOut();
  const isJson = (response.headers.get("Content-Type") || "").includes("json");
  let data = text;
  if (isJson && text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) throw new Refusal(response.status, data);
  return raw ? { text, type: response.headers.get("Content-Type") || "" } : data;
}

export const enc = encodeURIComponent;

// Every item of a list, page after page: each page is {[name]: [...], next},
// and `next` is the cursor of the page after it (null on the last).
export async function apiAll(path, name) {
  const items = [];
  for (let cursor = null; ;) {
    const separator = path.includes("?") ? "&" : "?";
    const page = await api("GET", `${path}${separator}limit=1000${cursor ? `&cursor=${enc(cursor)}` : ""}`);
    items.push(...page[name]);
    if (!page.next) return items;
    cursor = page.next;
  }
}
