// charts.js — bar charts people can read: a vertical axis with its title
// and numbers, a horizontal axis with its title and a label under the bars,
// a legend when there are two series (told apart by fill and outline, not
// colour alone), and the same figures as a table under "Show the figures
// as a table". The chart itself is one image to a screen reader (its label
// says the table has the figures); the table is the alternative.
import { el, details, table } from "./dom.js";

// The top of the vertical axis and its steps: 1, 2 or 5 × 10^k, about 4 steps.
export function niceScale(most, steps = 4) {
  if (!(most > 0)) return { top: 1, step: 1 };
  const raw = most / steps;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw - 1e-9);
  return { top: Math.ceil(most / step - 1e-9) * step, step };
}

// barChart({
//   id, label: "what the image shows, in a sentence",
//   yTitle: "Peers", xTitle: "Days on site in the year",
//   series: [{ name: "Share of member peer days" }, { name: "Proportional share" }],   (one or two)
//   bars: [{ label: "1 to 2", values: [12] }, ...],
//   format: (n) => String(n),           the numbers on the vertical axis
//   table: { caption, headers, rows, id } the same figures as a table
// })
export function barChart({ id, label, yTitle, xTitle, series = [{ name: "" }], bars, format = (n) => String(n), scale = null,
                           table: figures, tableOpen = false }) {
  const most = Math.max(0, ...bars.flatMap((b) => b.values));
  const { top, step } = scale || niceScale(most);
  const ticks = [];
  for (let t = 0; t <= top + 1e-9; t += step) ticks.push(t);
  const every = Math.max(1, Math.ceil(bars.length / 8));  // at most 8 labels: readable on a phone
  const pct = (n) => `${Math.min(100, (100 * n) / top)}%`;
  const two = series.length > 1;
  return el("figure", { class: "app-figure", id },
    el("div", { class: "app-bars" },
      el("p", { class: "app-bars__y-title", "aria-hidden": "true" }, yTitle),
      el("div", { class: "app-bars__y", "aria-hidden": "true" },
        ticks.map((t) => el("span", { class: "app-bars__tick", style: `bottom:${pct(t)}` }, format(t)))),
      el("div", { class: "app-bars__plot", role: "img", "aria-label": `${label}. The table below has the figures.`, "data-bars": String(bars.length) },
        ticks.slice(1).map((t) => el("span", { class: "app-bars__grid", style: `bottom:${pct(t)}` })),
        bars.map((b) => el("div", { class: "app-bars__group" },
          b.values.map((v, i) => el("span", { class: `app-bars__bar app-bars__bar--${i + 1}`, style: `height:${pct(v)}` }))))),
      el("div", { class: "app-bars__x", "aria-hidden": "true" },
        bars.map((b, i) => el("span", { class: "app-bars__label" }, i % every === 0 ? b.label : ""))),
      el("p", { class: "app-bars__x-title", "aria-hidden": "true" }, xTitle)),
    two ? el("ul", { class: "app-legend", "aria-hidden": "true" }, series.map((s, i) =>
      el("li", { class: "app-legend__item" }, el("span", { class: `app-legend__swatch app-bars__bar--${i + 1}` }), s.name))) : null,
    [table(figures.caption || null, figures.headers, figures.rows, { rowHeaders: true, id: figures.id || null, stack: tableOpen })]
      .map((t) => (tableOpen ? t : details("Show the figures as a table", t))));
}

// Counts of `values` in bins of whole numbers from 1: bins of one when the
// values are small, else bins of 2, 3, 5 or 10 so that there are at most
// about 12 bars. → [{ from, to, count }]
export function histogram(values) {
  const most = Math.max(1, ...values);
  const width = [1, 2, 3, 5, 10, 20, 50].find((w) => Math.ceil(most / w) <= 12) || Math.ceil(most / 12);
  const bins = [];
  for (let from = 1; from <= most; from += width) bins.push({ from, to: from + width - 1, count: 0 });
  for (const v of values) if (v >= 1) bins[Math.floor((v - 1) / width)].count += 1;
  return bins;
}
