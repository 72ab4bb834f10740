// group.js — a political group office's pages (Labour, Conservative,
// Liberal Democrat, Independent): its councillor peers (find and filter,
// days given this year against the cap, next assignment), each peer's
// assignments with Approve and Veto (veto asks on its own page, then the
// new team is shown in a banner), the challenges where the group may
// nominate one of its peers (a page each: radios of the party's peers,
// refusals in the service's words at the field), and member peer days by
// party against the proportional share (a chart with axes and a table).
// A group office never sees a rule id, a cost or a bare id.
import { $, el, heading, para, link, list, hidden, button, linkButton, buttonGroup, tag, warning, summaryList,
         table, radios, textInput, errorSummary, inset } from "./dom.js";
import { api, enc } from "./api.js";
import { show, busy, carry } from "./layout.js";
import { dayWords, weekWords } from "./dates.js";
import { person } from "./council.js";
import { barChart, niceScale } from "./charts.js";

const Week = (monday) => weekWords(monday).replace(/^w/, "W");
const fyOf = (iso) => { const y = Number(iso.slice(0, 4)); const start = iso.slice(5) >= "04-01" ? y : y - 1;
                        return `${start}/${String((start + 1) % 100).padStart(2, "0")}`; };
const fyStart = (words) => `${words.slice(0, 4)}-04-01`;
const fyEnd = (words) => `${Number(words.slice(0, 4)) + 1}-03-31`;
const what = (a) => `the ${(a.kind_words || "peer challenge").toLowerCase()} at ${a.council_name}`;
const percent = (share) => `${Math.round(100 * (share || 0))}%`;

// The group's view and the party report, read together for each page.
async function load(me) {
  const [group, parties] = await Promise.all([api("GET", `/groups/${enc(me.group)}`),
                                              api("GET", "/reports/parties").catch((error) => { if (error.status === 404) return null; throw error; })]);
  const years = ((parties && parties.years) || []).map((y) => y.year);
  // "Now": today when it falls in the programme, else the programme's first day (a programme of the past reads from its start).
  const today = new Date().toISOString().slice(0, 10);
  const inProgramme = years.length && today >= fyStart(years[0]) && today <= fyEnd(years[years.length - 1]);
  const now = inProgramme || !years.length ? today : fyStart(years[0]);
  return { group, parties, now, year: fyOf(now) };
}

const daysIn = (peer, year) => ((peer.days || []).find((d) => d.year === year) || {}).days || 0;
const capWords = (peer) => (peer.max_days_per_year === null || peer.max_days_per_year === undefined ? "no cap" : `cap ${peer.max_days_per_year}`);
const daysWords = (peer, year) => {
  const n = daysIn(peer, year);
  return peer.max_days_per_year === null || peer.max_days_per_year === undefined
    ? `${n} ${n === 1 ? "day" : "days"}, no cap` : `${n} of ${peer.max_days_per_year} days`;
};
const byWeek = (a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0);
const nextOf = (peer, now) => [...(peer.assignments || [])].sort(byWeek).find((a) => a.week >= now.slice(0, 10)) || null;
const waiting = (peer) => (peer.assignments || []).filter((a) => !a.approved);
const answerTag = (a) => (a.status === "accepted" ? tag("Accepted by the peer", "green") : tag("Waiting for the peer's answer", "yellow"));
const approvalTag = (a) => (a.approved ? tag("Approved", "green") : tag("Waiting for your approval", "blue"));

// --- the group office's home: peers, approvals waiting, challenges open to nomination -----------

async function home(me, query = "") {
  const { group, now, year } = await load(me);
  const params = new URLSearchParams(query || "");
  const q = (params.get("q") || "").trim();
  const showing = ["waiting", "capped", "free"].includes(params.get("show")) ? params.get("show") : "all";
  const peers = [...group.peers].sort((a, b) => a.name.localeCompare(b.name));
  const match = (p) => !q || [p.name, p.council_name].some((t) => String(t || "").toLowerCase().includes(q.toLowerCase()));
  const capped = (p) => p.max_days_per_year !== null && p.max_days_per_year !== undefined && daysIn(p, year) >= p.max_days_per_year;
  const kept = peers.filter(match).filter((p) => showing === "all" || (showing === "waiting" ? waiting(p).length > 0
                                               : showing === "capped" ? capped(p) : !(p.assignments || []).length));
  const rows = kept.map((p) => {
    const next = nextOf(p, now);
    return [link(`#/peers/${enc(p.id)}`, p.name, { "data-peer": p.id }), p.council_name || "None", daysWords(p, year),
      next ? [`${Week(next.week)}, ${next.council_name}`, waiting(p).length ? [" ", tag(`${waiting(p).length} waiting for approval`, "blue")] : null]
           : "None"];
  });
  const toApprove = peers.reduce((n, p) => n + waiting(p).length, 0);
  const form = el("form", { novalidate: true, id: "filter-form", onsubmit: (event) => {
    event.preventDefault();
    const next = new URLSearchParams({ q: $("#q").value.trim(), show: form.querySelector("input[name=show]:checked").value });
    location.hash = `#/?${next}`;
  } },
    textInput({ id: "q", label: "Find a peer by name or home council", labelSize: "s", value: q, attrs: { type: "search", spellcheck: "false" } }),
    radios({ name: "show", legend: "Show", legendSize: "s", legendIsHeading: false, small: true,
      items: [["all", "All peers"], ["waiting", "Waiting for your approval"], ["capped", `At their cap in ${year}`], ["free", "With no assignment"]]
        .map(([value, label]) => ({ value, label, checked: value === showing })) }),
    button("Show peers", { type: "submit", id: "filter" }, "secondary"));
  const caption = `${kept.length} of ${peers.length} councillor peers${q ? ` matching "${q}"` : ""}`;
  const challenges = [...(group.challenges || [])].sort(byWeek);
  show({ title: me.display_name || "Group office", content: [
    el("span", { class: "govuk-caption-l" }, "Political group office"),
    heading(me.display_name || `${group.party} group office`),
    // The other pages first, so a keyboard reaches them before the peer table.
    list([link("#/challenges", "Find a challenge to nominate for", { id: "to-challenges" }),
          link("#/share", "Member peer days by party", { id: "to-share" })]),
    toApprove ? inset(`${toApprove} ${toApprove === 1 ? "assignment is" : "assignments are"} waiting for your approval. `,
                      link("#/?show=waiting", "Show the peers with assignments to approve", { id: "show-waiting" })) : null,
    el("section", { "aria-labelledby": "peers-title", id: "peers" },
      heading("Your councillor peers", "m", "h2", { id: "peers-title" }),
      el("div", { class: "govuk-grid-row" },
        el("div", { class: "govuk-grid-column-one-third" }, form),
        el("div", { class: "govuk-grid-column-two-thirds", "aria-live": "polite" },
          table(caption, ["Peer", "Home council", `Days in ${year}`, "Next assignment"], rows, { rowHeaders: true, stack: true, id: "peer-table" })))),
    el("section", { "aria-labelledby": "challenges-title", id: "challenges" },
      heading("Challenges where you may nominate", "m", "h2", { id: "challenges-title" }),
      para(`Booked challenges with a councillor peer's place at councils under ${group.party} control or no overall control.`),
      challenges.length
        ? [challengeTable(`The ${Math.min(kSoonest, upcoming(challenges, now).length)} soonest of ${challenges.length} challenges`,
                          upcoming(challenges, now).slice(0, kSoonest)),
           para(link("#/challenges", `Find a challenge among all ${challenges.length}`, { id: "all-challenges" }))]
        : para("There is no challenge where your group may nominate at present.")),
    el("section", { "aria-labelledby": "share-title" },
      heading("Member peer days by party", "m", "h2", { id: "share-title" }),
      para(link("#/share", "See the days each party's peers have given against the proportional share", { id: "share-link" }))),
  ] });
}

const kSoonest = 10;
const upcoming = (challenges, now) => { const ahead = challenges.filter((c) => c.week >= now); return ahead.length ? ahead : challenges; };
const challengeTable = (caption, challenges) => table(caption, ["Council", "Control", "Week", "Councillor peers"], challenges.map((c) => [
  link(`#/challenges/${enc(c.request)}`, [c.council_name, hidden(`, ${Week(c.week)}`)], { "data-challenge": c.request }),
  c.control, Week(c.week), (c.members || []).length ? (c.members || []).map((m) => m.name).join(", ") : "None yet"]),
  { rowHeaders: true, stack: true, id: "challenge-table" });

// Every challenge open to nomination, found by council or councillor peer.
async function challengesPage(me, query = "") {
  const { group } = await load(me);
  const q = (new URLSearchParams(query || "").get("q") || "").trim();
  const match = (c) => !q || [c.council_name, ...(c.members || []).map((m) => m.name)]
    .some((t) => String(t || "").toLowerCase().includes(q.toLowerCase()));
  const all = [...(group.challenges || [])].sort(byWeek);
  const kept = all.filter(match);
  const form = el("form", { novalidate: true, id: "challenge-filter", onsubmit: (event) => {
    event.preventDefault();
    location.hash = `#/challenges?${new URLSearchParams({ q: $("#cq").value.trim() })}`;
  } },
    textInput({ id: "cq", label: "Find a challenge by council or councillor peer", labelSize: "s", value: q,
                attrs: { type: "search", spellcheck: "false" } }),
    button("Find", { type: "submit", id: "find-challenge" }, "secondary"));
  show({ title: "Challenges where you may nominate", back: "#/", content: [
    heading("Challenges where you may nominate"),
    para(`Booked challenges with a councillor peer's place at councils under ${group.party} control or no overall control.`),
    form,
    el("div", { "aria-live": "polite" },
      kept.length ? challengeTable(`${kept.length} of ${all.length} challenges${q ? ` matching "${q}"` : ""}, the soonest first`, kept)
                  : para(q ? `No challenge matches "${q}".` : "There is no challenge where your group may nominate at present.")),
  ] });
}

// --- a peer's assignments: Approve, Veto ------------------------------------

function assignmentCard(me, peer, a) {
  const approve = button(["Approve", hidden(` ${peer.name} for ${what(a)}`)], { "data-approve": a.request });
  approve.addEventListener("click", () => busy(approve, "Approving…", async () => {
    await api("POST", `/requests/${enc(a.request)}/team/${enc(peer.id)}/approval`);
    carry({ title: `You approved ${peer.name} for ${what(a)}.`, success: true });
    await peerPage(me, peer.id);
  }));
  return el("div", { class: "govuk-summary-card", "data-request": a.request },
    el("div", { class: "govuk-summary-card__title-wrapper" },
      el("h3", { class: "govuk-summary-card__title" }, `${a.kind_words || "Peer challenge"}, ${a.council_name}`)),
    el("div", { class: "govuk-summary-card__content" },
      summaryList([
        { key: "Week", value: Week(a.week) },
        { key: "Days on site", value: el("ul", { class: "govuk-list" }, (a.on_site || []).map((d) => el("li", {}, dayWords(d)))) },
        { key: "The peer's answer", value: answerTag(a) },
        { key: "Your group", value: approvalTag(a) },
        a.reference ? { key: "Reference", value: el("span", { class: "app-reference" }, a.reference) } : null,
      ]),
      buttonGroup(a.approved ? null : approve,
        linkButton(`#/peers/${enc(peer.id)}/veto/${enc(a.request)}`, ["Veto", hidden(` ${peer.name} for ${what(a)}`)],
                   { "data-veto": a.request }, "warning"))));
}

async function peerPage(me, id) {
  const { group, year } = await load(me);
  const peer = group.peers.find((p) => p.id === id);
  if (!peer) { show({ title: "Peer not found", back: "#/", content: [heading("Peer not found"), para(link("#/", "Go to your peers"))] }); return; }
  const assignments = [...(peer.assignments || [])].sort(byWeek);
  show({ title: peer.name, back: "#/", content: el("div", { class: "govuk-grid-row" }, el("div", { class: "govuk-grid-column-two-thirds" },
    el("span", { class: "govuk-caption-l" }, `Councillor peer, ${group.party}`),
    heading(peer.name),
    summaryList([
      { key: "Home council", value: peer.council_name || "None" },
      { key: `Days in ${year}`, value: daysWords(peer, year) },
      { key: "Days given", value: (peer.days || []).length ? list(peer.days.map((d) => `${d.year}: ${d.days} ${d.days === 1 ? "day" : "days"}`)) : "None yet" },
      { key: "Most days in a year", value: capWords(peer).replace(/^cap /, "").replace(/^no cap$/, "No cap") },
    ], { id: "peer-details" }),
    heading("Assignments", "m", "h2"),
    assignments.length ? el("div", { id: "assignments" }, assignments.map((a) => assignmentCard(me, peer, a)))
                       : para("This peer has no assignment at present."))) });
}

async function vetoPage(me, id, request) {
  const { group } = await load(me);
  const peer = group.peers.find((p) => p.id === id);
  const a = peer && (peer.assignments || []).find((x) => x.request === request);
  if (!a) { location.replace(peer ? `#/peers/${enc(id)}` : "#/"); return; }
  const yes = button("Yes, veto", { id: "confirm-veto" }, "warning");
  yes.addEventListener("click", () => busy(yes, "Finding another peer…", async () => {
    const booking = await api("POST", `/requests/${enc(request)}/team/${enc(id)}/veto`);
    const team = (booking && booking.peers) || [];
    carry({ title: `You vetoed ${peer.name} for ${what(a)}. The new team:`, success: true,
            body: team.length ? el("ul", { class: "govuk-list", id: "new-team" }, team.map((p) => el("li", {}, person(p)))) : null });
    location.hash = `#/peers/${enc(id)}`;
  }));
  show({ title: "Veto a peer", back: `#/peers/${enc(id)}`, content: el("div", { class: "govuk-grid-row" },
    el("div", { class: "govuk-grid-column-two-thirds" },
      heading(`Are you sure you want to veto ${peer.name} for ${what(a)}?`),
      para(`The challenge is in the ${weekWords(a.week)}.`),
      warning(`${peer.name} will not be proposed for this challenge again. Another peer is found for the team straight away.`),
      buttonGroup(yes, link(`#/peers/${enc(id)}`, "No, go back", { id: "keep" })))) });
}

// --- nominating for a challenge -------------------------------------------------

async function challengePage(me, request, error = null, chosen = null) {
  const { group, year } = await load(me);
  const c = (group.challenges || []).find((x) => x.request === request);
  if (!c) { show({ title: "Challenge not found", back: "#/", content: [heading("This challenge is not open to nomination"),
    para("It may have been moved or cancelled. ", link("#/", "Go to your challenges"), ".")] }); return; }
  const on = new Set((c.members || []).map((m) => m.id));
  const candidates = [...group.peers].filter((p) => !on.has(p.id)).sort((a, b) => a.name.localeCompare(b.name));
  const nominate = button("Nominate", { type: "submit", id: "nominate" });
  const form = el("form", { novalidate: true, id: "nominate-form", onsubmit: (event) => {
    event.preventDefault();
    const picked = form.querySelector("input[name=peer]:checked");
    if (!picked) return challengePage(me, request, "Select the councillor peer you want to nominate");
    const peer = group.peers.find((p) => p.id === picked.value);
    busy(nominate, "Nominating…", async () => {
      const booking = await api("POST", `/requests/${enc(request)}/nominations`, { peer: peer.id });
      const team = (booking && booking.peers) || [];
      carry({ title: `You nominated ${peer.name} for the challenge at ${c.council_name}. The team:`, success: true,
              body: team.length ? el("ul", { class: "govuk-list", id: "new-team" }, team.map((p) => el("li", {}, person(p)))) : null });
      await challengePage(me, request);
    }, { onRefusal: (refusal) => challengePage(me, request, refusal.message, peer.id) });
  } },
    radios({ name: "peer", legend: "Which councillor peer do you want to nominate?", legendSize: "m", legendIsHeading: false, error,
      hint: `Your group's councillor peers who are not on this team yet, with their days in ${year}.`,
      items: candidates.map((p) => ({ value: p.id, label: p.name, checked: chosen === p.id,
                                      hint: `${p.council_name || "No home council"}; ${daysWords(p, year)}` })) }),
    candidates.length ? nominate : para("Every one of your councillor peers is on this team."));
  const members = c.members || [];
  const chosenAt = candidates.findIndex((p) => p.id === chosen);  // the error summary's link goes to the peer refused
  show({ title: (error ? "Error: " : "") + `Nominate for the challenge at ${c.council_name}`, back: "#/", content: [
    error ? errorSummary([{ text: error, href: chosenAt >= 1 ? `#peer-${chosenAt + 1}` : "#peer" }]) : null,
    el("div", { class: "govuk-grid-row" }, el("div", { class: "govuk-grid-column-two-thirds" },
      el("span", { class: "govuk-caption-l" }, Week(c.week)),
      heading(`Nominate a councillor peer for the challenge at ${c.council_name}`),
      summaryList([
        { key: "Council", value: c.council_name },
        { key: "Political control", value: c.control },
        { key: "Week", value: Week(c.week) },
        { key: "Days on site", value: el("ul", { class: "govuk-list" }, (c.on_site || []).map((d) => el("li", {}, dayWords(d)))) },
        { key: "Councillor peers on the team", id: "members",
          value: members.length ? el("ul", { class: "govuk-list" }, members.map((m) => el("li", {},
            [m.name, m.party, m.council_name].filter(Boolean).join(", "), " ", m.status === "accepted" ? tag("Accepted", "green") : tag("Invited", "grey"))))
            : "None yet" },
        c.reference ? { key: "Reference", value: el("span", { class: "app-reference" }, c.reference) } : null,
      ], { id: "challenge" }),
      form))] });
}

// --- member peer days by party against the proportional share -------------------

async function sharePage(me) {
  const { parties, group } = await load(me);
  const years = (parties && parties.years) || [];
  const points = (d) => { const n = Math.round(100 * d); return n === 0 ? "Level with its share" : `${Math.abs(n)} ${Math.abs(n) === 1 ? "point" : "points"} ${n > 0 ? "above" : "below"}`; };
  const most = Math.max(0.01, ...years.flatMap((y) => y.parties.flatMap((p) => [p.share || 0, p.proportional_share || 0])));
  const scale = niceScale(Math.min(100, Math.ceil(100 * most)));
  show({ title: "Member peer days by party", back: "#/", content: [
    heading("Member peer days by party"),
    para("The days each party's councillor peers have given on site, as a share of all councillor peer days, against the party's proportional share."),
    parties && parties.basis ? inset(el("span", { id: "basis" }, parties.basis)) : null,
    years.length ? years.map((y) => el("section", { "aria-labelledby": `year-${y.year.slice(0, 4)}`, class: "app-share-year" },
      heading(y.year, "m", "h2", { id: `year-${y.year.slice(0, 4)}` }),
      barChart({ id: `share-chart-${y.year.slice(0, 4)}`,
        label: `Bar chart of each party's share of councillor peer days in ${y.year} beside its proportional share`,
        yTitle: "Share (%)", xTitle: "Party", scale, format: (n) => `${n}%`,
        series: [{ name: "Share of councillor peer days" }, { name: "Proportional share" }],
        bars: y.parties.map((p) => ({ label: p.party, values: [100 * (p.share || 0), 100 * (p.proportional_share || 0)] })),
        table: { caption: `Councillor peer days by party in ${y.year}`, id: `share-table-${y.year.slice(0, 4)}`,
                 headers: ["Party", "Days on site", "Share of days", "Proportional share", "Against the share"],
                 rows: y.parties.map((p) => [p.party === group.party ? [p.party, hidden(" (your group)")] : p.party, String(p.days),
                                             percent(p.share), percent(p.proportional_share),
                                             points((p.share || 0) - (p.proportional_share || 0))]) }, tableOpen: true })))
      : para("No councillor peer days are booked yet."),
  ] });
}

export const groupRoutes = [
  [/^\/(?:\?(.*))?$/, home],
  [/^\/peers\/([^/]+)$/, peerPage],
  [/^\/peers\/([^/]+)\/veto\/([^/]+)$/, vetoPage],
  [/^\/challenges(?:\?(.*))?$/, challengesPage],
  [/^\/challenges\/([^/]+)$/, (me, request) => challengePage(me, request)],
  [/^\/share$/, sharePage],
];
