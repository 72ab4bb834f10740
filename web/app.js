// peerslot web pages: one script, no framework, no external network.
// Design: sign in with a bearer token (typed, or carried in the link as
// #token=...), ask /me who it is, then render the home page for the role:
// council (weeks calendar, ranked options, book/reschedule/cancel,
// blackouts and preferences), peer (offered weeks, day cap and skills,
// assignments, calendar feed) or office (charts, unscheduled, solve, import
// and export). Every change goes through the JSON API; errors show the
// problem+json detail, which names the field.
"use strict";

const state = { token: sessionStorage.getItem("peerslot-token") || "", me: null };
const $ = (selector) => document.querySelector(selector);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "style") node.style.cssText = value;  // CSSOM: allowed by the page's Content-Security-Policy
    else if (value !== false && value !== undefined && value !== null) node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function say(message, isError = false) {
  const box = $("#status");
  box.textContent = message;
  box.className = isError ? "status error" : "status";
}

// A refusal as people read it: the problem's words without the leading
// "field: ", with its status and machine code kept for the page.
class Refusal extends Error {
  constructor(status, data) {
    const detail = (data && (data.detail || data.title)) || "The request failed";
    const words = data && data.field && detail.startsWith(data.field + ": ") ? detail.slice(data.field.length + 2) : detail;
    super(words.charAt(0).toUpperCase() + words.slice(1));
    this.status = status;
    this.code = data && data.code;
  }
}

async function api(method, path, body, headers = {}) {
  const options = { method, headers: { Authorization: "Bearer " + state.token, ...headers } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    throw new Error("The service is not responding. Check your connection and try again in a moment.");
  }
  const text = await response.text();
  const data = text && response.headers.get("Content-Type")?.includes("json") ? JSON.parse(text) : text;
  if (response.status === 401 && state.me) {
    signOut();
    throw new Error("Your sign-in has expired or been revoked. Sign in again.");
  }
  if (!response.ok) throw new Refusal(response.status, data);
  return data;
}

function confirmAction(text) {
  const dialog = $("#confirm");
  $("#confirm-text").textContent = text;
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true }));
}

// Runs one action at a time: while it is in flight every button of the
// page is disabled, so a second click never sends a second change.
async function run(action, success) {
  const buttons = [...document.querySelectorAll("#page button:not([disabled])")];
  buttons.forEach((b) => { b.disabled = true; });
  document.body.setAttribute("aria-busy", "true");
  try {
    await action();
    if (success) say(success);
  } catch (error) {
    say(error.message, true);
  } finally {
    buttons.forEach((b) => { if (b.isConnected) b.disabled = false; });
    document.body.removeAttribute("aria-busy");
  }
}

// --- dates ------------------------------------------------------------------

const iso = (date) => date.toISOString().slice(0, 10);
const addDays = (text, n) => { const d = new Date(text + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + n); return iso(d); };
function mondaysBetween(start, end) {
  const weeks = [];
  let d = new Date(start + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  for (; iso(d) <= end; d.setUTCDate(d.getUTCDate() + 7)) weeks.push(iso(d));
  return weeks;
}
const kMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"];
const kDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
// "7 May 2012", "Monday 7 May 2012", "7 May": dates as people write them.
const dateWords = (text) => { const d = new Date(text + "T00:00:00Z"); return `${d.getUTCDate()} ${kMonths[d.getUTCMonth()]} ${d.getUTCFullYear()}`; };
const dayWords = (text) => kDays[new Date(text + "T00:00:00Z").getUTCDay()] + " " + dateWords(text);
const shortDate = (text) => dateWords(text).replace(/ \d+$/, "");
const rangeWords = (a, b) => (a === b ? dateWords(a) : `${dateWords(a)} to ${dateWords(b)}`);
const money = (amount, currency = "GBP") =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
const person = (p) => `${p.name}, ${(p.role_title || p.role || "").toLowerCase()}${p.council_name ? " from " + p.council_name : ""}`;
const within = (ranges, day) => ranges.some((r) => r.start <= day && day <= r.end);
function rangesField(id, label, ranges) {
  const text = ranges.map((r) => `${r.start}..${r.end}`).join("\n");
  return [el("label", { for: id }, label), el("textarea", { id, rows: 3, cols: 30, "aria-describedby": id + "-hint" }, text),
          el("p", { id: id + "-hint", class: "hint" }, "One range a line: YYYY-MM-DD..YYYY-MM-DD")];
}
function readRanges(id) {
  return $("#" + id).value.split("\n").map((l) => l.trim()).filter(Boolean).map((line) => {
    const [start, end] = line.split("..").map((s) => s.trim());
    return { start, end: end || start };
  });
}

// --- sign in ----------------------------------------------------------------

async function signIn(token) {
  state.token = token;
  try {
    state.me = await api("GET", "/me");
  } catch (error) {
    state.token = "";
    sessionStorage.removeItem("peerslot-token");
    say("Sign-in failed: " + error.message, true);
    return;
  }
  sessionStorage.setItem("peerslot-token", token);
  $("#sign-in").hidden = true;
  $("#sign-out").hidden = false;
  $("#who").textContent = `Signed in as ${state.me.display_name || state.me.name}`;
  say("");
  await showHome();
}

function signOut() {
  sessionStorage.removeItem("peerslot-token");
  state.token = "";
  state.me = null;
  $("#page").hidden = true;
  $("#sign-in").hidden = false;
  $("#sign-out").hidden = true;
  $("#who").textContent = "";
}

async function showHome() {
  const page = $("#page");
  page.hidden = false;
  page.replaceChildren(el("p", {}, "Loading…"));
  const render = { council: councilPage, peer: peerPage, office: officePage }[state.me.role];
  await run(() => render(page));
}

// --- council ----------------------------------------------------------------

async function councilPage(page) {
  const council = await api("GET", `/councils/${encodeURIComponent(state.me.council)}`);
  const requests = await api("GET", `/councils/${encodeURIComponent(council.id)}/requests`);
  const picker = el("select", { id: "request-picker", onchange: () => showRequest(picker.value) },
                    requests.map((r) => el("option", { value: r.id },
                      `${r.title || r.kind}, ${r.days} days on site${r.booking ? ": booked for the week of " + dayWords(r.booking.week) : ""}`)));
  page.replaceChildren(
    el("h2", {}, council.name || council.id),
    el("label", { for: "request-picker" }, "Challenge request"), picker,
    el("div", { id: "request-view" }),
    el("section", { class: "card", "aria-labelledby": "blackouts-title" },
       el("h3", { id: "blackouts-title" }, "Blackout periods (no challenge on site)"),
       rangesField("blackouts", "Blackouts", council.blackouts || []),
       el("button", { type: "button", id: "save-blackouts", onclick: () => run(async () => {
         await api("PATCH", `/councils/${encodeURIComponent(council.id)}`, { blackouts: readRanges("blackouts") });
         await showRequest(picker.value);
       }, "Blackouts saved") }, "Save blackouts")));
  if (requests.length) await showRequest(requests[0].id);
}

function legend() {
  const item = (cls, text) => el("span", {}, el("i", { class: "week " + cls }), text);
  return el("p", { class: "legend" }, item("free", "usable"), item("full", "full"), item("blocked", "blocked"),
            item("booked", "your booking"));
}

async function showRequest(id) {
  const view = $("#request-view");
  const request = await api("GET", `/requests/${encodeURIComponent(id)}`);
  const weeks = await api("GET", `/requests/${encodeURIComponent(id)}/weeks`);
  const booking = request.booking;
  const words = (w) => (w.status === "free" ? "can be booked" : w.status === "booked" ? "your booking" : w.reason);
  const grid = el("div", { class: "weeks", "aria-label": "Weeks", role: "group" }, weeks.weeks.map((w) =>
    el("button", {
      type: "button", class: "week " + w.status, "data-week": w.week,
      "aria-label": `Week of ${dayWords(w.week)}: ${words(w)}`,
      "aria-disabled": w.status === "free" ? null : "true",
      onclick: () => (w.status === "free" ? book(request, w.week) : explainWeek(w)) }, shortDate(w.week))));
  const options = el("ol", { id: "options" }, weeks.options.map((o) =>
    el("li", {}, el("strong", {}, `Week of ${dayWords(o.week)}`),
       el("ul", { class: "reasons" }, o.reasons.map((r) => el("li", {}, r))),
       el("p", {}, "Proposed team: " + o.team.map(person).join("; ")),
       el("button", { type: "button", class: "secondary", "data-book": o.week, onclick: () => book(request, o.week) },
          booking ? "Move here" : "Book this week"))));
  const fee = request.fee > 0
    ? el("p", { id: "fee" }, `A subject peer challenge is paid: this one costs your council ${money(request.fee)} for ${request.days} days on site.`)
    : null;
  view.replaceChildren(
    el("section", { class: "card", id: "booking" }, el("h3", {}, "Booking"), fee, bookingSummary(request)),
    el("h3", {}, booking ? "Other weeks you could move to" : "Best weeks"),
    weeks.options.length ? options : el("p", {}, "No week can be booked at present."),
    el("h3", {}, "All weeks"), legend(),
    el("p", { class: "hint" }, "Choose a week to book it, or to see why it cannot be booked."), grid,
    el("p", { id: "week-reason", role: "status", "aria-live": "polite" }),
    preferencesCard(request));
}

// Why a week cannot be booked, said where touch and keyboard users see it.
function explainWeek(w) {
  $("#week-reason").textContent = w.status === "booked" ? `The week of ${dayWords(w.week)} is your booking.`
                                                        : `The week of ${dayWords(w.week)} cannot be booked: ${w.reason}.`;
}

function bookingSummary(request) {
  const b = request.booking;
  if (!b) return el("p", { id: "booking-state" }, "Not booked yet. Choose one of the best weeks, or any usable week below.");
  const milestones = (b.milestones || []).map((m) => el("li", {}, `${m.title}: ${rangeWords(m.start, m.end)}`));
  return el("div", {},
    el("p", { id: "booking-state" }, `Booked for the week of ${dayWords(b.week)}.`),
    el("p", {}, `Reference: ${b.reference}. Days on site: ${(b.on_site || []).map(dayWords).join(", ")}.`),
    el("p", { id: "team" }, "Team: " + (b.peers || []).map((p) => `${person(p)} (${p.status})`).join("; ")),
    el("h4", {}, "What happens next"), el("ul", { id: "milestones" }, milestones),
    el("p", {},
       el("button", { type: "button", class: "secondary", id: "add-to-calendar", onclick: () => addToCalendar(request) }, "Add to calendar"), " ",
       el("button", { type: "button", class: "secondary", id: "cancel-booking", onclick: () => cancel(request) }, "Cancel booking")));
}

async function addToCalendar(request) {
  await run(async () => {
    const text = await api("GET", `/requests/${encodeURIComponent(request.id)}/booking.ics`);
    const link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/calendar" })), download: "peer-challenge.ics" });
    link.click();
  });
}

function preferencesCard(request) {
  return el("section", { class: "card" }, el("h3", {}, "Preferences"),
    rangesField("preferred", "Preferred periods", request.preferred || []),
    el("label", { for: "focus" }, "Focus areas (comma separated)"),
    el("input", { id: "focus", value: (request.focus || []).join(", ") }),
    el("p", {}, el("button", { type: "button", onclick: () => run(async () => {
      const focus = $("#focus").value.split(",").map((s) => s.trim()).filter(Boolean);
      await api("PATCH", `/requests/${encodeURIComponent(request.id)}`, { preferred: readRanges("preferred"), focus });
      await showRequest(request.id);
    }, "Preferences saved") }, "Save preferences")));
}

async function book(request, week) {
  const moving = Boolean(request.booking);
  const what = (request.title || "challenge").toLowerCase();
  if (!(await confirmAction(`${moving ? "Move" : "Book"} your ${what} to the week of ${dayWords(week)}?`))) return;
  await run(async () => {
    const path = `/requests/${encodeURIComponent(request.id)}/booking`;
    try {
      if (moving) await api("PUT", path, { week });
      else await api("POST", path, { week }, { "Idempotency-Key": crypto.randomUUID ? crypto.randomUUID() : String(Math.random()) });
    } catch (error) {
      if (error.status === 409) await showRequest(request.id);  // someone else took the place: show the weeks as they are now
      throw error;
    }
    await showRequest(request.id);
  }, `Your ${what} is ${moving ? "moved" : "booked"} for the week of ${dayWords(week)}`);
}

async function cancel(request) {
  const what = (request.title || "challenge").toLowerCase();
  if (!(await confirmAction(`Cancel the booking of your ${what}?`))) return;
  await run(async () => {
    await api("DELETE", `/requests/${encodeURIComponent(request.id)}/booking`);
    await showRequest(request.id);
  }, `The booking of your ${what} is cancelled`);
}

// --- peer -------------------------------------------------------------------

async function peerPage(page) {
  const peer = await api("GET", `/peers/${encodeURIComponent(state.me.peer)}`);
  const assignments = await api("GET", `/peers/${encodeURIComponent(peer.id)}/assignments`);
  const span = state.me.window;
  const grid = el("div", { class: "weeks", role: "group", "aria-label": "Weeks offered" },
    mondaysBetween(span.start, span.end).map((monday) => {
      const offered = within(peer.available, monday) && within(peer.available, addDays(monday, 4));
      return el("button", { type: "button", class: "week " + (offered ? "offered" : "not-offered"),
        "data-week": monday, "aria-pressed": offered ? "true" : "false",
        "aria-label": `Week of ${dayWords(monday)}: ${offered ? "offered" : "not offered"}`,
        onclick: () => toggleWeek(peer.id, monday, offered) }, shortDate(monday));
    }));
  page.replaceChildren(
    el("h2", {}, peer.name || peer.id),
    el("section", { class: "card" }, el("h3", {}, "Your challenges"), assignmentsTable(peer.id, assignments)),
    el("section", { class: "card" }, el("h3", {}, "Weeks you offer"),
       el("p", {}, "Click a week to offer it or withdraw it."), grid),
    el("section", { class: "card" }, el("h3", {}, "Day cap and skills"),
       el("label", { for: "cap" }, "Most days a financial year (empty: no cap)"),
       el("input", { id: "cap", type: "number", min: 0, max: 366, value: peer.max_days_per_year ?? "" }),
       el("label", { for: "skills" }, "Skills (comma separated)"),
       el("input", { id: "skills", value: (peer.skills || []).join(", ") }),
       el("p", {}, el("button", { type: "button", onclick: () => savePeer(peer.id) }, "Save"))),
    el("section", { class: "card" }, el("h3", {}, "Calendar feed"),
       el("p", {}, "Subscribe from Outlook, Google Calendar or Thunderbird."),
       el("button", { type: "button", id: "feed", onclick: () => newFeed() }, "Make my calendar link"),
       el("p", { id: "feed-url" })));
}

function assignmentsTable(peerId, assignments) {
  if (!assignments.length) return el("p", {}, "No challenges assigned yet.");
  return el("table", {}, el("thead", {}, el("tr", {}, ["Week", "Council", "Challenge", "Status", ""].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, assignments.map((a) => el("tr", {},
      el("td", { "data-week": a.week }, dayWords(a.week)), el("td", {}, a.council_name), el("td", {}, a.title || a.kind), el("td", {}, a.status),
      el("td", {}, a.status === "proposed" ? [
        el("button", { type: "button", onclick: () => decide(peerId, a, "accept") }, "Accept"), " ",
        el("button", { type: "button", class: "secondary", onclick: () => decide(peerId, a, "decline") }, "Decline")] : "")))));
}

async function toggleWeek(peerId, monday, offered) {
  const range = { start: monday, end: addDays(monday, 4) };
  await run(async () => {
    await api("POST", `/peers/${encodeURIComponent(peerId)}/availability${offered ? "/withdraw" : ""}`, range);
    await showHome();
  }, `Week of ${dayWords(monday)} ${offered ? "withdrawn" : "offered"}`);
}

async function savePeer(peerId) {
  const cap = $("#cap").value.trim();
  const skills = $("#skills").value.split(",").map((s) => s.trim()).filter(Boolean);
  await run(() => api("PATCH", `/peers/${encodeURIComponent(peerId)}`,
                      { max_days_per_year: cap === "" ? null : Number(cap), skills }), "Saved");
}

async function decide(peerId, assignment, decision) {
  const what = `the ${(assignment.title || "challenge").toLowerCase()} at ${assignment.council_name}`;
  if (decision === "decline" && !(await confirmAction(`Decline ${what}? Another peer will be found.`))) return;
  await run(async () => {
    await api("POST", `/peers/${encodeURIComponent(peerId)}/assignments/${encodeURIComponent(assignment.request)}/${decision}`);
    await showHome();
  }, `You ${decision === "accept" ? "accepted" : "declined"} ${what}`);
}

async function newFeed() {
  await run(async () => {
    const feed = await api("POST", "/me/calendar");
    $("#feed-url").textContent = new URL(feed.url, location.href).href;
  }, "Calendar link made");
}

// --- office -----------------------------------------------------------------

async function officePage(page) {
  const report = await api("GET", "/reports/load");
  const unscheduled = await api("GET", "/reports/unscheduled");
  const finance = await api("GET", "/reports/finance");
  page.replaceChildren(
    el("h2", {}, "Programme office"),
    el("section", { class: "card" }, el("h3", {}, "Full solve"),
       el("label", { for: "solve-seconds" }, "Seconds to search"),
       el("input", { id: "solve-seconds", type: "number", min: 1, max: 600, value: 5 }),
       el("p", {}, el("button", { type: "button", id: "solve", onclick: () => startSolve() }, "Run a full solve")),
       el("progress", { id: "solve-progress", max: 100, value: 0, "aria-label": "Solve progress" }),
       el("p", { id: "solve-state", "aria-live": "polite" })),
    weeksChart(report.weeks),
    loadHistogram(report.peer_days),
    financeTable(finance),
    unscheduledList(unscheduled),
    el("section", { class: "card" }, el("h3", {}, "Import and export"),
       el("p", {}, el("a", { href: "#", id: "export", onclick: (e) => { e.preventDefault(); download("/scenario", "scenario.json"); } }, "Export scenario"), " · ",
          el("a", { href: "#", onclick: (e) => { e.preventDefault(); download("/plan", "plan.json"); } }, "Export plan")),
       el("label", { for: "import" }, "Import a scenario (peerslot-scenario/1 JSON)"),
       el("input", { id: "import", type: "file", accept: "application/json" }),
       el("p", {}, el("button", { type: "button", onclick: () => importScenario() }, "Import"))));
}

function weeksChart(weeks) {
  const most = Math.max(1, ...weeks.map((w) => w.capacity || w.challenges));
  return el("section", { class: "card", "aria-labelledby": "chart-title" },
    el("h3", { id: "chart-title" }, `Challenges per week (${weeks.reduce((n, w) => n + w.challenges, 0)} booked)`),
    el("div", { class: "bars", role: "img", "aria-label": "Bar chart of challenges per week" },
       weeks.map((w) => el("div", { title: `${w.week}: ${w.challenges}`, style: `height:${(100 * w.challenges) / most}%` }))));
}

function loadHistogram(peerDays) {
  const years = [...new Set(peerDays.map((p) => p.fy))].sort();
  const top = [...peerDays].sort((a, b) => b.days - a.days).slice(0, 10);
  return el("section", { class: "card" }, el("h3", {}, "Peer load per financial year"),
    years.map((fy) => {
      const counts = {};
      for (const p of peerDays.filter((p) => p.fy === fy)) counts[p.days] = (counts[p.days] || 0) + 1;
      const max = Math.max(...Object.keys(counts).map(Number));
      const most = Math.max(...Object.values(counts));
      return el("div", {}, el("h4", {}, `FY${fy}: peers by days on site`),
        el("div", { class: "bars", role: "img", "aria-label": `Histogram of peer days in FY${fy}` },
          Array.from({ length: max }, (_, i) => el("div", { title: `${i + 1} days: ${counts[i + 1] || 0} peers`,
                                                            style: `height:${(100 * (counts[i + 1] || 0)) / most}%` }))));
    }),
    el("h4", {}, "Most-loaded peers"),
    el("table", {}, el("tbody", {}, top.map((p) => el("tr", {}, el("td", {}, p.peer), el("td", {}, `FY${p.fy}`),
                                                             el("td", {}, `${p.days} days${p.cap !== null ? " (cap " + p.cap + ")" : ""}`))))));
}

function financeTable(finance) {
  if (!finance.currency) return null;
  const cash = (n) => (n === null ? "—" : money(n, finance.currency));
  const headers = ["Financial year", "Peer days", "Day rates", "Mileage", "Subject fees (income)", "Net cost", "Budget", "Left"];
  return el("section", { class: "card", id: "finance" }, el("h3", {}, "Money: the booked programme against the budget"),
    el("table", {}, el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, finance.years.map((y) => el("tr", {},
        el("th", { scope: "row" }, y.label), el("td", {}, String(y.peer_days)), el("td", {}, cash(y.day_costs)),
        el("td", {}, cash(y.mileage)), el("td", {}, cash(y.fees)), el("td", {}, cash(y.net)), el("td", {}, cash(y.budget)),
        el("td", {}, cash(y.remaining)))))));
}

function unscheduledList(unscheduled) {
  return el("section", { class: "card", id: "unscheduled" }, el("h3", {}, `Unscheduled requests (${unscheduled.length})`),
    unscheduled.length ? el("ul", {}, unscheduled.map((u) => el("li", {}, el("strong", {}, `${u.title}, ${u.council_name}`),
      el("ul", {}, u.reasons.map((r) => el("li", {}, r.reason + (r.detail ? `: ${r.detail}` : "") + "."))))))
                       : el("p", {}, "Every request is booked."));
}

async function startSolve() {
  const seconds = Number($("#solve-seconds").value) || 5;
  await run(async () => {
    const job = await api("POST", "/solve", { seconds });
    $("#solve").disabled = true;
    await followJob(job.id, seconds);
  });
}

async function followJob(id, seconds) {
  for (;;) {
    const job = await api("GET", `/jobs/${id}`);
    const elapsed = (job.progress && job.progress.elapsed_seconds) || 0;
    const percent = job.state === "running" ? Math.min(99, Math.round((100 * elapsed) / seconds)) : 100;
    $("#solve-progress").value = percent;
    $("#solve-state").textContent = job.state === "running"
      ? `${percent}% — ${job.progress.unscheduled ?? "…"} requests not placed yet in the best plan so far`
      : job.state === "done" ? `100% — done: ${job.result.booked} challenges booked` : `failed: ${job.error}`;
    if (job.state !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  $("#solve").disabled = false;
}

async function download(path, name) {
  await run(async () => {
    const data = await api("GET", path);
    const link = el("a", { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" })), download: name });
    link.click();
  });
}

async function importScenario() {
  const file = $("#import").files[0];
  if (!file) return say("Choose a scenario file first", true);
  if (!(await confirmAction(`Replace the programme with ${file.name}?`))) return;
  await run(async () => {
    await api("PUT", "/scenario", { scenario: JSON.parse(await file.text()) });
    await showHome();
  }, "Scenario imported");
}

// --- start ------------------------------------------------------------------

$("#sign-in-form").addEventListener("submit", (event) => { event.preventDefault(); signIn($("#token").value.trim()); });
$("#sign-out").addEventListener("click", signOut);
$("#home-link").addEventListener("click", (event) => { event.preventDefault(); if (state.me) showHome(); });
const linked = new URLSearchParams(location.hash.slice(1)).get("token");
if (linked) history.replaceState(null, "", location.pathname);
if (linked || state.token) signIn(linked || state.token);
