// Copies the JavaScript we serve into static/build/. GOV.UK Frontend ships a minified ES
// module, so there is nothing to bundle: it loads as `type="module"`, which never blocks
// rendering.
import { copyFileSync, mkdirSync } from "node:fs";

mkdirSync("static/build", { recursive: true });
copyFileSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", "static/build/govuk-frontend.min.js");
copyFileSync("static/js/main.mjs", "static/build/main.mjs");
copyFileSync("static/images/favicon.svg", "static/build/favicon.svg");
