// app.js — the single page app: sign-in, who is signed in, and the hash
// routes of each role (so Back and links work):
//   #/sign-in                         the token page
//   council: #/ (start page), #/book, #/book/R/week[/YYYY-MM], #/book/R/check/WEEK,
//            #/requests/R, #/requests/R/confirmation, #/requests/R/cancel
//   peer:    #/ (challenges, offered weeks, cap and skills, feed), #/challenges/R/decline
//   office:  #/ (dashboard)
//   group:   #/[?q=&show=] (peers, challenges open to nomination), #/peers/P, #/peers/P/veto/R,
//            #/challenges[?q=], #/challenges/R (nominate), #/share (member peer days by party)
// A token may come in the link as #token=...; it is kept in sessionStorage.
import { $, el, heading, para, button, textInput, errorSummary } from "./dom.js";
import { api, setToken, token, SignedOut, Unreachable } from "./api.js";
import { show, setWho, carry, failed, setHandlers, busy, beginRoute } from "./layout.js";
import { councilRoutes } from "./council.js";
import { peerRoutes } from "./peer.js";
import { officeRoutes } from "./office.js";
import { groupRoutes } from "./group.js";

const session = { me: null };
const kRoutes = { council: councilRoutes, peer: peerRoutes, office: officeRoutes, group: groupRoutes };

function signOut(message) {
  setToken("");
  session.me = null;
  setWho(null);
  if (message) carry({ title: message });
  if (location.hash !== "#/sign-in") location.hash = "#/sign-in";
  else route();
}

async function signInPage(error = null) {
  const input = textInput({ id: "token", label: "Access token", labelSize: "s", type: "password", error,
    hint: "The access token you were given by the programme office (for a council, a peer, a political group office or the programme office).",
    attrs: { autocomplete: "off", spellcheck: "false" } });
  const submit = button("Sign in", { type: "submit", id: "sign-in-button" });
  const form = el("form", { id: "sign-in-form", novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    busy(submit, "Signing in…", () => signIn($("#token").value.trim(), true));
  } }, input, submit);
  show({ title: error ? "Error: Sign in" : "Sign in", keepBanner: true, content: [
    error ? errorSummary([{ text: error, href: "#token" }]) : null,
    el("div", { class: "govuk-grid-row" }, el("div", { class: "govuk-grid-column-two-thirds" },
      heading("Sign in to book and run peer challenges"),
      para("Councils book their corporate peer challenge here; peers offer weeks and answer invitations; political group offices approve and nominate their councillor peers; the programme office plans the programme."),
      form)),
  ] });
}

async function signIn(value, typed) {
  if (!value) return signInPage("Enter your access token");
  setToken(value);
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

// Draws the page of the current hash.
async function route() {
  const hash = location.hash || "#/";
  const linked = new URLSearchParams(hash.slice(1)).get("token");
  if (linked) {
    setToken(linked);
    session.me = null;
    history.replaceState(null, "", location.pathname + "#/");
    return route();
  }
  if (hash === "#/sign-out") return signOut("You have signed out.");
  beginRoute(hash);
  try {
    if (!token()) return signInPage();
    if (!session.me) await signIn(token(), false);
    if (!session.me) return;
    if (hash === "#/sign-in") { location.hash = "#/"; return; }
    const path = hash.slice(1).replace(/^\/?/, "/");
    for (const [pattern, page] of kRoutes[session.me.role] || []) {
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
