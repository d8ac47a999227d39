/** The pack's policy-file rules: one per lint in the catalog, with the catalog's metadata, and config passed to the analysis. */
import assert from "node:assert/strict";
import { LINT_CATALOG } from "../../../acl";
import { policyFileRules, policyFileSchema, policyFileSshCheckPeriod, policyFileSyntax } from "../../../policies/rules/policyFileRules";
import { resolveConfig, type ResourceRule, type ResourceUnderTest } from "../../../policies/rule";
import { policyText } from "../helpers";

function aclResource(acl: unknown): ResourceUnderTest {
    return { type: "tailscale:index/acl:Acl", urn: "urn:pulumi:dev::p::tailscale:index/acl:Acl::policy", name: "policy", props: { acl } };
}

function run(rule: ResourceRule, acl: unknown, config?: Record<string, unknown>): string[] {
    return rule.check(aclResource(acl), resolveConfig(rule, config));
}

const SSH_POLICY = policyText({
    groups: { "group:eng": ["alice@example.com"] },
    tagOwners: { "tag:db": ["group:eng"] },
    ssh: [{ action: "check", src: ["group:eng"], dst: ["tag:db"], users: ["root"], checkPeriod: "24h" }],
});

describe("policy pack: policy-file rules", () => {
    it("has exactly one rule per lint, carrying the catalog's level, severity, responsibility, description and url", () => {
        for (const [lint, spec] of Object.entries(LINT_CATALOG)) {
            const rules = policyFileRules.filter((rule) => rule.description === spec.description);
            assert.equal(rules.length, 1, `${lint}: ${rules.map((r) => r.name).join(", ")}`);
            const [rule] = rules;
            assert.equal(rule.enforcementLevel, spec.defaultLevel, lint);
            assert.equal(rule.severity, spec.severity, lint);
            assert.equal(rule.responsibility, spec.responsibility, lint);
            assert.equal(rule.url, spec.url, lint);
        }
    });

    it("names every rule uniquely in kebab-case, each with rationale and remediation", () => {
        const names = policyFileRules.map((rule) => rule.name);
        assert.equal(new Set(names).size, names.length);
        for (const rule of policyFileRules) {
            assert.match(rule.name, /^policy-file(-[a-z0-9]+)+$/, rule.name);
            assert.ok(rule.rationale.length > 20 && rule.remediationSteps.length > 10, rule.name);
        }
    });

    it("passes maxCheckPeriodHours from the rule config to the analysis", () => {
        const byDefault = run(policyFileSshCheckPeriod, SSH_POLICY);
        assert.equal(byDefault.length, 1);
        assert.match(byDefault[0], /^policy\.acl:\d+:\d+: ssh\[0\] keeps an SSH check valid for checkPeriod "24h", longer than the 12h allowed/);
        assert.deepEqual(run(policyFileSshCheckPeriod, SSH_POLICY, { maxCheckPeriodHours: 24 }), []);
        assert.match(run(policyFileSshCheckPeriod, SSH_POLICY, { maxCheckPeriodHours: 2 })[0], /longer than the 2h allowed/);
        // The cache is per options: the default result is unchanged after a configured run.
        assert.deepEqual(run(policyFileSshCheckPeriod, SSH_POLICY), byDefault);
    });

    it("refuses a config threshold that is not a positive number, naming the field and the fix", () => {
        assert.throws(() => run(policyFileSshCheckPeriod, SSH_POLICY, { maxCheckPeriodHours: "12h" }), /maxCheckPeriodHours is "12h"; set it to a positive number of hours/);
    });

    it("reports grammar findings under policy-file-schema with file:line:col", () => {
        const text = '{\n  "grants": [{"src": ["group:eng"], "dst": ["tag:db:22"], "ip": ["*"]}],\n}';
        assert.deepEqual(run(policyFileSchema, text), [
            'policy.acl:2:45: grants[0].dst[0]: "tag:db:22" carries ports, but grant destinations have none; write "tag:db" and put the ports in "ip"',
        ]);
    });

    it("reports a non-string policy only under the syntax rule", () => {
        assert.equal(run(policyFileSyntax, 42).length, 1);
        assert.deepEqual(run(policyFileSchema, 42), []);
    });
});

describe("policy pack: policy-file rules load lazily", () => {
    it("loading the rules loads only the lint catalog from acl/, not the parser or the checks", () => {
        const { execFileSync } = require("node:child_process") as typeof import("node:child_process");
        const script =
            "require('ts-node/register/transpile-only');" +
            "require('./policies/rules/policyFileRules');" +
            "const acl = Object.keys(require.cache).filter((f) => f.includes('/acl/')).map((f) => f.slice(f.indexOf('/acl/')));" +
            "process.stdout.write(JSON.stringify(acl));";
        const loaded = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: `${__dirname}/../../..`, encoding: "utf8" })) as string[];
        assert.deepEqual(loaded, ["/acl/checks/catalog.ts"]);
    });
});
