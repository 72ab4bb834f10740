// peer.js — a peer's pages, made for a phone first (390 px, no sideways
// scrolling): their challenges with Accept and Decline (decline asks on its
// own page), the weeks they offer (a month at a time, checkboxes), their day
// cap and skills, and a calendar feed link.
import { $, el, heading, para, link, hidden, button, linkButton, buttonGroup, tag, warning, summaryList,
         checkboxes, textInput, errorSummary, errorMessage, inset } from "./dom.js";
import { api, apiAll, enc } from "./api.js";
import { show, showErrors, busy, carry } from "./layout.js";
import { dayWords, weekWords, rangeWords, addDays, monthOf, monthWords, addMonths, mondaysBetween } from "./dates.js";
import { person } from "./council.js";

const within = (ranges, day) => ranges.some((r) => r.start <= day && day <= r.end);
const offers = (peer, monday) => within(peer.available || [], monday) && within(peer.available || [], addDays(monday, 4));
const what = (a) => `the ${(a.title || "peer challenge").toLowerCase()} at ${a.council_name || a.council}`;

async function loadPeer(me) {
  const peer = await api("GET", `/peers/${enc(me.peer)}`);
  const assignments = await apiAll(`/peers/${enc(peer.id)}/assignments`, "assignments");
  return { peer, assignments };
}

function challengeCard(me, peer, a) {
  const accepted = a.status === "accepted";
  const accept = button("Accept", { id: `accept-${a.request}`, "data-accept": a.request });
  accept.addEventListener("click", () => busy(accept, "Accepting…", async () => {
    await api("POST", `/peers/${enc(peer.id)}/assignments/${enc(a.request)}/accept`);
    carry({ title: `You accepted ${what(a)}.`, success: true });
    await peerHome(me);
  }));
  const days = a.days || [];
  return el("div", { class: "govuk-summary-card", "data-request": a.request },
    el("div", { class: "govuk-summary-card__title-wrapper" },
      el("h3", { class: "govuk-summary-card__title" }, `${a.title || "Peer challenge"}, ${a.council_name || a.council}`)),
    el("div", { class: "govuk-summary-card__content" },
      summaryList([
        { key: "Week", value: weekWords(a.week).replace(/^w/, "W") },
        { key: "Days on site", value: days.length ? el("ul", { class: "govuk-list" }, days.map((d) => el("li", {}, dayWords(d)))) : "" },
        { key: "Your answer", value: accepted ? tag("Accepted", "green") : tag("Waiting for your answer", "yellow") },
        { key: "Team", value: el("ul", { class: "govuk-list" }, (a.team || []).map((p) => el("li", {}, person(p)))) },
        a.reference ? { key: "Reference", value: el("span", { class: "app-reference" }, a.reference) } : null,
      ]),
      accepted ? null : buttonGroup(accept,
        linkButton(`#/challenges/${enc(a.request)}/decline`, ["Decline", hidden(` ${what(a)}`)], { "data-decline": a.request }, "secondary"))));
}

async function peerHome(me) {
  const { peer, assignments } = await loadPeer(me);
  const offered = mondaysBetween((me.window || {}).start || "2011-04-01", (me.window || {}).end || "2014-03-31").filter((m) => offers(peer, m));
  const feedButton = button("Make my calendar link", { id: "feed" }, "secondary");
  feedButton.addEventListener("click", () => busy(feedButton, "Making your link…", async () => {
    const feed = await api("POST", "/me/calendar");
    $("#feed-url").replaceChildren(el("div", { class: "govuk-inset-text app-break" },
      para("Your calendar link (keep it private):"), el("p", { class: "govuk-body app-break", id: "feed-link" }, new URL(feed.url, location.href).href)));
  }));
  show({ title: peer.name || "Your peer challenges", content: [
    el("span", { class: "govuk-caption-l" }, "Peer"),
    heading(peer.name || me.display_name || "Your peer challenges"),
    heading("Your challenges", "m", "h2"),
    assignments.length ? el("div", { id: "challenges" }, assignments.map((a) => challengeCard(me, peer, a)))
                       : para("You have no challenges yet. When a council books a week you offer, you are invited here."),
    heading("Weeks you offer", "m", "h2"),
    para(offered.length ? `You offer ${offered.length} weeks, from the ${weekWords(offered[0])} to the ${weekWords(offered[offered.length - 1])}.`
                        : "You do not offer any weeks yet."),
    linkButton("#/weeks", "Change the weeks you offer", { id: "change-weeks" }, "secondary"),
    heading("Your days and skills", "m", "h2"),
    summaryList([
      { key: "Most days in a financial year", value: peer.max_days_per_year === null || peer.max_days_per_year === undefined ? "No limit" : String(peer.max_days_per_year),
        change: { href: "#/details", what: "the most days in a financial year" } },
      { key: "Skills", value: (peer.skills || []).length ? el("ul", { class: "govuk-list" }, peer.skills.map((s) => el("li", {}, s))) : "None",
        change: { href: "#/details", what: "your skills" } }], { id: "details" }),
    heading("Calendar feed", "m", "h2"),
    para("Subscribe to your challenges from Outlook, Google Calendar or another calendar."),
    feedButton, el("div", { id: "feed-url", "aria-live": "polite" }),
  ] });
}

async function declinePage(me, request) {
  const { peer, assignments } = await loadPeer(me);
  const a = assignments.find((x) => x.request === request);
  if (!a) { location.replace("#/"); return; }
  const yes = button("Yes, decline", { id: "confirm-decline" }, "warning");
  yes.addEventListener("click", () => busy(yes, "Declining…", async () => {
    await api("POST", `/peers/${enc(peer.id)}/assignments/${enc(a.request)}/decline`);
    carry({ title: `You declined ${what(a)}. The programme office will find another peer.`, success: true });
    location.hash = "#/";
  }));
  show({ title: "Decline a challenge", back: "#/", content: [
    heading(`Are you sure you want to decline ${what(a)}?`),
    para(`It is in the ${weekWords(a.week)}.`),
    warning("You cannot undo this. Another peer will be invited in your place."),
    buttonGroup(yes, link("#/", "No, go back", { id: "keep" })),
  ] });
}

async function weeksPage(me, month) {
  const { peer } = await loadPeer(me);
  const window = me.window || { start: "2011-04-01", end: "2014-03-31" };
  const all = mondaysBetween(window.start, window.end).filter((m) => addDays(m, 4) >= window.start);
  const first = monthOf(all[0]);
  const last = monthOf(all[all.length - 1]);
  // Unless a month is asked for: this month when it is in the programme, else the month of the first week offered.
  const today = new Date().toISOString().slice(0, 7);
  const firstOffered = all.find((m) => offers(peer, m));
  const shown = month && month >= first && month <= last ? month : today >= first && today <= last ? today
              : firstOffered ? monthOf(firstOffered) : first;
  const mondays = all.filter((m) => monthOf(m) === shown);
  const save = button("Save the weeks you offer", { type: "submit", id: "save-weeks" });
  const form = el("form", { novalidate: true, id: "weeks-form", onsubmit: (event) => {
    event.preventDefault();
    busy(save, "Saving…", async () => {
      const changes = [...form.querySelectorAll("input[name=week]")].filter((box) => box.checked !== (box.dataset.offered === "true"));
      for (const box of changes) {
        const range = { start: box.value, end: addDays(box.value, 4) };
        await api("POST", `/peers/${enc(peer.id)}/availability${box.checked ? "" : "/withdraw"}`, range);
        box.dataset.offered = String(box.checked);
      }
      carry({ title: changes.length ? `Your offered weeks in ${monthWords(shown)} are saved.` : "Nothing changed.", success: true });
      await weeksPage(me, shown);
    });
  } },
    checkboxes({ name: "week", legend: el("h1", { class: "govuk-fieldset__heading" }, `Weeks you offer in ${monthWords(shown)}`), legendSize: "l",
      hint: "Tick each week you can give to a peer challenge, Monday to Friday.",
      items: mondays.map((m) => ({ value: m, label: weekWords(m).replace(/^w/, "W"), checked: offers(peer, m),
                                   attrs: { "data-offered": String(offers(peer, m)), "data-week": m } })) }),
    save);
  const base = "#/weeks/";
  const nav = el("nav", { class: "govuk-pagination govuk-pagination--block", "aria-label": "Months" },
    shown > first ? el("div", { class: "govuk-pagination__prev" }, el("a", { class: "govuk-link govuk-pagination__link", href: base + addMonths(shown, -1), rel: "prev" },
      el("span", { class: "govuk-pagination__link-title" }, "Previous", hidden(" month")), el("span", { class: "govuk-visually-hidden" }, ":"),
      el("span", { class: "govuk-pagination__link-label" }, monthWords(addMonths(shown, -1))))) : null,
    shown < last ? el("div", { class: "govuk-pagination__next" }, el("a", { class: "govuk-link govuk-pagination__link", href: base + addMonths(shown, 1), rel: "next", id: "next-month" },
      el("span", { class: "govuk-pagination__link-title" }, "Next", hidden(" month")), el("span", { class: "govuk-visually-hidden" }, ":"),
      el("span", { class: "govuk-pagination__link-label" }, monthWords(addMonths(shown, 1))))) : null);
  show({ title: `Weeks you offer in ${monthWords(shown)}`, back: "#/", keepBanner: false, content: [form, nav] });
}

async function detailsPage(me, errors = null, values = null) {
  const { peer } = await loadPeer(me);
  const cap = values ? values.cap : peer.max_days_per_year === null || peer.max_days_per_year === undefined ? "" : String(peer.max_days_per_year);
  const skills = values ? values.skills : (peer.skills || []).join("\n");
  const save = button("Save", { type: "submit", id: "save-details" });
  const form = el("form", { novalidate: true, id: "details-form", onsubmit: (event) => {
    event.preventDefault();
    const capText = $("#cap").value.trim();
    const skillText = $("#skills").value;
    const next = { cap: capText, skills: skillText };
    if (capText !== "" && !/^\d{1,3}$/.test(capText) || Number(capText) > 366)
      return detailsPage(me, { cap: "Enter the most days as a whole number from 0 to 366, or leave it empty for no limit" }, next);
    busy(save, "Saving…", async () => {
      await api("PATCH", `/peers/${enc(peer.id)}`, { max_days_per_year: capText === "" ? null : Number(capText),
        skills: skillText.split(/[\n,]/).map((s) => s.trim()).filter(Boolean) });
      carry({ title: "Your days and skills are saved.", success: true });
      location.hash = "#/";
    }, { onRefusal: (error) => detailsPage(me, { [error.field === "skills" ? "skills" : "cap"]: error.message }, next) });
  } },
    heading("Your days and skills"),
    textInput({ id: "cap", label: "Most days in a financial year", width: "3", value: cap, error: errors && errors.cap,
                hint: "Leave empty for no limit.", attrs: { inputmode: "numeric", spellcheck: "false" } }),
    el("div", { class: "govuk-form-group" + (errors && errors.skills ? " govuk-form-group--error" : "") },
      el("label", { class: "govuk-label", for: "skills" }, "Skills"),
      el("div", { class: "govuk-hint", id: "skills-hint" }, "One a line, for example: children's services"),
      errors && errors.skills ? errorMessage("skills-error", errors.skills) : null,
      el("textarea", { class: "govuk-textarea", id: "skills", name: "skills", rows: "5", "aria-describedby": "skills-hint" }, skills)),
    save);
  const list = errors ? Object.entries(errors).map(([field, text]) => ({ text, href: "#" + field })) : [];
  show({ title: (errors ? "Error: " : "") + "Your days and skills", back: "#/", content: [list.length ? errorSummary(list) : null, form] });
}

export const peerRoutes = [
  [/^\/$/, peerHome],
  [/^\/challenges\/([^/]+)\/decline$/, declinePage],
  [/^\/weeks(?:\/(\d{4}-\d{2}))?$/, weeksPage],
  [/^\/details$/, (me) => detailsPage(me)],
];
