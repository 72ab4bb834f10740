// office.js — the programme office's dashboard, restyled with GOV.UK
// Frontend: a full solve with its progress, challenges per week (a chart
// with axes and a table), peer load, money against the budget, the
// unscheduled requests with why, the milestones of a month, election
// results from a spreadsheet, import and export.
import { $, el, heading, para, link, list, button, buttonGroup, details, table, summaryList, textInput, radios } from "./dom.js";
import { api, enc } from "./api.js";
import { show, showErrors, busy, carry } from "./layout.js";
import { shortWeek, weekWords, money } from "./dates.js";
import { barChart, histogram } from "./charts.js";

async function dashboard(me) {
  const report = await api("GET", "/reports/load");
  const unscheduled = await api("GET", "/reports/unscheduled");
  let finance = null;
  try { finance = await api("GET", "/reports/finance"); } catch (error) { if (error.status !== 404) throw error; }
  const top = [...report.peer_days].sort((a, b) => b.days - a.days).slice(0, 10);
  const names = await peerNames(top);
  const solve = button("Run a full solve", { id: "solve" });
  solve.addEventListener("click", () => busy(solve, "Solving…", () => runSolve(me)));
  show({ title: "Programme office", content: [
    heading("Programme office"),
    para(link("#/search", "Find a council, peer or request", { id: "search-link" })),
    el("section", { "aria-labelledby": "solve-title" },
      heading("Full solve", "m", "h2", { id: "solve-title" }),
      para("Plans the requests that are not booked yet and keeps every booking. You see what it would book before anything changes."),
      textInput({ id: "solve-seconds", label: "Seconds to search", width: "3", value: "5", attrs: { inputmode: "numeric" } }),
      solve,
      el("label", { class: "govuk-label", for: "solve-progress" }, "Progress"),
      el("progress", { id: "solve-progress", class: "app-progress", max: "100", value: String(lastSolve.percent) }, `${lastSolve.percent}%`),
      el("p", { class: "govuk-body", id: "solve-state", "aria-live": "polite" }, lastSolve.text),
      el("div", { id: "solve-preview" })),
    weeksChart(report.weeks),
    loadSection(report.peer_days, top, names),
    finance ? financeTable(finance) : null,
    unscheduledList(unscheduled),
    await milestonesSection(me),
    electionResults(me),
    importExport(me),
  ] });
}

function weeksChart(weeks) {
  const most = Math.max(1, ...weeks.map((w) => w.capacity || w.challenges));
  const total = weeks.reduce((n, w) => n + w.challenges, 0);
  return el("section", { "aria-labelledby": "chart-title", id: "weeks-chart" },
    heading(`Challenges per week (${total} booked)`, "m", "h2", { id: "chart-title" }),
    el("div", { class: "govuk-grid-row" },
      el("div", { class: "govuk-grid-column-full" },
        el("p", { class: "govuk-body-s" }, `Vertical axis: challenges on site, 0 to ${most}. Horizontal axis: weeks.`),
        el("div", { class: "app-chart-frame" },
          el("div", { class: "app-chart__y", "aria-hidden": "true" }, el("span", {}, String(most)), el("span", {}, "0")),
          el("div", { class: "app-chart", role: "img", "aria-label": `Bar chart of challenges per week, ${total} in all; the table below has the figures` },
            weeks.map((w) => el("div", { class: "app-chart__bar", style: `height:${(100 * w.challenges) / most}%` })))),
        weeks.length ? el("div", { class: "app-chart__axis", "aria-hidden": "true" },
          el("span", {}, shortWeek(weeks[0].week) + " " + weeks[0].week.slice(0, 4)),
          el("span", {}, shortWeek(weeks[weeks.length - 1].week) + " " + weeks[weeks.length - 1].week.slice(0, 4))) : null)),
    details("Show the figures as a table",
      table(null, ["Week", "Challenges", "Places"], weeks.map((w) => [weekWords(w.week).replace(/^w/, "W"), String(w.challenges),
                                                                        w.capacity === null ? "No limit" : String(w.capacity)]),
            { rowHeaders: true, id: "weeks-table" })));
}

// The most-loaded peers by name and home council: GET /reports/load carries
// them on each entry; a report without them is completed peer by peer.
async function peerNames(top) {
  return Promise.all(top.map((p) => (p.name !== undefined
    ? { name: p.name || p.peer, council: p.council_name || "" }
    : api("GET", `/peers/${enc(p.peer)}`).then((x) => ({ name: x.name || p.peer, council: x.council_name || "" }),
                                              () => ({ name: p.peer, council: "" })))));
}

const fyWords = (fy) => `${fy}/${String((fy + 1) % 100).padStart(2, "0")}`;
const daysWords = (from, to) => (from === to ? `${from} ${from === 1 ? "day" : "days"}` : `${from} to ${to} days`);

// How many peers gave how many days in a financial year: a histogram with
// both axes titled and numbered, and the same figures as a table.
function loadHistogram(fy, rows) {
  const bins = histogram(rows.map((p) => p.days));
  const capped = rows.filter((p) => p.cap !== null && p.cap !== undefined && p.days >= p.cap).length;
  return el("div", { class: "app-load-year", "data-year": String(fy) },
    heading(`Days on site per peer in ${fyWords(fy)}`, "s", "h3"),
    para(`${rows.length} peers were on site; ${capped ? `${capped} reached their day cap` : "none reached their day cap"}.`),
    barChart({ id: `load-chart-${fy}`,
      label: `Bar chart of how many peers gave how many days on site in ${fyWords(fy)}, ${rows.length} peers in all`,
      yTitle: "Peers", xTitle: `Days on site in ${fyWords(fy)}`,
      bars: bins.map((b) => ({ label: b.from === b.to ? String(b.from) : `${b.from}–${b.to}`, values: [b.count] })),
      table: { caption: `Peers by days on site in ${fyWords(fy)}`, headers: ["Days on site", "Peers"], id: `load-table-${fy}`,
               rows: bins.map((b) => [daysWords(b.from, b.to), String(b.count)]) } }));
}

function loadSection(peerDays, top, names) {
  const years = [...new Set(peerDays.map((p) => p.fy))].sort();
  return el("section", { "aria-labelledby": "load-title", id: "load" },
    heading("Peer load per financial year", "m", "h2", { id: "load-title" }),
    table(null, ["Financial year", "Peers on site", "Days on site", "Most days by one peer"], years.map((fy) => {
      const rows = peerDays.filter((p) => p.fy === fy);
      return [fyWords(fy), String(rows.length), rows.reduce((n, p) => n + p.days, 0).toLocaleString("en-GB"),
              String(Math.max(0, ...rows.map((p) => p.days)))];
    }), { rowHeaders: true, id: "load-table", stack: true }),
    years.map((fy) => loadHistogram(fy, peerDays.filter((p) => p.fy === fy))),
    table("Most-loaded peers", ["Peer", "Home council", "Financial year", "Days", "Cap"], top.map((p, i) =>
      [names[i].name, names[i].council || "None", fyWords(p.fy), String(p.days), p.cap === null ? "No cap" : String(p.cap)]),
      { rowHeaders: true, id: "most-loaded", stack: true }));
}

function financeTable(finance) {
  if (!finance.currency) return null;
  const cash = (n) => (n === null || n === undefined ? "None" : money(n, finance.currency));
  return el("section", { id: "finance" },
    table("Money: the booked programme against the budget",
      ["Financial year", "Peer days", "Day rates", "Mileage", "Subject fees (income)", "Net cost", "Budget", "Left"],
      (finance.years || []).map((y) => [y.label, String(y.peer_days), cash(y.day_costs), cash(y.mileage), cash(y.fees), cash(y.net),
                                        cash(y.budget), cash(y.remaining)]),
      { rowHeaders: true, id: "finance-table", scroll: "Money against the budget by financial year (scrolls sideways)" }));
}

function unscheduledList(unscheduled) {
  return el("section", { id: "unscheduled", "aria-labelledby": "unscheduled-title" },
    heading(`Unscheduled requests (${unscheduled.length})`, "m", "h2", { id: "unscheduled-title" }),
    unscheduled.length
      ? el("ul", { class: "govuk-list" }, unscheduled.map((u) => el("li", {},
          el("h3", { class: "govuk-heading-s govuk-!-margin-bottom-1" }, `${u.title}, ${u.council_name}`),
          list((u.reasons || []).map((r) => r.reason + (r.detail ? `: ${r.detail}` : "") + ".")))))
      : para("Every request is booked."));
}

// The last solve's progress, kept when the dashboard is drawn again.
const lastSolve = { percent: 0, text: "" };

const challenges = (n) => `${n} challenge${n === 1 ? "" : "s"}`;

async function runSolve(me) {
  const seconds = Math.max(1, Math.min(600, Number($("#solve-seconds").value) || 5));
  const job = await api("POST", "/solve", { seconds });
  $("#solve-preview").replaceChildren();
  for (;;) {
    const now = await api("GET", `/jobs/${enc(job.id)}`);
    const elapsed = (now.progress && now.progress.elapsed_seconds) || 0;
    const percent = now.state === "running" ? Math.min(99, Math.round((100 * elapsed) / seconds)) : 100;
    $("#solve-progress").value = percent;
    $("#solve-progress").textContent = `${percent}%`;
    $("#solve-state").textContent = now.state === "running"
      ? `${percent}%: ${now.progress.unscheduled ?? "…"} requests not placed yet in the best plan so far`
      : now.state === "done" ? "100%: done. Nothing is booked until you apply it." : `The solve failed: ${now.error}`;
    lastSolve.percent = percent;
    lastSolve.text = $("#solve-state").textContent;
    if (now.state === "done") $("#solve-preview").replaceChildren(...solvePreview(me, now));
    if (now.state !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

// What a done solve would book, and the button that books it.
function solvePreview(me, job) {
  const { would_book: count, bookings } = job.preview;
  const title = heading(`The solve would book ${challenges(count)}`, "m", "h3", { id: "preview-title" });
  if (!count) return [title, para("Every request it could place is booked already.")];
  const team = (peers) => peers.map((p) => `${p.name} (${(p.role_title || p.role).toLowerCase()})`).join(", ");
  const apply = button("Apply these bookings", { id: "apply-solve" });
  apply.addEventListener("click", () => busy(apply, "Booking…", async () => {
    const applied = await api("POST", `/jobs/${enc(job.id)}/apply`);
    carry({ title: `${challenges(applied.booked)} booked`, success: true,
            body: applied.dropped ? para(`${challenges(applied.dropped)} no longer fitted the bookings made meanwhile and stayed unbooked.`) : null });
    lastSolve.text = "";
    await dashboard(me);  // the plan as it is now: charts, load, money, unscheduled
  }));
  return [title,
    table(null, ["Council", "Week", "Team"], bookings.map((b) => [b.council_name, b.week_words.replace(/^t/, "T"), team(b.peers)]),
          { rowHeaders: true, id: "preview-table", stack: true }),
    apply];
}

function importExport(me) {
  const save = (data, name) => {
    const a = el("a", { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" })), download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
  };
  const exportScenario = button("Export the scenario", { id: "export" }, "secondary");
  exportScenario.addEventListener("click", () => busy(exportScenario, "Exporting…", async () => save(await api("GET", "/scenario"), "scenario.json")));
  const exportPlan = button("Export the plan", { id: "export-plan" }, "secondary");
  exportPlan.addEventListener("click", () => busy(exportPlan, "Exporting…", async () => save(await api("GET", "/plan"), "plan.json")));
  const importButton = button("Import", { id: "import-button" });
  const readJson = async (file, href) => {
    try { return JSON.parse(await file.text()); } catch { showErrors([{ text: `${file.name} is not a JSON file`, href }]); return null; }
  };
  importButton.addEventListener("click", () => busy(importButton, "Importing…", async () => {
    const file = $("#import").files[0];
    const planFile = $("#import-plan").files[0];
    if (!file) return showErrors([{ text: "Choose a scenario file to import", href: "#import" }]);
    const scenario = await readJson(file, "#import");
    const plan = planFile ? await readJson(planFile, "#import-plan") : undefined;
    if (!scenario || plan === null) return;
    await api("PUT", "/scenario", plan ? { scenario, plan } : { scenario });
    carry({ title: `${file.name} imported${plan ? ` with the bookings in ${planFile.name}` : ""}.`, success: true });
    await dashboard(me);
  }));
  return el("section", { "aria-labelledby": "import-title" },
    heading("Import and export", "m", "h2", { id: "import-title" }),
    buttonGroup(exportScenario, exportPlan),
    el("div", { class: "govuk-form-group" },
      el("label", { class: "govuk-label", for: "import" }, "Import a scenario (peerslot-scenario JSON)"),
      el("div", { class: "govuk-hint", id: "import-hint" }, "This replaces the whole programme."),
      el("input", { class: "govuk-file-upload", id: "import", name: "import", type: "file", accept: "application/json", "aria-describedby": "import-hint" })),
    el("div", { class: "govuk-form-group" },
      el("label", { class: "govuk-label", for: "import-plan" }, "Its plan (optional: peerslot-plan JSON)"),
      el("div", { class: "govuk-hint", id: "import-plan-hint" }, "To restore an export as it was, choose the plan exported with the scenario: its bookings keep the pinned challenges in their weeks."),
      el("input", { class: "govuk-file-upload", id: "import-plan", name: "import-plan", type: "file", accept: "application/json", "aria-describedby": "import-plan-hint" })),
    importButton);
}

// --- what is due: the booked challenges' milestones of one month -------------

const monthName = (iso) => new Date(iso + "T12:00:00Z").toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const dayName = (iso) => new Date(iso + "T12:00:00Z").toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
let milestoneMonth = null;  // "YYYY-MM", kept while the dashboard is drawn again

// The months of the programme; this month when it is one of them, else the first.
function programmeMonths(window) {
  const months = [];
  for (let d = new Date(window.start.slice(0, 7) + "-01T12:00:00Z"); d.toISOString().slice(0, 10) <= window.end; d.setUTCMonth(d.getUTCMonth() + 1))
    months.push(d.toISOString().slice(0, 7));
  return months;
}

async function milestonesSection(me) {
  const months = programmeMonths(me.window);
  const now = new Date().toISOString().slice(0, 7);
  const month = milestoneMonth || (months.includes(now) ? now : months[0]);
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const due = await api("GET", `/reports/milestones?from=${month}-01&to=${last}`);
  const select = el("select", { class: "govuk-select", id: "milestone-month", name: "milestone-month" },
    months.map((m) => el("option", { value: m, selected: m === month }, monthName(m + "-01"))));
  const showMonth = button("Show", { id: "milestone-show" }, "secondary");
  showMonth.addEventListener("click", () => busy(showMonth, "Loading…", async () => {
    milestoneMonth = select.value;
    await dashboard(me);
    $("#milestone-month")?.focus();
  }));
  const shown = due.slice(0, 60);
  const caption = `${due.length} ${due.length === 1 ? "milestone" : "milestones"} in ${monthName(month + "-01")}${due.length > shown.length ? `, the first ${shown.length} shown` : ""}`;
  return el("section", { "aria-labelledby": "milestones-title" },
    heading("What is due", "m", "h2", { id: "milestones-title" }),
    para("The steps of every booked challenge: scoping meetings, position statements, days on site, feedback, reports and progress reviews."),
    el("div", { class: "govuk-form-group" }, el("label", { class: "govuk-label", for: "milestone-month" }, "Month"), select),
    showMonth,
    table(caption, ["When", "What", "Council", "Reference"],
          shown.map((m) => [m.when || dayName(m.date || m.start), m.what, m.council_name, el("span", { class: "app-reference" }, m.reference)]),
          { rowHeaders: true, id: "milestones-table", stack: true }));
}

// --- election results from a spreadsheet ---------------------------------------

// A refusal of a spreadsheet names its line: "line 3.date" becomes "Line 3 (date): ...".
function lineWords(error) {
  if (/\bline \d+/i.test(error.message) || !error.field) return error.message;
  const [, line, field] = /^line (\d+)\.?(.*)$/.exec(error.field) || [];
  if (!line) return `${error.field}: ${error.message}`;
  return `Line ${line}${field ? ` (${field.replace(/_/g, " ")})` : ""}: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`;
}

function electionResults(me) {
  const record = button("Record election results", { id: "results-button" });
  record.addEventListener("click", () => busy(record, "Recording…", async () => {
    const file = $("#results").files[0];
    if (!file) return showErrors([{ text: "Choose a CSV file of election results", href: "#results" }]);
    const reply = await api("PUT", "/control-changes.csv", await file.text(), { "Content-Type": "text/csv" });
    const offers = reply.support_requests.length;
    carry({ title: `${reply.recorded} ${reply.recorded === 1 ? "result" : "results"} recorded. ` +
                   `${offers} ${offers === 1 ? "council has" : "councils have"} been offered member peer support.`, success: true });
    await dashboard(me);
  }, { onRefusal: (error) => showErrors([{ text: lineWords(error), href: "#results" }]) }));
  return el("section", { "aria-labelledby": "results-title" },
    heading("Election results", "m", "h2", { id: "results-title" }),
    el("div", { class: "govuk-form-group" },
      el("label", { class: "govuk-label", for: "results" }, "Upload changes of political control (CSV)"),
      el("div", { class: "govuk-hint", id: "results-hint" },
        "Columns council, date, control and support_days (0 to 5; empty means 2). Control is a party or NOC. " +
        "Every council whose control changes is offered member peer support. Nothing is recorded if a line is wrong."),
      el("input", { class: "govuk-file-upload", id: "results", name: "results", type: "file", accept: ".csv,text/csv", "aria-describedby": "results-hint" })),
    record);
}

// --- search and filter over councils, peers and requests --------------------

const kKinds = { corporate: "Corporate peer challenge", review: "Progress review", support: "Member peer support", subject: "Subject peer challenge" };
const kRoles = { member: "Councillor peer", chief_executive: "Chief executive peer", officer: "Officer peer", expert: "Expert peer",
                 manager: "Peer challenge manager" };
const words = (map, key) => map[key] || String(key || "").replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
let programme = null;  // the scenario and plan, read once a visit of the search page

async function searchPage(me, query = "") {
  const params = new URLSearchParams(query || "");
  const q = (params.get("q") || "").trim();
  const type = ["councils", "peers", "requests"].includes(params.get("type")) ? params.get("type") : "requests";
  const booked = ["booked", "unbooked"].includes(params.get("booked")) ? params.get("booked") : "any";
  if (!programme || !query) {
    const [scenario, plan] = await Promise.all([api("GET", "/scenario"), api("GET", "/plan")]);
    programme = { scenario, plan };
  }
  const { scenario, plan } = programme;
  const councils = new Map(scenario.councils.map((c) => [c.id, c]));
  const bookings = new Map(plan.assignments.map((a) => [a.request, a]));
  const load = new Map();
  for (const a of plan.assignments) for (const p of a.peers) load.set(p, (load.get(p) || 0) + 1);
  const match = (...texts) => !q || texts.some((t) => String(t || "").toLowerCase().includes(q.toLowerCase()));
  let headers = [];
  let rows = [];
  if (type === "councils") {
    headers = ["Council", "Type", "Region", "Control", "Challenges booked"];
    rows = scenario.councils.filter((c) => match(c.name, c.id, c.region, c.control)).map((c) => {
      const mine = scenario.requests.filter((r) => r.council === c.id);
      return [c.name, words({}, c.type), c.region || "", c.control || "None", `${mine.filter((r) => bookings.has(r.id)).length} of ${mine.length}`];
    });
  } else if (type === "peers") {
    headers = ["Peer", "Role", "Home council", "Region", "Challenges"];
    rows = scenario.peers.filter((p) => match(p.name, p.id, (councils.get(p.council) || {}).name, p.region, words(kRoles, p.role), p.party,
                                             ...(p.skills || [])))
      .map((p) => [p.name || p.id, words(kRoles, p.role), (councils.get(p.council) || {}).name || "None", p.region || "", String(load.get(p.id) || 0)]);
  } else {
    headers = ["Request", "Council", "Days", "Booking"];
    rows = scenario.requests.filter((r) => (booked === "any" || (booked === "booked") === bookings.has(r.id)) &&
                                           match(r.id, words(kKinds, r.kind), (councils.get(r.council) || {}).name, ...(r.focus || [])))
      .map((r) => [words(kKinds, r.kind), (councils.get(r.council) || {}).name || r.council, String(r.days),
                   bookings.has(r.id) ? weekWords(bookings.get(r.id).week).replace(/^w/, "W") : "Not booked"]);
  }
  const shown = rows.slice(0, 50);
  const form = el("form", { novalidate: true, id: "search-form", onsubmit: (event) => {
    event.preventDefault();
    const next = new URLSearchParams({ q: $("#q").value.trim(), type: form.querySelector("input[name=type]:checked").value,
                                       booked: form.querySelector("input[name=booked]:checked").value });
    location.hash = `#/search?${next}`;
  } },
    textInput({ id: "q", label: "Search by name, region, role, skill or focus", labelSize: "s", value: q, attrs: { type: "search", spellcheck: "false" } }),
    radios({ name: "type", legend: "Look in", legendSize: "s", legendIsHeading: false, small: true,
      items: [["requests", "Requests"], ["councils", "Councils"], ["peers", "Peers"]].map(([value, label]) => ({ value, label, checked: value === type })) }),
    radios({ name: "booked", legend: "Requests", legendSize: "s", legendIsHeading: false, small: true,
      items: [["any", "All"], ["booked", "Booked"], ["unbooked", "Not booked"]].map(([value, label]) => ({ value, label, checked: value === booked })) }),
    button("Search", { type: "submit", id: "search" }));
  const caption = `${rows.length} ${type === "requests" ? "requests" : type}${q ? ` matching "${q}"` : ""}${rows.length > shown.length ? `, the first ${shown.length} shown` : ""}`;
  show({ title: "Find a council, peer or request", back: "#/", content: [
    heading("Find a council, peer or request"),
    el("div", { class: "govuk-grid-row" },
      el("div", { class: "govuk-grid-column-one-third" }, form),
      el("div", { class: "govuk-grid-column-two-thirds", "aria-live": "polite" },
        table(caption, headers, shown, { rowHeaders: true, id: "results", stack: true }))),
  ] });
}

export const officeRoutes = [
  [/^\/$/, dashboard],
  [/^\/search(?:\?(.*))?$/, searchPage],
];
