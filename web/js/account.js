// account.js — "Your account", for every role: who you are (name and
// email), which notices you are emailed (one checkbox per kind, its
// sentence as the hint), and your API tokens for programs (made with a
// name and a life in days, the secret shown once; revoked after a
// confirmation page).
import { $, el, heading, para, button, buttonGroup, link, table, summaryList, textInput, checkboxes, warning, hidden } from "./dom.js";
import { api, enc } from "./api.js";
import { show, showErrors, busy, carry } from "./layout.js";
import { dateWords } from "./dates.js";

// "2026-12-02T06:40:00Z" → "2 December 2026"; null → `none`.
export const instantWords = (at, none = "Never") => (at ? dateWords(at.slice(0, 10)) : none);

export const kNoticeWords = {
  invitation: "Invitations to a team",
  "invitation cancelled": "Invitations withdrawn",
  booking: "Bookings of your council",
  "team changed": "Changes to your council’s team",
  "approval needed": "Approvals your party is asked for",
  "sign-in link": "Sign-in links",
};
export const noticeWords = (kind) => kNoticeWords[kind] || String(kind || "").replace(/^./, (c) => c.toUpperCase());

export const kRoleWords = { council: "Council officer", peer: "Peer", group: "Group office", office: "Programme office" };

const active = (t) => !t.revoked_at && !(t.expires_at && t.expires_at < new Date().toISOString().slice(0, 19) + "Z");

async function accountPage(me) {
  const [notices, tokens] = await Promise.all([api("GET", "/me/notices"), api("GET", "/me/tokens")]);
  const save = button("Save", { type: "submit", id: "save-notices" });
  const noticeForm = el("form", { id: "notices-form", novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    busy(save, "Saving…", async () => {
      const muted = [...document.querySelectorAll("input[name=notices]")].filter((i) => !i.checked).map((i) => i.value);
      await api("PUT", "/me/notices", { muted });
      carry({ title: "Your email choices are saved", success: true });
      await accountPage(me);
    });
  } },
    checkboxes({ name: "notices", legend: "Email notices", legendSize: "m", hint: "Select the notices you want to be emailed. What they tell you is on your pages here too.",
      items: notices.kinds.map((k) => ({ value: k.kind, label: noticeWords(k.kind), hint: k.about, checked: k.email })) }),
    save);
  const live = tokens.tokens.filter(active);
  const create = button("Create a token", { type: "submit", id: "create-token" }, "secondary");
  const tokenForm = el("form", { id: "token-form", novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    busy(create, "Creating…", () => createToken(me), { onRefusal: (error) =>
      showErrors([{ text: error.message, href: error.field === "days" ? "#token-days" : "#token-name" }]) });
  } },
    heading("Create a token", "s", "h3"),
    textInput({ id: "token-name", label: "What the token is for", hint: "For example, finance spreadsheet", attrs: { spellcheck: "false", autocomplete: "off" } }),
    textInput({ id: "token-days", label: "Days it works for", hint: "From 1 to 365 days", width: "3", value: "90",
                attrs: { inputmode: "numeric", autocomplete: "off" } }),
    create);
  show({ title: "Your account", content: [
    heading("Your account"),
    el("section", { "aria-labelledby": "about-title" },
      heading("About you", "m", "h2", { id: "about-title" }),
      summaryList([{ key: "Name", value: me.name || me.display_name || "", id: "account-name" },
                   { key: "Email address", value: me.email || "None given", id: "account-email" },
                   { key: "You act as", value: me.display_name && me.display_name !== me.name ? `${kRoleWords[me.role]}: ${me.display_name}` : kRoleWords[me.role] || me.role }]),
      para("To change your name or email address, ask the programme office.")),
    el("section", { id: "notices" }, noticeForm),
    el("section", { "aria-labelledby": "tokens-title", id: "tokens" },
      heading("API tokens", "m", "h2", { id: "tokens-title" }),
      para("A token lets a program (a spreadsheet, a script) use the service as you. Keep it secret, as you would a password."),
      live.length
        ? table(null, ["Name", "Created", "Expires", "Last used", ""], live.map((t) => [t.name, instantWords(t.created_at),
            instantWords(t.expires_at), instantWords(t.last_used_at),
            link(`#/account/tokens/${enc(t.id)}/revoke`, ["Revoke", hidden(` ${t.name}`)], { "data-revoke": t.name })]),
            { rowHeaders: true, id: "tokens-table", stack: true })
        : para("You have no tokens."),
      tokenForm),
  ] });
}

async function createToken(me) {
  const name = $("#token-name").value.trim();
  const daysText = $("#token-days").value.trim();
  if (!name) return showErrors([{ text: "Enter what the token is for", href: "#token-name" }]);
  const days = Number(daysText || "90");
  if (!/^\d+$/.test(daysText || "90") || days < 1 || days > 365)
    return showErrors([{ text: "Days must be a whole number from 1 to 365", href: "#token-days" }]);
  shownOnce = await api("POST", "/me/tokens", { name, days });
  location.hash = "#/account/token";
}

// The token just made, held for the one page that shows its secret.
let shownOnce = null;

async function tokenPage() {
  const made = shownOnce;
  shownOnce = null;
  if (!made) {
    location.hash = "#/account";
    return;
  }
  show({ title: "Token created", back: "#/account", content: el("div", { class: "govuk-grid-row" },
    el("div", { class: "govuk-grid-column-two-thirds" },
      el("div", { class: "govuk-panel govuk-panel--confirmation", id: "token-panel" },
        el("h1", { class: "govuk-panel__title" }, "Token created"),
        el("div", { class: "govuk-panel__body" }, "Your token for ", el("strong", {}, made.name), " is",
          el("br"), el("code", { class: "app-secret", id: "token-secret" }, made.token))),
      warning("Copy the token now and keep it safe. It is shown only this once: you cannot see it again."),
      para(`It works until ${instantWords(made.expires_at)}. Programs send it in the header Authorization: Bearer followed by the token.`),
      buttonGroup(el("a", { class: "govuk-button", role: "button", href: "#/account", id: "token-done" }, "I have copied the token")))) });
}

async function revokePage(me, id) {
  const tokens = await api("GET", "/me/tokens");
  const t = tokens.tokens.find((x) => String(x.id) === id && active(x));
  if (!t) {
    carry({ title: "That token is already revoked or has expired" });
    location.hash = "#/account";
    return;
  }
  const revoke = button("Revoke token", { id: "confirm-revoke" }, "warning");
  revoke.addEventListener("click", () => busy(revoke, "Revoking…", async () => {
    await api("DELETE", `/tokens/${enc(t.id)}`);
    carry({ title: `The token ${t.name} is revoked`, success: true });
    location.hash = "#/account";
  }));
  show({ title: `Revoke the token ${t.name}`, back: "#/account", content: el("div", { class: "govuk-grid-row" },
    el("div", { class: "govuk-grid-column-two-thirds" },
      heading(`Are you sure you want to revoke the token ${t.name}?`),
      para(`Created ${instantWords(t.created_at)}, last used ${instantWords(t.last_used_at, "never").replace(/^N/, "n")}.`),
      warning("Programs that use this token will stop working at once. You cannot undo this."),
      buttonGroup(revoke, link("#/account", "Keep the token", { id: "keep-token" })))) });
}

export const accountRoutes = [
  [/^\/account$/, accountPage],
  [/^\/account\/token$/, tokenPage],
  [/^\/account\/tokens\/(\d+)\/revoke$/, revokePage],
];
