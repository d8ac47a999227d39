import assert from "node:assert/strict";
import { parsePolicy } from "../../../acl";
import { runPolicyTests } from "../../../acl/evaluate";
import { generatePolicy } from "../../../bench/acl/generatePolicy";

describe("bench/acl generatePolicy", () => {
    it("is deterministic for a seed and size", () => {
        assert.equal(generatePolicy(40_000, 3).text, generatePolicy(40_000, 3).text);
        assert.notEqual(generatePolicy(40_000, 3).text, generatePolicy(40_000, 4).text);
    });

    it("comes within one batch of teams of the target size", () => {
        const policy = generatePolicy(200_000, 1);
        assert.ok(Math.abs(policy.text.length - 200_000) < 20_000, `got ${policy.text.length} bytes`);
    });

    it("holds tests and sshTests that all pass", () => {
        const policy = generatePolicy(60_000, 9);
        const report = runPolicyTests(parsePolicy(policy.text, "generated.hujson"));
        assert.deepEqual(report.failed, []);
        assert.equal(report.skipped, 0);
        assert.equal(report.passed, policy.assertions);
        assert.ok(policy.assertions > 100);
    });
});
