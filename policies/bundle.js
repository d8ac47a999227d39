// "prepack" for `pulumi policy publish`, which packs this directory with `npm pack`: copies the compiled
// pack (../dist/policies and the ../dist/acl it loads lazily) into ./bundle so the tarball is
// self-contained. Run `npx tsc -p .` at the repository root first. `--out <dir>` writes the bundle
// elsewhere (the publishing test uses it to check the bundle without touching this directory).
"use strict";
const fs = require("fs");
const path = require("path");

const dist = path.join(__dirname, "..", "dist");
const outFlag = process.argv.indexOf("--out");
const bundle = outFlag >= 0 && process.argv[outFlag + 1] ? path.resolve(process.argv[outFlag + 1]) : path.join(__dirname, "bundle");
for (const part of ["policies", "acl"]) {
    const from = path.join(dist, part);
    if (!fs.existsSync(path.join(from, "index.js"))) {
        console.error(`bundle: ${from}/index.js is missing; run "npx tsc -p ." at the repository root first`);
        process.exit(1);
    }
}
fs.rmSync(bundle, { recursive: true, force: true });
for (const part of ["policies", "acl"]) {
    fs.cpSync(path.join(dist, part), path.join(bundle, part), {
        recursive: true,
        filter: (source) => !source.endsWith(".map") && !source.endsWith(".d.ts"),
    });
}
console.log(`bundle: copied the compiled pack into ${bundle}`);
