// people.js — the programme office's pages about people and mail:
//   #/people[?role=]          everyone with an account (by role, and what
//                              they act for by name), filtered by role
//   #/people/invite            give a person an account (they are emailed a
//                              sign-in link that works for 7 days)
//   #/people/U/disable|enable  confirm, then change; a success banner follows
//   #/outbox[?status=]         the mail the service sent or will send
// Councils, peers and parties are chosen and shown by name (from the
// scenario), never by id.
import { $, el, heading, para, button, buttonGroup, link, table, textInput, radios, errorMessage, errorSummary, warning, tag, hidden } from "./dom.js";
import { api, apiAll, enc } from "./api.js";
import { show, busy, carry } from "./layout.js";
import { kRoleWords } from "./account.js";

// Names of the councils and peers, and the parties of councillor peers, read once a visit.
let names = null;
async function programmeNames(fresh = false) {
  if (names && !fresh) return names;
  const scenario = await api("GET", "/scenario");
  const councils = new Map(scenario.councils.map((c) => [c.id, c.name || c.id]));
  const peers = new Map(scenario.peers.map((p) => [p.id, p.name || p.id]));
  const parties = [...new Set(scenario.peers.filter((p) => p.role === "member" && p.party).map((p) => p.party))].sort();
  names = { councils, peers, parties };
  return names;
}

function actsFor(user, n) {
  if (user.role === "council") return n.councils.get(user.council || user.subject) || "A council no longer in the programme";
  if (user.role === "peer") return n.peers.get(user.peer || user.subject) || "A peer no longer in the programme";
  if (user.role === "group") return `${user.party || user.subject} group`;
  return "The whole programme";
}

const kRoleFilter = [["", "Everyone"], ["council", "Council officers"], ["peer", "Peers"], ["group", "Group offices"], ["office", "Programme office"]];

function select(id, label, options, selected = "", { hint = null, error = null, placeholder = null } = {}) {
  const described = [hint ? id + "-hint" : null, error ? id + "-error" : null].filter(Boolean).join(" ") || null;
  return el("div", { class: "govuk-form-group" + (error ? " govuk-form-group--error" : "") },
    el("label", { class: "govuk-label", for: id }, label),
    hint ? el("div", { class: "govuk-hint", id: id + "-hint" }, hint) : null,
    error ? errorMessage(id + "-error", error) : null,
    el("select", { class: "govuk-select" + (error ? " govuk-select--error" : ""), id, name: id, "aria-describedby": described },
      placeholder ? el("option", { value: "" }, placeholder) : null,
      options.map(([value, text]) => el("option", { value, selected: value === selected }, text))));
}

// The list as it was last filtered, to go back to after a change.
let peopleHash = "#/people";

async function peoplePage(me, query = "") {
  peopleHash = location.hash || "#/people";
  const params = new URLSearchParams(query || "");
  const role = params.get("role") || "";
  const q = (params.get("q") || "").trim();
  const known = kRoleFilter.some(([value]) => value === role) ? role : "";
  const [n, reply] = await Promise.all([programmeNames(), apiAll(`/users${known ? `?role=${enc(known)}` : ""}`, "users")]);
  const wanted = q.toLowerCase();
  const found = reply.filter((u) => !wanted || [u.name, u.email, actsFor(u, n)].some((t) => String(t).toLowerCase().includes(wanted)))
    .sort((a, b) => b.id - a.id);  // newest first
  const users = found.slice(0, 100);
  const form = el("form", { id: "people-filter", novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if ($("#role-filter").value) next.set("role", $("#role-filter").value);
    if ($("#people-q").value.trim()) next.set("q", $("#people-q").value.trim());
    const text = String(next);
    location.hash = `#/people${text ? `?${text}` : ""}`;
  } },
    el("div", { class: "app-filter" },
      select("role-filter", "Role", kRoleFilter, known),
      textInput({ id: "people-q", label: "Name, email address or who they act for", value: q, width: "20",
                  attrs: { type: "search", spellcheck: "false", autocomplete: "off" } })),
    button("Filter", { type: "submit", id: "filter-people" }, "secondary"));
  const caption = `${found.length} ${found.length === 1 ? "person" : "people"}` +
    `${known ? ` (${kRoleFilter.find(([v]) => v === known)[1].toLowerCase()})` : ""}${q ? ` matching “${q}”` : ""}` +
    `${found.length > users.length ? `, the newest ${users.length} shown` : ", newest first"}`;
  show({ title: "People", content: [
    heading("People"),
    para("Everyone who can sign in, what they do and who they act for. A disabled person cannot sign in, and their tokens stop working."),
    buttonGroup(link("#/people/invite", "Invite a person", { class: "govuk-button", role: "button", id: "invite-link" })),
    form,
    table(caption, ["Name", "Email address", "Role", "Acts for", "Status", "Action"], users.map((u) => [
      u.name,
      el("span", { class: "app-break" }, u.email),
      kRoleWords[u.role] || u.role,
      actsFor(u, n),
      u.disabled ? tag("Disabled", "grey") : tag("Active", "green"),
      u.id === me.id ? "You" : link(`#/people/${enc(u.id)}/${u.disabled ? "enable" : "disable"}`,
                                    [u.disabled ? "Enable" : "Disable", hidden(` ${u.name}`)], { "data-person": u.email }),
    ]), { rowHeaders: true, id: "people-table", stack: true }),
  ] });
}

// The role radios reveal the choice of what the person acts for.
function roleChoice(n, values, errors) {
  const conditional = {
    council: select("council", "Council", [...n.councils].sort((a, b) => a[1].localeCompare(b[1], "en-GB")), values.council,
                    { placeholder: "Choose a council", error: errors.council }),
    peer: select("peer", "Peer", [...n.peers].sort((a, b) => a[1].localeCompare(b[1], "en-GB")), values.peer,
                 { placeholder: "Choose a peer", error: errors.peer }),
    group: select("party", "Party", n.parties.map((p) => [p, p]), values.party, { placeholder: "Choose a party", error: errors.party }),
  };
  const group = radios({ name: "role", legend: "What they do", legendSize: "m", legendIsHeading: false, error: errors.role,
    items: [["council", "Council officer", "Books and follows their council’s peer challenges"],
            ["peer", "Peer", "Offers weeks and answers invitations to teams"],
            ["group", "Group office", "Approves and nominates the councillor peers of a party"],
            ["office", "Programme office", "Plans the whole programme, and gives people accounts"]]
      .map(([value, label, hint]) => ({ value, label, hint, checked: values.role === value,
                                        attrs: conditional[value] ? { "aria-controls": `conditional-${value}` } : {} })) });
  for (const [value, content] of Object.entries(conditional)) {
    const input = group.querySelector(`input[value=${value}]`);
    input.closest(".govuk-radios__item").after(el("div", {
      class: "govuk-radios__conditional" + (values.role === value ? "" : " govuk-radios__conditional--hidden"), id: `conditional-${value}` }, content));
  }
  group.addEventListener("change", () => {
    for (const input of group.querySelectorAll("input[name=role]")) {
      const panel = document.getElementById(`conditional-${input.value}`);
      if (!panel) continue;
      panel.classList.toggle("govuk-radios__conditional--hidden", !input.checked);
    }
  });
  return group;
}

const kSubjectField = { council: "council", peer: "peer", group: "party" };

async function invitePage(me, values = {}, errors = {}) {
  const n = await programmeNames();
  const send = button("Invite", { type: "submit", id: "invite" });
  const form = el("form", { id: "invite-form", novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    busy(send, "Inviting…", () => invite(me));
  } },
    textInput({ id: "name", label: "Full name", value: values.name || "", error: errors.name, attrs: { autocomplete: "off", spellcheck: "false" } }),
    textInput({ id: "email", label: "Email address", type: "email", value: values.email || "", error: errors.email,
                hint: "We will email a sign-in link here. It works once, within 7 days.", attrs: { autocomplete: "off", spellcheck: "false" } }),
    roleChoice(n, values, errors),
    send);
  const listed = Object.entries(errors).filter(([, text]) => text).map(([field, text]) => ({ text, href: field === "role" ? "#role" : `#${field}` }));
  show({ title: (listed.length ? "Error: " : "") + "Invite a person", back: "#/people", content: [
    listed.length ? errorSummary(listed) : null,
    el("div", { class: "govuk-grid-row" }, el("div", { class: "govuk-grid-column-two-thirds" },
      heading("Invite a person"),
      para("They get an account and an email with a link to sign in."),
      form)),
  ] });
}

async function invite(me) {
  const values = { name: $("#name").value.trim(), email: $("#email").value.trim(),
                   role: document.querySelector("input[name=role]:checked")?.value || "",
                   council: $("#council").value, peer: $("#peer").value, party: $("#party").value };
  const errors = {};
  if (!values.name) errors.name = "Enter the person’s full name";
  if (!values.email) errors.email = "Enter their email address";
  else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) errors.email = "Enter an email address in the correct format, like name@example.com";
  if (!values.role) errors.role = "Select what they do";
  const field = kSubjectField[values.role];
  if (field && !values[field]) errors[field] = `Choose the ${field}`;
  if (Object.keys(errors).length) return invitePage(me, values, errors);
  try {
    await api("POST", "/users", { name: values.name, email: values.email, role: values.role, subject: field ? values[field] : "" });
  } catch (error) {
    if (error.status >= 400 && error.status < 500 && error.status !== 401) {
      const at = error.field === "subject" ? field || "role" : ["name", "email", "role"].includes(error.field) ? error.field : "email";
      return invitePage(me, values, { [at]: error.message });
    }
    throw error;
  }
  carry({ title: `${values.name} is invited`, success: true,
          body: para(`A sign-in link is on its way to ${values.email}. It works once, within 7 days.`) });
  location.hash = "#/people";
}

async function enablePage(me, id, what) {
  const user = (await api("GET", `/users/${enc(id)}`));
  const n = await programmeNames();
  const disable = what === "disable";
  const confirm = button(disable ? "Disable the account" : "Enable the account", { id: "confirm-change" }, disable ? "warning" : "");
  confirm.addEventListener("click", () => busy(confirm, disable ? "Disabling…" : "Enabling…", async () => {
    await api("PATCH", `/users/${enc(id)}`, { disabled: disable });
    carry({ title: `${user.name}’s account is ${disable ? "disabled" : "enabled"}`, success: true,
            body: para(disable ? "They cannot sign in, and their tokens and sign-in links no longer work." : "They can sign in again.") });
    location.hash = peopleHash;
  }));
  show({ title: `${disable ? "Disable" : "Enable"} ${user.name}’s account`, back: peopleHash, content: el("div", { class: "govuk-grid-row" },
    el("div", { class: "govuk-grid-column-two-thirds" },
      heading(`Are you sure you want to ${disable ? "disable" : "enable"} ${user.name}’s account?`),
      para(`${kRoleWords[user.role] || user.role} for ${actsFor(user, n)}, ${user.email}.`),
      disable ? warning("They will not be able to sign in, and programs using their tokens will stop working.") : para("They will be able to sign in again."),
      buttonGroup(confirm, link(peopleHash, "Cancel", { id: "cancel-change" })))) });
}

// --- the outbox ------------------------------------------------------------

const kStatus = { sent: ["Sent", "green"], queued: ["Waiting", "blue"], dead: ["Failed — kept", "red"] };
const kStatusFilter = [["", "All messages"], ["sent", "Sent"], ["queued", "Waiting to be sent"], ["dead", "Failed — kept"]];

const kindWords = (kind) => String(kind || "").replace(/^./, (c) => c.toUpperCase());

// "2026-12-02T06:40:00Z" → "6:40am on 2 December 2026" (UK time).
export function timeWords(at) {
  if (!at) return "";
  const d = new Date(at);
  const time = d.toLocaleTimeString("en-GB", { hour: "numeric", minute: "2-digit", hour12: true, timeZone: "Europe/London" }).replace(/\s/g, "");
  return `${time} on ${d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" })}`;
}

async function outboxPage(me, query = "") {
  const status = new URLSearchParams(query || "").get("status") || "";
  const known = kStatus[status] ? status : "";
  const reply = await api("GET", `/outbox?limit=100${known ? `&status=${known}` : ""}`);
  const form = el("form", { id: "outbox-filter", novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    const chosen = $("#status-filter").value;
    location.hash = chosen ? `#/outbox?status=${enc(chosen)}` : "#/outbox";
  } },
    select("status-filter", "Show", kStatusFilter, known),
    button("Filter", { type: "submit", id: "filter-outbox" }, "secondary"));
  const messages = reply.messages;
  const caption = `${messages.length} ${messages.length === 1 ? "message" : "messages"}${known ? ` (${kStatusFilter.find(([v]) => v === known)[1].toLowerCase()})` : ""}, newest first`;
  show({ title: "Outbox", content: [
    heading("Outbox"),
    para("The mail the service has sent or will send: sign-in links and notices. A message that keeps failing is kept here, and not sent again."),
    form,
    messages.length
      ? table(caption, ["To", "Subject", "Kind", "Status", "Attempts", "Last error", "Written"], messages.map((m) => {
          const [words, colour] = kStatus[m.status] || [m.status, "grey"];
          return [el("span", { class: "app-break" }, m.to), m.subject, kindWords(m.kind), tag(words, colour), String(m.attempts),
                  m.last_error || "None", timeWords(m.created_at)];
        }), { rowHeaders: true, id: "outbox-table", stack: true })
      : el("p", { class: "govuk-body", id: "outbox-empty" }, "No messages."),
  ] });
}

export const peopleRoutes = [
  [/^\/people(?:\?(.*))?$/, peoplePage],
  [/^\/people\/invite$/, (me) => invitePage(me)],
  [/^\/people\/(\d+)\/(disable|enable)$/, enablePage],
  [/^\/outbox(?:\?(.*))?$/, outboxPage],
];
