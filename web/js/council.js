// council.js — a council's pages: the start page, booking one question per
// page (choose the request → choose a week on a month calendar → check your
// answers → confirmation), the request's own page with reschedule, cancel
// and "Add to calendar". Councils never see ids, rule ids or cost numbers:
// a refusal shows the service's plain words.
import { $, el, heading, para, lead, link, list, hidden, button, linkButton, startButton, buttonGroup, tag, inset,
         warning, details, panel, summaryList, table, radios, errorSummary, errorMessage, dateInput, readDate } from "./dom.js";
import { api, apiAll, enc, newKey, Refusal } from "./api.js";
import { show, showErrors, busy, carry, failed } from "./layout.js";
import { dayWords, dateWords, shortWeek, weekWords, rangeWords, monthOf, monthWords, addMonths, onSiteDays, money } from "./dates.js";

// What the council has chosen so far in this booking (kept between pages
// so that Change links come back with the answer selected).
const journey = { request: null, week: null, conflict: null, keys: {} };

const title = (request) => request.title || "Peer challenge";
const lower = (request) => title(request).charAt(0).toLowerCase() + title(request).slice(1);
export const person = (p) => [p.name || p.id, p.role_title || p.role, p.council_name || p.council].filter(Boolean).join(", ");
const teamList = (team, withStatus = false) => (team && team.length
  ? el("ul", { class: "govuk-list", id: "team" }, team.map((p) => el("li", {}, person(p),
      withStatus && p.status ? [" ", tag(p.status === "accepted" ? "Accepted" : "Invited", p.status === "accepted" ? "green" : "grey")] : null)))
  : para("The team will be proposed when you book."));
const daysList = (days) => el("ul", { class: "govuk-list", id: "on-site" }, days.map((d) => el("li", {}, dayWords(d))));

async function load(me) {
  const council = await api("GET", `/councils/${enc(me.council)}`);
  const requests = await apiAll(`/councils/${enc(me.council)}/requests`, "requests");
  return { council, requests };
}

// --- start page ------------------------------------------------------------

async function startPage(me) {
  const { council, requests } = await load(me);
  const rows = requests.map((r) => [
    link(`#/requests/${enc(r.id)}`, title(r)),
    `${r.days} days on site`,
    r.booking ? `Booked: ${weekWords(r.booking.week)}` : tag("Not booked", "blue")]);
  show({ title: "Book your corporate peer challenge", content: el("div", { class: "govuk-grid-row" },
    el("div", { class: "govuk-grid-column-two-thirds" },
      el("span", { class: "govuk-caption-l" }, council.name || me.display_name || ""),
      heading("Book your corporate peer challenge"),
      lead("A corporate peer challenge is a free improvement offer for your council: a small team of experienced councillors " +
           "and officers from other councils spends a few days with you and gives you an honest, practical view of how you are doing."),
      heading("What happens", "m", "h2"),
      el("ol", { class: "govuk-list govuk-list--number", id: "what-happens" },
        el("li", {}, "You choose a week for the peer team to be on site. Use this service to see which weeks are free."),
        el("li", {}, "A scoping meeting with your leader and chief executive is held 4 to 6 months before, to agree what the challenge will focus on."),
        el("li", {}, "You send your position statement and supporting papers 2 to 3 weeks before the team arrives."),
        el("li", {}, "The team is on site for 3 to 4 days, ending with a feedback presentation to your council."),
        el("li", {}, "You receive a report within about 3 months and publish it with your action plan."),
        el("li", {}, "A progress review, ideally with members of the same team, is held about 10 months later.")),
      startButton("#/book", "Start now", { id: "start-now" }),
      requests.length ? [heading("Your peer challenges", "m", "h2"),
                         table(null, ["Challenge", "Length", "Booking"], rows, { stack: true, id: "requests" })] : null,
      heading("Dates your council cannot host", "m", "h2"),
      summaryList([{ key: "Periods", id: "row-blackouts",
        value: (council.blackouts || []).length ? list(council.blackouts.map((r) => rangeWords(r.start, r.end))) : "None",
        change: { href: "#/blackouts", what: "the dates your council cannot host" } }]),
      details("Before you start",
        para("You need your council's access token. Choosing a week does not book it: you check your answers before you confirm.")))) });
}

// --- (a) choose the request -------------------------------------------------

async function chooseRequestPage(me, _unused, error = null) {
  const { requests } = await load(me);
  if (!requests.length) {
    show({ title: "No peer challenge to book", back: "#/", content: [heading("There is no peer challenge to book"),
      para("Your council has no open request for a peer challenge. Contact the programme office to ask for one.")] });
    return;
  }
  if (requests.length === 1) {
    const only = requests[0];
    location.replace(only.booking ? `#/requests/${enc(only.id)}` : `#/book/${enc(only.id)}/week`);
    return;
  }
  const form = el("form", { novalidate: true, id: "request-form", onsubmit: (event) => {
    event.preventDefault();
    const chosen = form.querySelector("input[name=request]:checked");
    if (!chosen) return chooseRequestPage(me, null, "Select the peer challenge you want to book");
    const request = requests.find((r) => r.id === chosen.value);
    journey.request = request.id;
    location.hash = request.booking ? `#/requests/${enc(request.id)}` : `#/book/${enc(request.id)}/week`;
  } },
    radios({ name: "request", legend: "Which peer challenge do you want to book?", error,
      items: requests.map((r) => ({ value: r.id, label: `${title(r)}, ${r.days} days on site`, checked: journey.request === r.id,
        hint: r.booking ? `Already booked for the ${weekWords(r.booking.week)}: choose it to change or cancel the booking` : "Not booked yet" })) }),
    button("Continue", { type: "submit", id: "continue" }));
  show({ title: (error ? "Error: " : "") + "Which peer challenge do you want to book?", back: "#/",
         content: [error ? errorSummary([{ text: error, href: "#request" }]) : null, form] });
}

// --- (b) choose a week --------------------------------------------------------

function weekHint(w, request) {
  if (w.status === "free") return `Free: on site ${rangeWords(...firstLast(w.on_site && w.on_site.length ? w.on_site : onSiteDays(w.week, request.days)))}`;
  if (w.status === "booked") return "This is your booking";
  return `Cannot be booked: ${stripField(w.reason || "this week cannot be booked")}`;
}
// What the week is, at a glance (its hint says it in full).
const statusTag = (w) => (w.status === "free" ? tag("Free", "green") : w.status === "booked" ? tag("Your booking", "blue")
                        : w.status === "full" ? tag("Full", "orange") : tag("Not available", "grey"));
const firstLast = (days) => [days[0], days[days.length - 1]];
const stripField = (text) => text.replace(/^week: /, "");

async function weekPage(me, id, month, error = null, chosenWeek = undefined) {
  const request = await api("GET", `/requests/${enc(id)}`);
  const weeks = await api("GET", `/requests/${enc(id)}/weeks`);
  const all = weeks.weeks || [];
  const options = weeks.options || [];
  const moving = Boolean(request.booking);
  if (journey.request !== id) { journey.request = id; journey.week = null; }
  const firstFree = all.find((w) => w.status === "free");
  const conflict = journey.conflict && journey.conflict.request === id ? journey.conflict : null;
  if (conflict && !error) journey.conflict = null;
  const selected = chosenWeek !== undefined ? chosenWeek
                 : (journey.week && all.some((w) => w.week === journey.week && w.status === "free") ? journey.week : null);
  const first = all.length ? monthOf(all[0].week) : monthOf(request.earliest || "2011-04-01");
  const last = all.length ? monthOf(all[all.length - 1].week) : first;
  const shown = month && month >= first && month <= last ? month
              : selected ? monthOf(selected) : options.length ? monthOf(options[0].week) : firstFree ? monthOf(firstFree.week) : first;
  const inMonth = all.filter((w) => monthOf(w.week) === shown);
  // The next usable week is preselected: the answer already given, else the best option of the month, else its first free week.
  const preselect = selected && monthOf(selected) === shown ? selected
                  : (options.find((o) => monthOf(o.week) === shown) || inMonth.find((w) => w.status === "free") || {}).week || null;
  const question = moving ? `Choose a new week for your ${lower(request)}` : `Choose a week for your ${lower(request)}`;
  const base = `#/book/${enc(id)}/week/`;
  const pagination = el("nav", { class: "govuk-pagination govuk-pagination--block", "aria-label": "Months", id: "months" },
    shown > first ? el("div", { class: "govuk-pagination__prev" },
      el("a", { class: "govuk-link govuk-pagination__link", href: base + addMonths(shown, -1), rel: "prev", id: "previous-month" },
        el("span", { class: "govuk-pagination__link-title" }, "Previous", hidden(" month")),
        el("span", { class: "govuk-visually-hidden" }, ":"),
        el("span", { class: "govuk-pagination__link-label" }, monthWords(addMonths(shown, -1))))) : null,
    shown < last ? el("div", { class: "govuk-pagination__next" },
      el("a", { class: "govuk-link govuk-pagination__link", href: base + addMonths(shown, 1), rel: "next", id: "next-month" },
        el("span", { class: "govuk-pagination__link-title" }, "Next", hidden(" month")),
        el("span", { class: "govuk-visually-hidden" }, ":"),
        el("span", { class: "govuk-pagination__link-label" }, monthWords(addMonths(shown, 1))))) : null);
  const form = el("form", { novalidate: true, id: "week-form", onsubmit: (event) => {
    event.preventDefault();
    const chosen = form.querySelector("input[name=week]:checked");
    if (!chosen) return weekPage(me, id, shown, "Select a week", null);
    const w = all.find((x) => x.week === chosen.value);
    if (w.status !== "free") {
      const why = w.status === "booked" ? "it is already your booking" : stripField(w.reason || "it cannot be booked").replace(/\.$/, "");
      return weekPage(me, id, shown, `You cannot book the ${weekWords(w.week)}: ${why.charAt(0).toLowerCase() + why.slice(1)}`, w.week);
    }
    journey.week = w.week;
    location.hash = `#/book/${enc(id)}/check/${w.week}`;
  } },
    radios({ name: "week", legend: question, error,
      hint: [`Your ${lower(request)} needs ${request.days} days on site, from a Monday. `,
             `Weeks in ${monthWords(shown)}. Weeks that cannot be booked say why.`],
      items: inMonth.length ? inMonth.map((w) => ({ value: w.week, label: [weekWords(w.week).replace(/^w/, "W"), " ", statusTag(w)], hint: weekHint(w, request),
        checked: w.week === preselect, attrs: { "data-status": w.status } }))
        : [] }),
    inMonth.length ? null : para(`No week of ${monthWords(shown)} is in the period for this challenge.`),
    pagination,
    buttonGroup(button("Continue", { type: "submit", id: "continue" }), link(`#/`, "Cancel and go to the start")));
  const optionList = options.length ? el("ol", { class: "govuk-list", id: "options" }, options.map((o) =>
    el("li", { class: "app-calendar__week" },
      heading(`${o.rank}. ${weekWords(o.week).replace(/^w/, "W")}`, "s", "h3"),
      list((o.reasons || []).map((r) => r.charAt(0).toUpperCase() + r.slice(1))),
      details("Proposed team", teamList(o.team)),
      linkButton(`#/book/${enc(id)}/check/${o.week}`, ["Choose this week", hidden(`: ${weekWords(o.week)}`)],
                 { "data-option": o.week }, "secondary"))))
    : para("No week can be booked at present. Contact the programme office.");
  const errors = [];
  if (conflict) errors.push({ text: conflict.message, href: "#options" }, { text: "Choose one of the next usable weeks", href: "#options" });
  if (error) errors.push({ text: error, href: "#week" });
  show({ title: (errors.length ? "Error: " : "") + question, back: moving ? `#/requests/${enc(id)}` : "#/book",
    content: [errors.length ? errorSummary(errors) : null,
      el("div", { class: "govuk-grid-row" }, el("div", { class: "govuk-grid-column-two-thirds" },
        el("span", { class: "govuk-caption-l" }, title(request)), form,
        el("h2", { class: "govuk-heading-m", id: "options-title" }, conflict ? "The next usable weeks" : "Recommended weeks"),
        para("The weeks that suit your council and the peer team best, with why."), optionList))] });
}

// --- (c) check your answers ----------------------------------------------------

async function checkPage(me, id, week) {
  const request = await api("GET", `/requests/${enc(id)}`);
  const weeks = await api("GET", `/requests/${enc(id)}/weeks`);
  const entry = (weeks.weeks || []).find((w) => w.week === week);
  if (!entry || entry.status !== "free") {
    return weekPage(me, id, monthOf(week), entry && entry.reason ? `You cannot book the ${weekWords(week)}: ${stripField(entry.reason)}`
                                                                 : `You cannot book the ${weekWords(week)}`, week);
  }
  journey.request = id;
  journey.week = week;
  const moving = Boolean(request.booking);
  const option = (weeks.options || []).find((o) => o.week === week);
  const team = (option && option.team) || entry.team || [];
  // One key for this request and week until it is booked: a retry after a lost reply (Retry, or Confirm again) never books twice.
  const keyName = `${id} ${week} ${moving ? "move" : "book"}`;
  journey.keys[keyName] = journey.keys[keyName] || newKey();
  const key = journey.keys[keyName];
  const confirm = button(moving ? "Confirm the new week" : "Confirm booking", { id: "confirm" });
  confirm.addEventListener("click", () => busy(confirm, moving ? "Moving your booking…" : "Booking…", async () => {
    const path = `/requests/${enc(id)}/booking`;
    await api(moving ? "PUT" : "POST", path, { week }, { "Idempotency-Key": key });
    journey.week = null;
    delete journey.keys[keyName];
    location.hash = `#/requests/${enc(id)}/confirmation`;
  }, { onRefusal: (error) => {
    if (error.status === 409) {
      journey.conflict = { request: id, message: error.message };
      journey.week = null;
      if (location.hash === `#/book/${enc(id)}/week/${monthOf(week)}`) return weekPage(me, id, monthOf(week));
      location.hash = `#/book/${enc(id)}/week/${monthOf(week)}`;
      return;
    }
    showErrors([{ text: error.message, href: "#confirm" }]);
  } }));
  const rows = [
    { key: "Challenge", value: `${title(request)}, ${request.days} days on site`, id: "check-request",
      change: { href: "#/book", what: "the challenge" } },
    moving ? { key: "Your current week", value: weekWords(request.booking.week).replace(/^w/, "W") } : null,
    { key: moving ? "New week" : "Week", value: weekWords(week).replace(/^w/, "W"), id: "check-week",
      change: { href: `#/book/${enc(id)}/week/${monthOf(week)}`, what: "the week" } },
    { key: "Days on site", value: daysList((entry.on_site && entry.on_site.length ? entry.on_site : (option || {}).on_site) || onSiteDays(week, request.days)),
      id: "check-days" },
    { key: "Proposed team", value: teamList(team), id: "check-team" },
    request.fee > 0 ? { key: "Fee", value: `${money(request.fee)} for ${request.days} days on site (a subject peer challenge is paid)`, id: "fee" } : null,
  ];
  show({ title: "Check your answers before booking", back: `#/book/${enc(id)}/week/${monthOf(week)}`, content:
    el("div", { class: "govuk-grid-row" }, el("div", { class: "govuk-grid-column-two-thirds" },
      heading("Check your answers before booking"),
      summaryList(rows, { id: "answers" }),
      heading("Now confirm your booking", "m", "h2"),
      para("The programme office invites the proposed team when you confirm. Peers may still decline; if one does, another is found."),
      confirm)) });
}

// --- (d) confirmation, the request's page, cancel ----------------------------

async function downloadCalendar(btn, request) {
  await busy(btn, "Preparing your calendar file…", async () => {
    const reply = await api("GET", `/requests/${enc(request.id)}/booking.ics`, undefined, {}, { raw: true });
    const href = URL.createObjectURL(new Blob([reply.text], { type: "text/calendar" }));
    const a = el("a", { href, download: `${(request.booking.reference || "peer-challenge").replace(/[^A-Za-z0-9-]/g, "-")}.ics`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    btn.dataset.downloaded = "true";
  });
}
const calendarButton = (request) => {
  const btn = button("Add to calendar", { id: "add-to-calendar" }, "secondary");
  btn.addEventListener("click", () => downloadCalendar(btn, request));
  return btn;
};

function milestoneList(booking) {
  const rows = (booking.milestones || []).map((m) => ({ key: m.title, value: rangeWords(m.start, m.end) }));
  return rows.length ? summaryList(rows, { id: "milestones" }) : para("The programme office will tell you the dates.");
}

function bookingRows(request) {
  const b = request.booking;
  return [
    { key: "Reference", value: el("span", { class: "app-reference" }, b.reference || ""), id: "row-reference" },
    { key: "Week", value: weekWords(b.week).replace(/^w/, "W"), id: "row-week" },
    { key: "Days on site", value: daysList(b.on_site && b.on_site.length ? b.on_site : onSiteDays(b.week, request.days)) },
    { key: "Team", value: teamList(b.peers, true) },
  ];
}

async function confirmationPage(me, id) {
  const request = await api("GET", `/requests/${enc(id)}`);
  if (!request.booking) { location.replace(`#/requests/${enc(id)}`); return; }
  const b = request.booking;
  show({ title: `${title(request)} booked`, content: el("div", { class: "govuk-grid-row" }, el("div", { class: "govuk-grid-column-two-thirds" },
    panel(`${title(request)} booked`, "Your reference", el("br"), el("strong", { id: "reference", class: "app-reference" }, b.reference || "")),
    para(`The peer team will be on site in the ${weekWords(b.week)}.`),
    summaryList(bookingRows(request), { id: "booking" }),
    calendarButton(request),
    heading("What happens next", "m", "h2", { id: "what-happens-next" }),
    milestoneList(b),
    para(link(`#/requests/${enc(id)}`, "View or change your booking"), " · ", link("#/", "Go to the start")))) });
}

async function requestPage(me, id) {
  const request = await api("GET", `/requests/${enc(id)}`);
  const b = request.booking;
  const fee = request.fee > 0 ? el("div", { class: "govuk-inset-text", id: "fee" }, `A subject peer challenge is paid: this one costs your council ${money(request.fee)} for ${request.days} days on site.`) : null;
  const preferred = (request.preferred || []).map((r) => rangeWords(r.start, r.end));
  show({ title: title(request), back: "#/", content: el("div", { class: "govuk-grid-row" }, el("div", { class: "govuk-grid-column-two-thirds" },
    el("span", { class: "govuk-caption-l" }, me.display_name || ""),
    heading(title(request)),
    fee,
    b ? [
      el("p", { class: "govuk-body", id: "booking-state" }, `Booked for the ${weekWords(b.week)}.`),
      summaryList(bookingRows(request), { id: "booking" }),
      buttonGroup(calendarButton(request),
                  linkButton(`#/book/${enc(id)}/week`, "Change the week", { id: "change-week" }, "secondary"),
                  linkButton(`#/requests/${enc(id)}/cancel`, "Cancel the booking", { id: "cancel-booking" }, "warning")),
      heading("What happens next", "m", "h2"), milestoneList(b)]
      : [el("p", { class: "govuk-body", id: "booking-state" }, "Not booked yet."),
         startButton(`#/book/${enc(id)}/week`, "Choose a week", { id: "choose-week" })],
    heading("Your preferences", "m", "h2"),
    summaryList([
      { key: "Days on site", value: String(request.days) },
      { key: "Preferred periods", value: preferred.length ? list(preferred) : "None", id: "row-preferred",
        change: { href: `#/requests/${enc(id)}/preferred`, what: "the preferred periods" } },
      { key: "Focus areas", value: (request.focus || []).length ? list(request.focus) : "None", id: "row-focus",
        change: { href: `#/requests/${enc(id)}/focus`, what: "the focus areas" } }]))) });
}

async function cancelPage(me, id) {
  const request = await api("GET", `/requests/${enc(id)}`);
  if (!request.booking) { location.replace(`#/requests/${enc(id)}`); return; }
  const yes = button("Yes, cancel the booking", { id: "confirm-cancel" }, "warning");
  yes.addEventListener("click", () => busy(yes, "Cancelling…", async () => {
    await api("DELETE", `/requests/${enc(id)}/booking`);
    carry({ title: `Your booking for the ${weekWords(request.booking.week)} is cancelled.`, success: true });
    location.hash = `#/requests/${enc(id)}`;
  }));
  show({ title: "Cancel your booking", back: `#/requests/${enc(id)}`, content: el("div", { class: "govuk-grid-row" },
    el("div", { class: "govuk-grid-column-two-thirds" },
      heading(`Are you sure you want to cancel your ${lower(request)}?`),
      para(`It is booked for the ${weekWords(request.booking.week)}.`),
      warning("The week will be offered to other councils and the team released. You may not get the same week again."),
      buttonGroup(yes, link(`#/requests/${enc(id)}`, "No, keep the booking", { id: "keep-booking" })))) });
}

// --- periods (the council's blackouts, a request's preferred periods) and focus areas ---

// A list of date ranges with Remove, and "Add a period" with two date inputs.
async function periodsPage({ heading: title, intro, back, ranges, save, errors = null, typed = {} }) {
  const redraw = (more = {}) => periodsPage({ heading: title, intro, back, ranges, save, ...more });
  const rows = ranges.map((r, i) => {
    const remove = button(["Remove", hidden(` ${rangeWords(r.start, r.end)}`)], { "data-remove": String(i) }, "secondary");
    remove.classList.add("govuk-!-margin-bottom-0");
    remove.addEventListener("click", () => busy(remove, "Removing…", async () => {
      const next = ranges.filter((_, j) => j !== i);
      await save(next);
      carry({ title: `${rangeWords(r.start, r.end)} removed.`, success: true });
      await redraw({ ranges: next });
    }));
    return [rangeWords(r.start, r.end), remove];
  });
  const add = button("Add the period", { type: "submit", id: "add-period" });
  const form = el("form", { novalidate: true, id: "period-form", onsubmit: (event) => {
    event.preventDefault();
    const start = readDate("start", "first day");
    const end = readDate("end", "last day");
    const found = {};
    if (start.error) found.start = start.error;
    if (end.error) found.end = end.error;
    if (!found.start && !found.end && end.iso < start.iso) found.end = "The last day must be the same as or after the first day";
    if (Object.keys(found).length) return redraw({ errors: found, typed: { start: start.parts, end: end.parts } });
    busy(add, "Adding…", async () => {
      const next = [...ranges, { start: start.iso, end: end.iso }].sort((a, b) => (a.start < b.start ? -1 : 1));
      await save(next);
      carry({ title: `${rangeWords(start.iso, end.iso)} added.`, success: true });
      await redraw({ ranges: next });
    }, { onRefusal: (error) => redraw({ errors: { [/end/.test(error.field || "") ? "end" : "start"]: error.message },
                                        typed: { start: start.parts, end: end.parts } }) });
  } },
    heading("Add a period", "m", "h2"),
    dateInput({ id: "start", legend: "First day", hint: "For example, 7 5 2012", error: errors && errors.start, value: typed.start }),
    dateInput({ id: "end", legend: "Last day", hint: "For example, 11 5 2012", error: errors && errors.end, value: typed.end }),
    add);
  const list = errors ? Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}-day` })) : [];
  show({ title: (list.length ? "Error: " : "") + title, back, content: [list.length ? errorSummary(list) : null,
    el("div", { class: "govuk-grid-row" }, el("div", { class: "govuk-grid-column-two-thirds" },
      heading(title), para(intro),
      rows.length ? table(null, ["Period", el("span", { class: "govuk-visually-hidden" }, "Action")], rows, { id: "periods" }) : para("None yet."),
      form, para(link(back, "Done"))))] });
}

async function blackoutsPage(me) {
  const council = await api("GET", `/councils/${enc(me.council)}`);
  return periodsPage({ heading: "Dates your council cannot host a peer challenge", back: "#/", ranges: council.blackouts || [],
    intro: "For example the weeks of your budget setting or a holiday period. No peer team is put on site on these days.",
    save: (blackouts) => api("PATCH", `/councils/${enc(me.council)}`, { blackouts }) });
}

async function preferredPage(me, id) {
  const request = await api("GET", `/requests/${enc(id)}`);
  return periodsPage({ heading: `When you would prefer your ${lower(request)}`, back: `#/requests/${enc(id)}`, ranges: request.preferred || [],
    intro: "Weeks in these periods are recommended first. Other weeks can still be booked.",
    save: (preferred) => api("PATCH", `/requests/${enc(id)}`, { preferred }) });
}

async function focusPage(me, id, error = null, typed = null) {
  const request = await api("GET", `/requests/${enc(id)}`);
  const save = button("Save", { type: "submit", id: "save-focus" });
  const form = el("form", { novalidate: true, id: "focus-form", onsubmit: (event) => {
    event.preventDefault();
    const text = $("#focus").value;
    const focus = text.split(/[\n,]/).map((f) => f.trim()).filter(Boolean);
    busy(save, "Saving…", async () => {
      await api("PATCH", `/requests/${enc(id)}`, { focus });
      carry({ title: "Your focus areas are saved.", success: true });
      location.hash = `#/requests/${enc(id)}`;
    }, { onRefusal: (refusal) => focusPage(me, id, refusal.message, text) });
  } },
    el("div", { class: "govuk-form-group" + (error ? " govuk-form-group--error" : "") },
      el("h1", { class: "govuk-label-wrapper" }, el("label", { class: "govuk-label govuk-label--l", for: "focus" }, `What should your ${lower(request)} focus on?`)),
      el("div", { class: "govuk-hint", id: "focus-hint" }, "One a line, for example: financial planning. The team is matched to these."),
      error ? errorMessage("focus-error", error) : null,
      el("textarea", { class: "govuk-textarea" + (error ? " govuk-textarea--error" : ""), id: "focus", name: "focus", rows: "5",
                       "aria-describedby": error ? "focus-hint focus-error" : "focus-hint" }, typed !== null ? typed : (request.focus || []).join("\n"))),
    save);
  show({ title: (error ? "Error: " : "") + "Focus areas", back: `#/requests/${enc(id)}`,
         content: [error ? errorSummary([{ text: error, href: "#focus" }]) : null, form] });
}

export const councilRoutes = [
  [/^\/blackouts$/, blackoutsPage],
  [/^\/requests\/([^/]+)\/preferred$/, preferredPage],
  [/^\/requests\/([^/]+)\/focus$/, (me, id) => focusPage(me, id)],
  [/^\/$/, startPage],
  [/^\/book$/, (me) => chooseRequestPage(me)],
  [/^\/book\/([^/]+)\/week(?:\/(\d{4}-\d{2}))?$/, (me, id, month) => weekPage(me, id, month)],
  [/^\/book\/([^/]+)\/check\/(\d{4}-\d{2}-\d{2})$/, checkPage],
  [/^\/requests\/([^/]+)$/, requestPage],
  [/^\/requests\/([^/]+)\/confirmation$/, confirmationPage],
  [/^\/requests\/([^/]+)\/cancel$/, cancelPage],
];
