// web/build.mjs — builds what `peerslot serve` sends from web/dist/: the
// Sass (app.scss, GOV.UK Frontend with a system font) compiled to
// dist/app.css, and GOV.UK Frontend's JavaScript copied beside it, so the
// pages load with no request outside this service. Run by tools/setup
// (`npm run build`) after `npm ci`.
import * as sass from "sass";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = dirname(fileURLToPath(import.meta.url));
const dist = join(web, "dist");
mkdirSync(dist, { recursive: true });

const result = sass.compile(join(web, "app.scss"), {
  loadPaths: [join(web, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
if (/GDS Transport|@font-face/.test(result.css)) throw new Error("app.css must not use the GDS Transport font");
writeFileSync(join(dist, "app.css"), result.css);

const govuk = join(web, "node_modules", "govuk-frontend", "dist", "govuk");
copyFileSync(join(govuk, "govuk-frontend.min.js"), join(dist, "govuk-frontend.min.js"));
console.log(`web/dist: app.css (${result.css.length} bytes), govuk-frontend.min.js`);
