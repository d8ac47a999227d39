/**
 * `tailnet-guard audit`: the compiled CLI checks a policy file with the pack's policy-file rules and runs
 * its own tests. Exit 0 clean, 1 mandatory violations (failing tests included), 2 usage or parse errors.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LINT_CATALOG, POLICY_TEST_IDS, POLICY_VALIDATION_IDS } from "../../acl";
import { policyFileRules } from "../../policies/rules/policyFileRules";
import { fixture, runCli, type CliRun } from "../support/cli";

const POLICIES = fixture("policies");
const CLEAN = path.join(POLICIES, "clean.hujson");
const FAILING = path.join(POLICIES, "failing-tests.hujson");
const SYNTAX = path.join(POLICIES, "syntax-error.hujson");

interface AuditJson {
    violations: Array<{
        policy: string;
        enforcementLevel: string;
        responsibility: string;
        message: string;
        location: { file: string; line: number; column: number } | null;
    }>;
    aclTests: { passed: number; failed: Array<{ src: string; destination: string; expected: string; actual: string; kind: string }> };
}

function json(run: CliRun): AuditJson {
    try {
        return JSON.parse(run.stdout) as AuditJson;
    } catch {
        throw new Error(`not JSON (exit ${run.code}): ${run.stdout}\n${run.stderr}`);
    }
}

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "tailnet-guard-audit-"));
after(() => fs.rmSync(tempDir, { recursive: true, force: true }));

function temp(name: string, content: string): string {
    const file = path.join(tempDir, name);
    fs.writeFileSync(file, content);
    return file;
}

describe("tailnet-guard audit", function () {
    this.timeout(30_000);

    it("passes a clean least-privilege policy and runs all its tests", async () => {
        const run = await runCli(["audit", CLEAN, "--format", "json"]);
        assert.equal(run.code, 0, run.stdout + run.stderr);
        const result = json(run);
        assert.deepEqual(result.violations.filter((v) => v.enforcementLevel === "mandatory"), []);
        // 3 tests with 6 destinations, plus 2 sshTests with one user on one destination each.
        assert.deepEqual(result.aclTests, { passed: 8, failed: [] });
    });

    it("exits 1 and lists exactly the failing assertions of a policy whose tests fail", async () => {
        const run = await runCli(["audit", FAILING, "--format", "json"]);
        assert.equal(run.code, 1, run.stderr);
        const result = json(run);
        assert.deepEqual(result.aclTests.failed, [
            { src: "bob@example.com", destination: "tag:web:22", expected: "deny", actual: "accept", kind: "test", decidedBy: `grants[0] at ${FAILING}:12:5`, location: { file: FAILING, line: 20, column: 68 } },
            { src: "alice@example.com", destination: "tag:db:5432", expected: "accept", actual: "deny", kind: "test", decidedBy: "no rule matched", location: { file: FAILING, line: 22, column: 45 } },
            { src: "alice@example.com", destination: "tag:web as root", expected: "accept", actual: "check", kind: "sshTest", decidedBy: `ssh[0] at ${FAILING}:16:5`, location: { file: FAILING, line: 26, column: 65 } },
        ]);
        assert.equal(result.aclTests.passed, 1);
        const testViolations = result.violations.filter((v) => v.policy === "policy-file-tests-pass");
        assert.equal(testViolations.length, 3);
        assert.ok(testViolations.every((v) => v.enforcementLevel === "mandatory" && v.responsibility === "R5"));
        assert.deepEqual(testViolations.map((v) => v.location?.line), [20, 22, 26]);
    });

    it("says in text which rule decided each failing test", async () => {
        const run = await runCli(["audit", FAILING]);
        assert.equal(run.code, 1);
        assert.match(run.stdout, /failing-tests\.hujson:20:68: \[mandatory\] policy-file-tests-pass \(R5\)\n\s+tests\[0\]: bob@example\.com -> tag:web:22 over tcp should be denied but is accepted: it is allowed by grants\[0\]/);
        assert.match(run.stdout, /^Policy tests: 1 passed, 3 failed$/m);
        assert.match(run.stdout, /^Result: failed \(3 mandatory violations, \d+ advisory\)$/m);
    });

    it("exits 2 on a syntax error, naming file:line:col and what was expected", async () => {
        for (const format of ["text", "json", "sarif"]) {
            const run = await runCli(["audit", SYNTAX, "--format", format]);
            assert.equal(run.code, 2, `${format}: ${run.stdout}`);
            assert.match(run.stderr, /syntax-error\.hujson:6:25: expected a comma/);
            assert.equal(run.stdout, "");
        }
    });

    it("reports a risky policy's hardening violations with positions and responsibilities", async () => {
        const file = temp(
            "risky.hujson",
            [
                "{",
                '  "tagOwners": {"tag:server": ["autogroup:member"]},',
                '  "acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}],',
                '  "ssh": [{"action": "accept", "src": ["autogroup:member"], "dst": ["tag:server"], "users": ["root"]}],',
                "}",
            ].join("\n"),
        );
        const run = await runCli(["audit", file, "--format", "json"]);
        assert.equal(run.code, 1);
        const mandatory = json(run).violations.filter((v) => v.enforcementLevel === "mandatory");
        const byPolicy = new Map(mandatory.map((v) => [v.policy, v]));
        assert.deepEqual(byPolicy.get("policy-file-tag-owners")?.location, { file, line: 2, column: 32 });
        assert.equal(byPolicy.get("policy-file-no-allow-all")?.location?.line, 3);
        assert.equal(byPolicy.get("policy-file-ssh-root-check")?.location?.line, 4);
        assert.equal(byPolicy.get("policy-file-ssh-root-check")?.responsibility, "R6");
    });

    it("writes SARIF 2.1.0 whose results point into the file and name rules from its rule table", async () => {
        const run = await runCli(["audit", FAILING, "--format", "sarif"]);
        assert.equal(run.code, 1);
        const log = JSON.parse(run.stdout);
        assert.equal(log.version, "2.1.0");
        const [sarifRun] = log.runs;
        const ruleIds = new Set(sarifRun.tool.driver.rules.map((r: { id: string }) => r.id));
        assert.ok(sarifRun.results.length >= 3);
        for (const result of sarifRun.results) {
            assert.ok(ruleIds.has(result.ruleId), `${result.ruleId} missing from the rule table`);
            assert.equal(sarifRun.tool.driver.rules[result.ruleIndex].id, result.ruleId);
            const { artifactLocation, region } = result.locations[0].physicalLocation;
            assert.ok(artifactLocation.uri.endsWith("test/fixtures/policies/failing-tests.hujson"), artifactLocation.uri);
            assert.ok(region.startLine >= 1 && region.startColumn >= 1);
        }
        const failures = sarifRun.results.filter((r: { ruleId: string }) => r.ruleId === "policy-file-tests-pass");
        assert.deepEqual(failures.map((r: { level: string }) => r.level), ["error", "error", "error"]);
    });

    it("applies levels and thresholds from --config", async () => {
        const advisory = temp("advisory.json", JSON.stringify({ "policy-file-tests-pass": "advisory" }));
        const relaxed = await runCli(["audit", FAILING, "--format", "json", "--config", advisory]);
        assert.equal(relaxed.code, 0, relaxed.stderr);
        assert.ok(json(relaxed).violations.filter((v) => v.policy === "policy-file-tests-pass").every((v) => v.enforcementLevel === "advisory"));

        const longCheck = temp(
            "long-check.hujson",
            JSON.stringify({
                groups: { "group:admins": ["alice@example.com"] },
                tagOwners: { "tag:server": ["group:admins"] },
                ssh: [{ action: "check", src: ["group:admins"], dst: ["tag:server"], users: ["root"], checkPeriod: "24h" }],
            }),
        );
        const strict = await runCli(["audit", longCheck, "--format", "json"]);
        assert.ok(json(strict).violations.some((v) => v.policy === "policy-file-ssh-check-period"), "24h exceeds the default 12h");
        const allow24 = temp("allow-24h.json", JSON.stringify({ "policy-file-ssh-check-period": { maxCheckPeriodHours: 24 } }));
        const allowed = await runCli(["audit", longCheck, "--format", "json", "--config", allow24]);
        assert.ok(!json(allowed).violations.some((v) => v.policy === "policy-file-ssh-check-period"), "24h is within a 24h limit");
    });

    it("exits 2 on an unreadable file or a bad --config", async () => {
        const missing = await runCli(["audit", path.join(tempDir, "absent.hujson")]);
        assert.equal(missing.code, 2);
        assert.match(missing.stderr, /cannot read policy file/);
        const badConfig = temp("bad.json", JSON.stringify({ "policy-file-ssh-check-period": { maxCheckPeriodHours: "long" } }));
        const bad = await runCli(["audit", CLEAN, "--config", badConfig]);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /policy-file-ssh-check-period\.maxCheckPeriodHours is "long"/);
        const noArgs = await runCli(["audit"]);
        assert.equal(noArgs.code, 2);
        assert.match(noArgs.stderr, /missing required argument 'file'/);
    });
});

describe("policy-file rules cover every check", () => {
    it("maps every check id the analysis can report to exactly one pack rule", () => {
        const ids = [...POLICY_VALIDATION_IDS, ...Object.keys(LINT_CATALOG), ...POLICY_TEST_IDS];
        const owners = new Map<string, string[]>();
        for (const rule of policyFileRules) {
            for (const check of rule.policyFileChecks) owners.set(check, [...(owners.get(check) ?? []), rule.name]);
        }
        for (const id of ids) {
            assert.equal(owners.get(id)?.length, 1, `check ${id} is reported by ${JSON.stringify(owners.get(id) ?? [])}`);
        }
        assert.deepEqual([...owners.keys()].filter((id) => !ids.includes(id)), [], "rules name checks that do not exist");
    });
});
