// layout.js — the frame every page is drawn in: the header's "Signed in
// as", the back link, the page itself (title and focus), the banners for
// a service that does not answer and for messages carried to the next
// page, and the in-flight guard of buttons.
import { $, el, button, notification, errorSummary } from "./dom.js";
import { Refusal, SignedOut, Unreachable } from "./api.js";

let flash = null;  // { title, body?, success? } shown once on the next page

export function setWho(me) {
  const named = me && (me.display_name || me.name || me.council || me.peer || me.role);
  $("#who").textContent = named ? `Signed in as ${named}` : "";
  $("#who-item").hidden = !named;
  $("#sign-out-item").hidden = !named;
  $("#account-item").hidden = !named;
  for (const item of ["#people-item", "#outbox-item", "#webhooks-item"]) $(item).hidden = !named || me.role !== "office";
  markCurrent();
}

// The navigation link of the page shown is marked as the current one.
export function markCurrent() {
  const hash = location.hash || "#/";
  for (const a of document.querySelectorAll("#navigation a.govuk-service-navigation__link")) {
    const href = a.getAttribute("href");
    const current = href !== "#/sign-out" && (hash === href || hash.startsWith(href + "/") || hash.startsWith(href + "?"));
    a.parentElement.classList.toggle("govuk-service-navigation__item--active", current);
    if (current) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

export function carry(message) { flash = message; }

// Draws a page: the document title, an optional back link, the content;
// focus goes to the error summary when there is one, else to the page.
// The address the page being drawn was asked for: a page whose data comes
// back after the user has moved on is not drawn over the newer one.
let drawing = null;
export function beginRoute(hash) { drawing = hash; }
const here = () => location.hash || "#/";

export function show({ title, back = null, content, keepBanner = false, focus = true }) {
  if (drawing !== null && drawing !== here()) return;
  document.title = `${title} – Corporate peer challenge – peerslot`;
  markCurrent();
  $("#back-slot").replaceChildren(back ? el("a", { href: back, class: "govuk-back-link", id: "back-link" }, "Back") : "");
  if (!keepBanner) $("#banner-slot").replaceChildren();
  if (flash) {
    $("#banner-slot").replaceChildren(notification(flash.title, flash.body, { success: flash.success, id: "flash" }));
    flash = null;
  }
  $("#page").replaceChildren(...[content].flat(Infinity).filter(Boolean));
  window.scrollTo(0, 0);
  const summary = $("#error-summary");
  if (summary) focusErrorSummary(summary);
  else if (focus) $("#main-content").focus({ preventScroll: true });
}

// An error summary put at the top of the page as it is (after a refusal
// of an action): its links move focus to the field they name.
export function showErrors(errors) {
  $("#error-summary")?.remove();
  const summary = errorSummary(errors);
  $("#page").prepend(summary);
  focusErrorSummary(summary);
}

function focusErrorSummary(summary) {
  summary.setAttribute("tabindex", "-1");
  summary.focus();
  for (const a of summary.querySelectorAll("a[data-focus]")) {
    a.addEventListener("click", (event) => {
      const target = document.getElementById(a.dataset.focus.slice(1));
      if (!target) return;
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      target.focus();
    });
  }
}

// "The service is not responding" with a Retry button that runs `retry`.
export function showUnreachable(retry) {
  const again = button("Retry", { id: "retry", onclick: () => {
    again.disabled = true;
    again.textContent = "Retrying…";
    retry();
  } }, "secondary");
  const banner = notification("The service is not responding. Retry",
    [el("p", { class: "govuk-body" }, "Your last action may not have been saved. Check your connection and try again."), again],
    { id: "unreachable" });
  banner.setAttribute("role", "alert");
  $("#banner-slot").replaceChildren(banner);
  banner.focus();
}

// Runs an action from a button: the button is disabled and says what is
// happening until the action ends, so a second click never sends a second
// request. Failures: a stopped service shows the retry banner, an expired
// sign-in goes to the sign-in page, a refusal goes to `onRefusal` (or an
// error summary).
const inFlight = new Set();
export async function busy(btn, progressText, action, { onRefusal = null, retry = null, key = null } = {}) {
  const id = key || btn;
  if (inFlight.has(id)) return;
  inFlight.add(id);
  const label = btn.textContent;
  btn.disabled = true;
  btn.setAttribute("aria-disabled", "true");
  btn.textContent = progressText;
  document.body.setAttribute("aria-busy", "true");
  try {
    await action();
  } catch (error) {
    await failed(error, { onRefusal, retry });
  } finally {
    inFlight.delete(id);
    document.body.removeAttribute("aria-busy");
    if (btn.isConnected) {
      btn.disabled = false;
      btn.removeAttribute("aria-disabled");
      btn.textContent = label;
    }
  }
}

let onSignedOut = () => {};
let currentRetry = () => {};
export function setHandlers({ signedOut, retry }) { onSignedOut = signedOut; currentRetry = retry; }

export async function failed(error, { onRefusal = null, retry = null } = {}) {
  if (error instanceof SignedOut) return onSignedOut(error.message);
  if (error instanceof Unreachable) return showUnreachable(retry || currentRetry);
  if (error instanceof Refusal && onRefusal) return onRefusal(error);
  if (error instanceof Refusal) return showErrors([{ text: error.message }]);
  console.error(error);
  return showErrors([{ text: "Something went wrong on this page. Reload it and try again." }]);
}
