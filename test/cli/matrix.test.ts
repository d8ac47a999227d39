/** `tailnet-guard matrix`: the compiled CLI renders the access picture of a policy file. */
import assert from "node:assert/strict";
import { fixture, runCli } from "../support/cli";

const CLEAN = `${fixture("policies")}/clean.hujson`;

describe("tailnet-guard matrix", function () {
    this.timeout(30_000);

    it("renders the hand-checked access table of a small policy", async () => {
        const run = await runCli(["matrix", CLEAN]);
        assert.equal(run.code, 0, run.stderr);
        const rows = run.stdout.trimEnd().split("\n").map((line) => line.split("|").map((cell) => cell.trim()));
        assert.deepEqual(rows[0], ["source \\ destination", "tag:db", "tag:web"]);
        // Admins: grants[1] (tcp 22, 443) and the ssh check rule on both tags; engineers: HTTPS to web only;
        // web reaches the database on 5432; the database reaches nothing.
        assert.deepEqual(rows.slice(2), [
            ["alice@example.com", "tcp:22,443; ssh root:check,other:check", "tcp:22,443; ssh root:check,other:check"],
            ["bob@example.com", "-", "tcp:443"],
            ["carol@example.com", "-", "tcp:443"],
            ["group:admins", "tcp:22,443; ssh root:check,other:check", "tcp:22,443; ssh root:check,other:check"],
            ["group:engineers", "-", "tcp:443"],
            ["tag:db", "-", "-"],
            ["tag:web", "tcp:5432", "-"],
        ]);
    });

    it("renders one self-contained HTML page with no external assets", async () => {
        const run = await runCli(["matrix", CLEAN, "--format", "html"]);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /^<!DOCTYPE html>/i);
        assert.doesNotMatch(run.stdout, /<(script|link|img)[^>]+(src|href)=/i, "no external scripts, styles or images");
        assert.ok(run.stdout.includes("tag:web") && run.stdout.includes("tcp:5432"));
    });

    it("renders Graphviz dot with one edge per allowed pair", async () => {
        const run = await runCli(["matrix", CLEAN, "--format", "dot"]);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /^digraph/);
        assert.match(run.stdout, /"src tag:web" -> "dst tag:db" \[label="tcp:5432"\]/);
        assert.doesNotMatch(run.stdout, /"src tag:db" -> /, "the database reaches nothing");
    });

    it("exits 2 naming file:line:col on a syntax error, and on an unreadable file", async () => {
        const bad = await runCli(["matrix", `${fixture("policies")}/syntax-error.hujson`]);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /syntax-error\.hujson:6:25: expected a comma/);
        const missing = await runCli(["matrix", "/nonexistent/policy.hujson"]);
        assert.equal(missing.code, 2);
        assert.match(missing.stderr, /cannot read policy file \/nonexistent\/policy\.hujson/);
    });
});
