// app.js — the single page app: sign-in, who is signed in, and the hash
// routes of each role (so Back and links work):
//   #/sign-in                         the sign-in page (email me a link; or a token)
//   #sign-in=SECRET                   the link from the email: spent for a session cookie
//   everyone: #/account (name, email, notices, API tokens), #/account/tokens/T/revoke
//   office:  #/people[?role=], #/people/invite, #/people/U/disable|enable, #/outbox[?status=],
//            #/webhooks, #/webhooks/add, #/webhooks/W[?before=D], #/webhooks/W/remove
//   council: #/ (start page), #/book, #/book/R/week[/YYYY-MM], #/book/R/check/WEEK,
//            #/requests/R, #/requests/R/confirmation, #/requests/R/cancel
//   peer:    #/ (challenges, offered weeks, cap and skills, feed), #/challenges/R/decline
//   office:  #/ (dashboard)
//   group:   #/[?q=&show=] (peers, challenges open to nomination), #/peers/P, #/peers/P/veto/R,
//            #/challenges[?q=], #/challenges/R (nominate), #/share (member peer days by party)
// A token may come in the link as #token=...; it is kept in sessionStorage.
// Signed in by a link, the session is a cookie the service set.
import { $, el, heading, para, button, textInput, errorSummary, inset } from "./dom.js";
import { api, setToken, token, setCsrf, SignedOut, Unreachable } from "./api.js";
import { show, setWho, carry, failed, setHandlers, busy, beginRoute } from "./layout.js";
import { councilRoutes } from "./council.js";
import { peerRoutes } from "./peer.js";
import { officeRoutes } from "./office.js";
import { groupRoutes } from "./group.js";
import { accountRoutes } from "./account.js";
import { peopleRoutes } from "./people.js";
import { webhookRoutes } from "./webhooks.js";

// me: who is signed in; cookieChecked: whether this page has asked the
// service if a session cookie signs it in (asked once, until a sign-in).
const session = { me: null, cookieChecked: false };
const kRoutes = { council: councilRoutes, peer: peerRoutes, office: [...officeRoutes, ...peopleRoutes, ...webhookRoutes], group: groupRoutes };
const kLinkRefused = "This sign-in link has expired or has been used. Ask for a new one";

function signOut(message) {
  setToken("");
  setCsrf("");
  session.me = null;
  session.cookieChecked = true;
  setWho(null);
  if (message) carry({ title: message });
  if (location.hash !== "#/sign-in") location.hash = "#/sign-in";
  else route();
}

// Sign out on purpose: a session ends at the service (its cookie is
// cleared); a token is forgotten by this browser.
async function signOutNow() {
  if (session.me && !token()) {
    try { await api("DELETE", "/sessions/current"); } catch (error) { if (!(error instanceof SignedOut)) console.warn(error); }
  }
  signOut("You have signed out.");
}

// The sign-in page: an emailed link first; an access token second (for
// programs and demonstrations). `error` is the token's, `emailError` the
// address's, `linkRefused` when a sign-in link was refused.
async function signInPage(error = null, { emailError = null, linkRefused = false, email = "" } = {}) {
  const emailInput = textInput({ id: "email", label: "Email address", labelSize: "s", type: "email", error: emailError, value: email,
    hint: "The address the programme office has for you. We will email you a link to sign in.",
    attrs: { autocomplete: "email", spellcheck: "false" } });
  const send = button("Email me a sign-in link", { type: "submit", id: "email-link-button" });
  const emailForm = el("form", { id: "email-sign-in-form", novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    busy(send, "Sending…", () => askForLink($("#email").value.trim()), {
      onRefusal: (refusal) => signInPage(null, { emailError: refusal.message, email: $("#email").value.trim() }) });
  } }, emailInput, send);
  const input = textInput({ id: "token", label: "Access token", labelSize: "s", type: "password", error,
    hint: "For programs and demonstrations: an access token made on the “Your account” page or given by the programme office.",
    attrs: { autocomplete: "off", spellcheck: "false" } });
  const submit = button("Sign in with the token", { type: "submit", id: "sign-in-button" }, "secondary");
  const form = el("form", { id: "sign-in-form", novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    busy(submit, "Signing in…", () => signIn($("#token").value.trim(), true));
  } }, input, submit);
  const errors = [linkRefused ? { text: kLinkRefused, href: "#email" } : null, emailError ? { text: emailError, href: "#email" } : null,
                  error ? { text: error, href: "#token" } : null].filter(Boolean);
  show({ title: errors.length ? "Error: Sign in" : "Sign in", keepBanner: !linkRefused, content: [
    errors.length ? errorSummary(errors) : null,
    el("div", { class: "govuk-grid-row" }, el("div", { class: "govuk-grid-column-two-thirds" },
      heading("Sign in to book and run peer challenges"),
      para("Councils book their corporate peer challenge here; peers offer weeks and answer invitations; political group offices approve and nominate their councillor peers; the programme office plans the programme."),
      emailForm,
      el("section", { "aria-labelledby": "token-title", id: "token-sign-in" },
        heading("Sign in with an access token", "m", "h2", { id: "token-title" }),
        form))),
  ] });
}

async function askForLink(email) {
  if (!email) return signInPage(null, { emailError: "Enter your email address" });
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    return signInPage(null, { emailError: "Enter an email address in the correct format, like name@example.com", email });
  await api("POST", "/sign-in", { email });
  const again = el("a", { class: "govuk-link", href: "#/sign-in", id: "try-again", onclick: (event) => {
    event.preventDefault();
    signInPage(null, { email });
  } }, "ask for another link");
  show({ title: "Check your email", keepBanner: true, content: el("div", { class: "govuk-grid-row" },
    el("div", { class: "govuk-grid-column-two-thirds" },
      el("div", { class: "govuk-panel govuk-panel--confirmation", id: "link-sent" },
        el("h1", { class: "govuk-panel__title" }, "Check your email"),
        el("div", { class: "govuk-panel__body" }, "We have sent a sign-in link to ", el("strong", { class: "app-break" }, email))),
      para("The link works once, within 15 minutes. Open it in this browser to sign in."),
      para("If it has not arrived after a few minutes, check your spam folder, check the address, or ", again, "."),
      inset("No email comes if the address has no account: ask the programme office to give you one."))) });
}

async function signIn(value, typed) {
  if (!value) return signInPage("Enter your access token");
  setToken(value);
  setCsrf("");
  try {
    session.me = await api("GET", "/me");
  } catch (error) {
    setToken("");
    if (error instanceof SignedOut) {
      if (typed) return signInPage("The access token is not recognised. Check it and try again, or ask the programme office for a new one");
      carry({ title: error.message });
      return signInPage();
    }
    throw error;
  }
  setWho(session.me);
  if (typed) {
    if (location.hash === "#/" || location.hash === "") route();
    else location.hash = "#/";
  }
}

// A sign-in link from an email (#sign-in=SECRET): spent for a session at
// once; the secret has already left the address bar and history.
async function spendLink(secret) {
  setToken("");
  setCsrf("");
  session.me = null;
  let reply;
  try {
    reply = await api("POST", "/sessions", { link: secret });
  } catch (error) {
    if (error instanceof SignedOut || (error.status >= 400 && error.status < 500)) {
      session.cookieChecked = true;
      return signInPage(null, { linkRefused: true });
    }
    throw error;
  }
  setCsrf(reply.csrf);
  session.me = await api("GET", "/me");
  if (session.me.csrf) setCsrf(session.me.csrf);
  session.cookieChecked = true;
  setWho(session.me);
  return route();
}

// Whether a session cookie signs this browser in (when no token is kept).
async function cookieSession() {
  session.cookieChecked = true;
  try {
    session.me = await api("GET", "/me");
  } catch (error) {
    if (error instanceof SignedOut) return false;
    throw error;
  }
  if (session.me.csrf) setCsrf(session.me.csrf);
  setWho(session.me);
  return true;
}

// Draws the page of the current hash.
async function route() {
  const hash = location.hash || "#/";
  const secret = hash.startsWith("#sign-in=") ? new URLSearchParams(hash.slice(1)).get("sign-in") : null;
  if (secret !== null) {
    history.replaceState(null, "", location.pathname + "#/");
    beginRoute("#/");
    try { return await spendLink(secret); } catch (error) { return failed(error, { retry: route }); }
  }
  const linked = new URLSearchParams(hash.slice(1)).get("token");
  if (linked) {
    setToken(linked);
    session.me = null;
    history.replaceState(null, "", location.pathname + "#/");
    return route();
  }
  if (hash === "#/sign-out") return signOutNow();
  beginRoute(hash);
  try {
    if (!token() && !session.me && (session.cookieChecked || !(await cookieSession()))) return signInPage();
    if (!session.me) await signIn(token(), false);
    if (!session.me) return;
    if (hash === "#/sign-in") { location.hash = "#/"; return; }
    const path = hash.slice(1).replace(/^\/?/, "/");
    for (const [pattern, page] of [...accountRoutes, ...(kRoutes[session.me.role] || [])]) {
      const match = path.match(pattern);
      if (match) return await page(session.me, ...match.slice(1).map((m) => (m === undefined ? undefined : decodeURIComponent(m))));
    }
    show({ title: "Page not found", content: [heading("Page not found"), para("Check the address, or ", el("a", { class: "govuk-link", href: "#/" }, "go to the start"), ".")] });
  } catch (error) {
    if (error instanceof Unreachable && !$("#page h1")) show({ title: "Service not responding", content: heading("Sorry, the service is not responding") });
    await failed(error, { retry: route });
  }
}

setHandlers({ signedOut: (message) => signOut(message), retry: route });
window.addEventListener("hashchange", route);
route();
