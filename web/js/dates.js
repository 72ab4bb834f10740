// dates.js — dates as people write them: "Monday 7 May 2012", "w/c 7 May",
// "7 May 2012 to 9 May 2012"; never "12-05-07". ISO strings in, words out.
const kMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"];
const kDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const utc = (text) => new Date(text + "T00:00:00Z");
export const iso = (date) => date.toISOString().slice(0, 10);
export const addDays = (text, n) => { const d = utc(text); d.setUTCDate(d.getUTCDate() + n); return iso(d); };
export const dateWords = (text) => { const d = utc(text); return `${d.getUTCDate()} ${kMonths[d.getUTCMonth()]} ${d.getUTCFullYear()}`; };
export const dayWords = (text) => kDays[utc(text).getUTCDay()] + " " + dateWords(text);
export const weekWords = (monday) => `week commencing ${dayWords(monday)}`;
export const shortWeek = (monday) => { const d = utc(monday); return `w/c ${d.getUTCDate()} ${kMonths[d.getUTCMonth()]}`; };
export const rangeWords = (a, b) => (a === b ? dayWords(a) : `${dayWords(a)} to ${dayWords(b)}`);
export const monthOf = (text) => text.slice(0, 7);  // "2012-05"
export const monthWords = (month) => `${kMonths[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
export function addMonths(month, n) {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
  return iso(d).slice(0, 7);
}
// Mondays from the one on or before `start` up to `end`.
export function mondaysBetween(start, end) {
  const weeks = [];
  const d = utc(start);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  for (; iso(d) <= end; d.setUTCDate(d.getUTCDate() + 7)) weeks.push(iso(d));
  return weeks;
}
// The on-site days of a challenge of `days` days in the week of `monday` (Monday on).
export const onSiteDays = (monday, days) => Array.from({ length: Math.max(1, Math.min(5, days || 1)) }, (_, i) => addDays(monday, i));
export const money = (amount, currency = "GBP") =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
