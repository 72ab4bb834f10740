// webhooks.js — the programme office's webhook pages, for the programs
// that want the programme's changes as they happen:
//   #/webhooks              the endpoints: address, what each receives, on or off
//   #/webhooks/add          register an endpoint; its signing secret is shown once
//   #/webhooks/W            one endpoint: its delivery log, newest first, with
//                            "Send again" on a failed delivery, and the actions
//                            (send a test, turn off or on, remove)
//   #/webhooks/W?cursor=C   older deliveries
// Kinds of event are shown by the sentence the service gives for each.
import { $, el, heading, para, button, buttonGroup, link, linkButton, table, textInput, checkboxes, errorSummary, summaryList, tag, inset, warning } from "./dom.js";
import { api, enc } from "./api.js";
import { show, busy, carry } from "./layout.js";
import { timeWords } from "./people.js";

const kDeliveryStatus = { delivered: ["Delivered", "green"], queued: ["Waiting to retry", "blue"], dead: ["Failed — kept", "red"] };

async function eventWords() {
  const reply = await api("GET", "/webhooks");
  return { reply, about: new Map(reply.event_types.map((t) => [t.type, t.about])) };
}

async function webhooksPage() {
  const { reply, about } = await eventWords();
  const rows = reply.webhooks.map((w) => [
    link(`#/webhooks/${w.id}`, w.url, { class: "govuk-link app-break", "data-webhook": w.url }),
    w.description || "None",
    el("ul", { class: "govuk-list" }, w.types.map((t) => el("li", {}, about.get(t) || t))),
    w.disabled ? tag("Off", "grey") : tag("On", "green")]);
  show({ title: "Webhooks", content: [
    heading("Webhooks"),
    para("Programs the programme office trusts can be told of each change as it happens: the service sends each event to the " +
         "address you register, signed with that address’s secret (the Standard Webhooks scheme), and tries again when it fails."),
    linkButton("#/webhooks/add", "Add an endpoint", { id: "add-webhook" }),
    rows.length ? table(`${rows.length} ${rows.length === 1 ? "endpoint" : "endpoints"}`, ["Address", "For", "Receives", "Status"], rows,
                        { rowHeaders: true, id: "webhooks-table", stack: true })
                : el("p", { class: "govuk-body", id: "webhooks-empty" }, "No endpoints yet."),
  ] });
}

async function addPage(values = { url: "", description: "", types: [] }, errors = {}) {
  const { reply } = await eventWords();
  const form = el("form", { id: "webhook-form", novalidate: true, onsubmit: (event) => { event.preventDefault(); add(); } },
    textInput({ id: "url", label: "Address", hint: "Where the program listens, starting https:// (or http:// on your own network)",
                error: errors.url, value: values.url, attrs: { spellcheck: "false", autocomplete: "url" } }),
    textInput({ id: "description", label: "What it is for (optional)", hint: "For example, the county finance system",
                error: errors.description, value: values.description }),
    errors.types ? el("p", { class: "govuk-error-message", id: "types-error" }, el("span", { class: "govuk-visually-hidden" }, "Error: "), errors.types) : null,
    checkboxes({ name: "types", legend: "Which events it receives",
                 items: reply.event_types.map((t) => ({ value: t.type, label: t.about, checked: values.types.includes(t.type) })) }),
    button("Add the endpoint", { type: "submit", id: "add" }));
  const summary = Object.entries(errors).map(([field, text]) => ({ text, href: field === "types" ? "#types-1" : `#${field}` }));
  show({ title: (summary.length ? "Error: " : "") + "Add a webhook endpoint", back: "#/webhooks", content: el("div", { class: "govuk-grid-row" },
    el("div", { class: "govuk-grid-column-two-thirds" }, summary.length ? errorSummary(summary) : null,
      heading("Add a webhook endpoint"), form)) });
}

async function add() {
  const values = { url: $("#url").value.trim(), description: $("#description").value.trim(),
                   types: [...document.querySelectorAll("input[name=types]:checked")].map((box) => box.value) };
  const errors = {};
  if (!values.url) errors.url = "Enter the address of the endpoint";
  else if (!/^https?:\/\/[^\s/]+/.test(values.url)) errors.url = "Enter an address starting https:// or http://";
  if (!values.types.length) errors.types = "Select at least one kind of event";
  if (Object.keys(errors).length) return addPage(values, errors);
  let made;
  try {
    made = await api("POST", "/webhooks", values);
  } catch (error) {
    if (error.status >= 400 && error.status < 500 && error.status !== 401)
      return addPage(values, { [["url", "types", "description"].includes(error.field) ? error.field : "url"]: error.message });
    throw error;
  }
  show({ title: "Endpoint added", back: "#/webhooks", content: el("div", { class: "govuk-grid-row" },
    el("div", { class: "govuk-grid-column-two-thirds" },
      heading("Endpoint added"),
      para(`Events now go to ${made.url}. Give the program this signing secret. It is shown only now: copy it before you leave this page.`),
      inset(el("code", { id: "webhook-secret", class: "app-break" }, made.secret)),
      para("The program checks each post’s webhook-signature header against the secret, and refuses a webhook-timestamp more than 5 minutes old. " +
           "The same event sent again keeps its webhook-id."),
      buttonGroup(linkButton(`#/webhooks/${made.id}`, "See its deliveries", { id: "see-deliveries" }), link("#/webhooks", "Back to webhooks")))) });
}

// The log's rows; a failed delivery's last cell is `resend(d)`, its button.
function deliveryRows(deliveries, about, resend) {
  return deliveries.map((d) => {
    const [words, colour] = kDeliveryStatus[d.status] || [d.status, "grey"];
    const answer = d.response_status ? `Answered ${d.response_status}` : "No answer";
    return [about.get(d.type) || d.type, tag(words, colour), String(d.attempts), d.attempts ? answer : "Not tried yet",
            d.last_error || "None", d.status === "queued" && d.next_attempt_at ? timeWords(d.next_attempt_at) : "None", timeWords(d.created_at),
            d.status === "dead" ? resend(d) : "None"];
  });
}

async function endpointPage(me, id, query = "") {
  const cursor = new URLSearchParams(query || "").get("cursor") || "";
  const [webhook, { about }, log] = await Promise.all([
    api("GET", `/webhooks/${enc(id)}`), eventWords(),
    api("GET", `/webhooks/${enc(id)}/deliveries?limit=50${cursor ? `&cursor=${enc(cursor)}` : ""}`)]);
  const test = button("Send a test event", { id: "send-test" }, "secondary");
  test.addEventListener("click", () => busy(test, "Sending…", async () => {
    await api("POST", `/webhooks/${enc(id)}/tests`);
    carry({ title: "A test event is on its way", success: true, body: para("Its delivery is at the top of the log.") });
    location.hash === `#/webhooks/${id}` ? endpointPage(me, id) : (location.hash = `#/webhooks/${id}`);
  }));
  const toggle = button(webhook.disabled ? "Turn on" : "Turn off", { id: "toggle-webhook" }, "secondary");
  toggle.addEventListener("click", () => busy(toggle, "Saving…", async () => {
    await api("PATCH", `/webhooks/${enc(id)}`, { disabled: !webhook.disabled });
    carry({ title: webhook.disabled ? "The endpoint is on" : "The endpoint is off", success: true,
            body: para(webhook.disabled ? "New events go to it again." : "It is sent no new events until you turn it on.") });
    endpointPage(me, id);
  }));
  const resend = (d) => {
    const again = button("Send again", { "data-resend": String(d.id) }, "secondary");
    again.classList.add("govuk-!-margin-bottom-0");
    again.addEventListener("click", () => busy(again, "Sending…", async () => {
      await api("POST", `/webhooks/${enc(id)}/deliveries/${enc(String(d.id))}/attempts`);
      carry({ title: "The delivery is on its way again", success: true,
              body: para("It is tried at once, with the same webhook-id, and again later if it fails.") });
      endpointPage(me, id, query);
    }));
    return again;
  };
  show({ title: `Webhook: ${webhook.url}`, back: "#/webhooks", content: [
    heading(webhook.description || "Webhook endpoint"),
    summaryList([{ key: "Address", value: el("span", { class: "app-break" }, webhook.url) },
                 { key: "Receives", value: el("ul", { class: "govuk-list" }, webhook.types.map((t) => el("li", {}, about.get(t) || t))) },
                 { key: "Status", value: webhook.disabled ? "Off: sent no new events" : "On" },
                 { key: "Added", value: timeWords(webhook.created_at) }]),
    buttonGroup(test, toggle, link(`#/webhooks/${id}/remove`, "Remove the endpoint", { id: "remove-webhook" })),
    log.deliveries.length
      ? table(`Deliveries, newest first${cursor ? " (older)" : ""}`, ["Event", "Status", "Attempts", "Last answer", "Why it failed", "Next try", "Written", "Action"],
              deliveryRows(log.deliveries, about, resend), { rowHeaders: true, id: "deliveries-table", stack: true })
      : el("p", { class: "govuk-body", id: "deliveries-empty" }, "Nothing has been sent to it yet."),
    log.next ? para(link(`#/webhooks/${id}?cursor=${enc(log.next)}`, "Older deliveries", { id: "older-deliveries" })) : null,
  ] });
}

async function removePage(me, id) {
  const webhook = await api("GET", `/webhooks/${enc(id)}`);
  const confirm = button("Remove the endpoint", { id: "confirm-remove" }, "warning");
  confirm.addEventListener("click", () => busy(confirm, "Removing…", async () => {
    await api("DELETE", `/webhooks/${enc(id)}`);
    carry({ title: "The endpoint is removed", success: true, body: para(`Nothing more goes to ${webhook.url}.`) });
    location.hash = "#/webhooks";
  }));
  show({ title: "Remove the endpoint", back: `#/webhooks/${id}`, content: el("div", { class: "govuk-grid-row" },
    el("div", { class: "govuk-grid-column-two-thirds" },
      heading(`Are you sure you want to remove ${webhook.url}?`),
      warning("Its delivery log goes with it, and events waiting to be retried are not sent."),
      buttonGroup(confirm, link(`#/webhooks/${id}`, "Cancel", { id: "cancel-remove" })))) });
}

export const webhookRoutes = [
  [/^\/webhooks$/, () => webhooksPage()],
  [/^\/webhooks\/add$/, () => addPage()],
  [/^\/webhooks\/(\d+)(?:\?(.*))?$/, endpointPage],
  [/^\/webhooks\/(\d+)\/remove$/, removePage],
];
