import assert from "node:assert/strict";
import fc from "fast-check";
import { parsePolicy } from "../../../acl";
import { accessMatrix, createEvaluator, runPolicyTests } from "../../../acl/evaluate";

/** Values that look a little like policy content, so the fuzzer reaches deep into the evaluator. */
const selector = fc.constantFrom("*", "tag:a", "group:g", "alice@x.io", "autogroup:self", "autogroup:internet", "h", "10.0.0.0/8", "[::1]:22", "tag:a:22", "x:*", "", "ipset:s");
const leaf = fc.oneof(selector, fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null));
const value = fc.oneof(leaf, fc.array(leaf, { maxLength: 4 }), fc.dictionary(fc.constantFrom("src", "dst", "ip", "users", "action", "proto", "accept", "deny", "check", "srcPosture"), fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }))));
const section = fc.oneof(value, fc.array(value, { maxLength: 3 }));
const policy = fc.record(
    {
        groups: fc.oneof(section, fc.constant({ "group:g": ["alice@x.io", 3] })),
        hosts: fc.oneof(section, fc.constant({ h: "100.64.0.1", bad: "nope" })),
        ipsets: fc.oneof(section, fc.constant({ "ipset:s": ["10.0.0.0/8", "ipset:s", "host:h"] })),
        grants: section,
        acls: section,
        ssh: section,
        tests: section,
        sshTests: section,
        defaultSrcPosture: section,
    },
    { requiredKeys: [] },
);

describe("acl/evaluate never throws on malformed policies", () => {
    it("runs tests, queries and the matrix on random section shapes without throwing", () => {
        fc.assert(
            fc.property(policy, (doc) => {
                const parsed = parsePolicy(JSON.stringify(doc), "fuzz.hujson");
                const evaluator = createEvaluator(parsed);
                const report = runPolicyTests(parsed, evaluator);
                assert.ok(report.passed >= 0 && report.skipped >= 0);
                for (const failure of report.failed) assert.ok(failure.message.length > 0);
                evaluator.canReach("alice@x.io", "tag:a", 22);
                evaluator.sshAction("tag:a", "alice@x.io", "root");
                accessMatrix(evaluator);
            }),
            { seed: 7, numRuns: 200 },
        );
    });
});
