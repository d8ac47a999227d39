// The pack's entry (package.json "main"). In this repository it loads the compiled pack from ../dist
// (build with `npx tsc -p .` at the root); in a published pack, `npm pack` has run bundle.js first
// (the "prepack" script), which copies the compiled pack into ./bundle, and that copy is loaded.
"use strict";
const fs = require("fs");
const path = require("path");

const bundled = path.join(__dirname, "bundle", "policies", "index.js");
module.exports = require(fs.existsSync(bundled) ? bundled : path.join(__dirname, "..", "dist", "policies", "index.js"));
