// dom.js — building the page from GOV.UK Frontend's components, in plain
// DOM calls (no innerHTML, so no text is ever read as markup).
export const $ = (selector, root = document) => root.querySelector(selector);

// el("p", { class: "govuk-body", onclick: f }, "text", child, [more]) → a node.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "style") node.style.cssText = value;  // CSSOM: allowed by the Content-Security-Policy
    else if (value !== false && value !== undefined && value !== null) node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

export const heading = (text, size = "l", tag = "h1", attrs = {}) =>
  el(tag, { class: `govuk-heading-${size}`, ...attrs }, text);
export const para = (...children) => el("p", { class: "govuk-body" }, ...children);
export const lead = (...children) => el("p", { class: "govuk-body-l" }, ...children);
export const link = (href, text, attrs = {}) => el("a", { class: "govuk-link", href, ...attrs }, text);
export const list = (items, type = "bullet", attrs = {}) =>
  el(type === "number" ? "ol" : "ul", { class: `govuk-list govuk-list--${type}`, ...attrs }, items.map((i) => el("li", {}, i)));
export const hidden = (text) => el("span", { class: "govuk-visually-hidden" }, text);

export function button(text, attrs = {}, variant = "") {
  return el("button", { type: attrs.type || "button", class: `govuk-button${variant ? " govuk-button--" + variant : ""}`,
                        "data-module": "govuk-button", ...attrs }, text);
}
// A link that looks like a button says it is one (role=button), so it
// answers the Space key as a button does, not only Enter (as GOV.UK
// Frontend's Button does for the links it starts on a page's first load).
const spaceClicks = (event) => {
  if (event.key !== " " && event.key !== "Spacebar") return;
  event.preventDefault();
  event.currentTarget.click();
};
export const linkButton = (href, text, attrs = {}, variant = "") =>
  el("a", { href, role: "button", draggable: "false", class: `govuk-button${variant ? " govuk-button--" + variant : ""}`,
            onkeydown: spaceClicks, ...attrs }, text);
export const startButton = (href, text, attrs = {}) =>
  el("a", { href, role: "button", draggable: "false", class: "govuk-button govuk-button--start", onkeydown: spaceClicks, ...attrs }, text,
     arrow());
function arrow() {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  for (const [k, v] of Object.entries({ class: "govuk-button__start-icon", xmlns: ns, width: "17.5", height: "19", viewBox: "0 0 33 40",
                                        "aria-hidden": "true", focusable: "false" })) svg.setAttribute(k, v);
  const path = document.createElementNS(ns, "path");
  path.setAttribute("fill", "currentColor");
  path.setAttribute("d", "M0 0h13l20 20-20 20H0l20-20z");
  svg.append(path);
  return svg;
}
export const buttonGroup = (...children) => el("div", { class: "govuk-button-group" }, ...children);
export const tag = (text, colour = "") => el("strong", { class: `govuk-tag${colour ? " govuk-tag--" + colour : ""}` }, text);
export const inset = (...children) => el("div", { class: "govuk-inset-text" }, ...children);

export function warning(text) {
  return el("div", { class: "govuk-warning-text" },
    el("span", { class: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"),
    el("strong", { class: "govuk-warning-text__text" }, hidden("Warning"), text));
}

export function details(summary, ...children) {
  return el("details", { class: "govuk-details" },
    el("summary", { class: "govuk-details__summary" }, el("span", { class: "govuk-details__summary-text" }, summary)),
    el("div", { class: "govuk-details__text" }, ...children));
}

export function panel(title, ...body) {
  return el("div", { class: "govuk-panel govuk-panel--confirmation", id: "confirmation-panel" },
    el("h1", { class: "govuk-panel__title" }, title), el("div", { class: "govuk-panel__body" }, ...body));
}

// rows: [{ key, value, id?, change?: { href, what } }]
export function summaryList(rows, attrs = {}) {
  return el("dl", { class: "govuk-summary-list", ...attrs }, rows.filter(Boolean).map((row) =>
    el("div", { class: "govuk-summary-list__row" + (row.change ? "" : " govuk-summary-list__row--no-actions"), id: row.id || null },
      el("dt", { class: "govuk-summary-list__key" }, row.key),
      el("dd", { class: "govuk-summary-list__value" }, row.value),
      row.change ? el("dd", { class: "govuk-summary-list__actions" },
        link(row.change.href, ["Change", hidden(" " + row.change.what)], { "data-change": row.change.what })) : null)));
}

// headers: ["Week", ...]; rows: [[cell, ...]] (first cell a row header when rowHeaders).
// scroll: a label for a wide table kept as a table on a phone, in a region
// that scrolls sideways (focusable, so the keyboard can scroll it, and named),
// as GOV.UK recommends; the page itself never scrolls sideways.
export function table(caption, headers, rows, { rowHeaders = false, stack = false, id = null, scroll = null } = {}) {
  const t = plainTable(caption, headers, rows, { rowHeaders, stack, id });
  return scroll ? el("div", { class: "app-table-scroll", role: "region", tabindex: "0", "aria-label": scroll }, t) : t;
}

function plainTable(caption, headers, rows, { rowHeaders, stack, id }) {
  return el("table", { class: "govuk-table" + (stack ? " app-table--stack" : ""), id },
    caption ? el("caption", { class: "govuk-table__caption govuk-table__caption--m" }, caption) : null,
    el("thead", { class: "govuk-table__head" }, el("tr", { class: "govuk-table__row" },
      headers.map((h) => el("th", { scope: "col", class: "govuk-table__header" }, h)))),
    el("tbody", { class: "govuk-table__body" }, rows.map((cells) => el("tr", { class: "govuk-table__row" },
      cells.map((cell, i) => (rowHeaders && i === 0
        ? el("th", { scope: "row", class: "govuk-table__header" }, cell)
        : el("td", { class: "govuk-table__cell", "data-label": stack && headers[i] ? headers[i] : null }, cell)))))));
}

// An error summary: errors [{ text, href }] — focused when shown.
export function errorSummary(errors) {
  return el("div", { class: "govuk-error-summary", "data-module": "govuk-error-summary", id: "error-summary" },
    el("div", { role: "alert" },
      el("h2", { class: "govuk-error-summary__title" }, "There is a problem"),
      el("div", { class: "govuk-error-summary__body" },
        el("ul", { class: "govuk-list govuk-error-summary__list" },
          errors.map((e) => el("li", {}, e.href ? el("a", { href: e.href, "data-focus": e.href }, e.text) : e.text))))));
}
export const errorMessage = (id, text) =>
  el("p", { class: "govuk-error-message", id }, hidden("Error: "), text);

export function notification(title, body, { success = false, id = "notification" } = {}) {
  return el("div", { class: "govuk-notification-banner" + (success ? " govuk-notification-banner--success" : ""),
                     role: success ? "alert" : "region", "aria-labelledby": id + "-title", id, tabindex: "-1",
                     "data-module": "govuk-notification-banner" },
    el("div", { class: "govuk-notification-banner__header" },
      el("h2", { class: "govuk-notification-banner__title", id: id + "-title" }, success ? "Success" : "Important")),
    el("div", { class: "govuk-notification-banner__content" },
      el("p", { class: "govuk-notification-banner__heading" }, title), body || null));
}

// Radios (and checkboxes): items [{ value, label, hint?, checked?, attrs? }]
export function radios({ name, legend, legendSize = "l", legendIsHeading = true, hint = null, error = null, items, small = false }) {
  const hintId = hint ? `${name}-hint` : null;
  const errorId = error ? `${name}-error` : null;
  return el("div", { class: "govuk-form-group" + (error ? " govuk-form-group--error" : "") },
    el("fieldset", { class: "govuk-fieldset", "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || null },
      el("legend", { class: `govuk-fieldset__legend govuk-fieldset__legend--${legendSize}` },
         legendIsHeading ? el("h1", { class: "govuk-fieldset__heading" }, legend) : legend),
      hint ? el("div", { class: "govuk-hint", id: hintId }, hint) : null,
      error ? errorMessage(errorId, error) : null,
      el("div", { class: "govuk-radios" + (small ? " govuk-radios--small" : ""), "data-module": "govuk-radios" },
        items.map((item, i) => {
          const id = i === 0 ? name : `${name}-${i + 1}`;
          const itemHint = item.hint ? `${id}-item-hint` : null;
          return el("div", { class: "govuk-radios__item" },
            el("input", { class: "govuk-radios__input", id, name, type: "radio", value: item.value, checked: item.checked || null,
                          "aria-describedby": itemHint, ...(item.attrs || {}) }),
            el("label", { class: "govuk-label govuk-radios__label", for: id }, item.label),
            item.hint ? el("div", { class: "govuk-hint govuk-radios__hint", id: itemHint }, item.hint) : null);
        }))));
}

export function checkboxes({ name, legend, legendSize = "m", hint = null, items }) {
  const hintId = hint ? `${name}-hint` : null;
  return el("div", { class: "govuk-form-group" },
    el("fieldset", { class: "govuk-fieldset", "aria-describedby": hintId },
      el("legend", { class: `govuk-fieldset__legend govuk-fieldset__legend--${legendSize}` }, legend),
      hint ? el("div", { class: "govuk-hint", id: hintId }, hint) : null,
      el("div", { class: "govuk-checkboxes govuk-checkboxes--small", "data-module": "govuk-checkboxes" },
        items.map((item, i) => {
          const id = `${name}-${i + 1}`;
          const itemHint = item.hint ? `${id}-item-hint` : null;
          return el("div", { class: "govuk-checkboxes__item" },
            el("input", { class: "govuk-checkboxes__input", id, name, type: "checkbox", value: item.value, checked: item.checked || null,
                          "aria-describedby": itemHint, ...(item.attrs || {}) }),
            el("label", { class: "govuk-label govuk-checkboxes__label", for: id }, item.label),
            item.hint ? el("div", { class: "govuk-hint govuk-checkboxes__hint", id: itemHint }, item.hint) : null);
        }))));
}

export function textInput({ id, label, hint = null, error = null, value = "", type = "text", width = "", attrs = {}, labelSize = "" }) {
  const described = [hint ? id + "-hint" : null, error ? id + "-error" : null].filter(Boolean).join(" ") || null;
  return el("div", { class: "govuk-form-group" + (error ? " govuk-form-group--error" : "") },
    el("label", { class: "govuk-label" + (labelSize ? " govuk-label--" + labelSize : ""), for: id }, label),
    hint ? el("div", { class: "govuk-hint", id: id + "-hint" }, hint) : null,
    error ? errorMessage(id + "-error", error) : null,
    el("input", { class: "govuk-input" + (width ? " govuk-input--width-" + width : "") + (error ? " govuk-input--error" : ""),
                  id, name: id, type, value, "aria-describedby": described, ...attrs }));
}

// A GOV.UK date input (day, month, year) named `id`; value an ISO date or
// { day, month, year } as typed; error text marks the fields in error.
export function dateInput({ id, legend, hint = null, error = null, value = null }) {
  const parts = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? { day: String(Number(value.slice(8, 10))), month: String(Number(value.slice(5, 7))), year: value.slice(0, 4) } : value || {};
  const described = [hint ? id + "-hint" : null, error ? id + "-error" : null].filter(Boolean).join(" ") || null;
  const field = (name, label, width) => el("div", { class: "govuk-date-input__item" }, el("div", { class: "govuk-form-group" },
    el("label", { class: "govuk-label govuk-date-input__label", for: `${id}-${name}` }, label),
    el("input", { class: `govuk-input govuk-date-input__input govuk-input--width-${width}${error ? " govuk-input--error" : ""}`,
                  id: `${id}-${name}`, name: `${id}-${name}`, type: "text", inputmode: "numeric", value: parts[name] || "" })));
  return el("div", { class: "govuk-form-group" + (error ? " govuk-form-group--error" : "") },
    el("fieldset", { class: "govuk-fieldset", role: "group", "aria-describedby": described },
      el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s" }, legend),
      hint ? el("div", { class: "govuk-hint", id: id + "-hint" }, hint) : null,
      error ? errorMessage(id + "-error", error) : null,
      el("div", { class: "govuk-date-input", id }, field("day", "Day", 2), field("month", "Month", 2), field("year", "Year", 4))));
}

// What was typed into dateInput `id`: { parts, iso } (iso null when it is not a real date) or an error.
export function readDate(id, what) {
  const parts = Object.fromEntries(["day", "month", "year"].map((p) => [p, document.getElementById(`${id}-${p}`).value.trim()]));
  if (!parts.day && !parts.month && !parts.year) return { parts, error: `Enter the ${what}` };
  const missing = ["day", "month", "year"].filter((p) => !parts[p]);
  if (missing.length) return { parts, error: `The ${what} must include a ${missing.join(" and a ")}` };
  const [d, m, y] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!/^\d{4}$/.test(parts.year) || !Number.isInteger(d) || !Number.isInteger(m) || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return { parts, error: `The ${what} must be a real date` };
  return { parts, iso: date.toISOString().slice(0, 10) };
}
