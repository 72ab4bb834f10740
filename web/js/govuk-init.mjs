// Starts GOV.UK Frontend's components on the page's fixed parts (the
// service navigation's menu button on a phone). Pages drawn later manage
// their own focus (error summaries, banners) in layout.js.
import { initAll } from "/dist/govuk-frontend.min.js";

initAll();
