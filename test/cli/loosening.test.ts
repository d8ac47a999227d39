/**
 * `tailnet-guard preview` of hardened components with one hardening switched off at a time: each
 * variant (test/fixtures/loosened-program, one tailnet per variant) must draw exactly the mandatory rule
 * that guards what was switched off, and the hardened variant none.
 */
import assert from "node:assert/strict";
import { fixture, runCli } from "../support/cli";

/** Variant -> (resource name suffix, rule): where the violation is reported and by which rule. */
const EXPECTED: Record<string, Array<[string, string]>> = {
    "no-device-approval": [["no-device-approval-settings", "tailnet-device-approval"]],
    "no-user-approval": [["no-user-approval-settings", "tailnet-user-approval"]],
    "no-auto-updates": [["no-auto-updates-settings", "tailnet-auto-updates"]],
    "long-key-expiry": [
        ["long-key-expiry-settings", "tailnet-key-expiry"],
        ["long-key-expiry-key", "auth-key-expiry"],
    ],
    "external-tailnets": [["external-tailnets-settings", "tailnet-external-tailnets"]],
    "no-posture-identity": [["no-posture-identity-settings", "tailnet-posture-identity-collection"]],
    "no-flow-logs": [["no-flow-logs-settings", "tailnet-network-flow-logging"]],
    "console-edits": [["console-edits-settings", "tailnet-acls-externally-managed"]],
    "few-webhook-events": [["few-webhook-events-webhook-0", "webhook-critical-events"]],
    // Stack rules report at the stack, naming the tailnet.
    "no-contacts": [["loosened-tailnets-dev", "security-contacts-managed"]],
    "no-log-streams": [["loosened-tailnets-dev", "log-stream-configured"]],
};

describe("tailnet-guard preview: each hardening switched off is caught by its rule", function () {
    this.timeout(120_000);

    it("flags every loosened variant with exactly its rule, and the hardened one not at all", async () => {
        const run = await runCli(["preview", fixture("loosened-program"), "--format", "json"]);
        assert.equal(run.code, 1, run.stderr);
        const mandatory = (JSON.parse(run.stdout).violations as Array<{ policy: string; enforcementLevel: string; urn: string; message: string }>).filter(
            (v) => v.enforcementLevel === "mandatory",
        );
        const found = mandatory.map((v) => `${v.urn.slice(v.urn.lastIndexOf("::") + 2)} ${v.policy}`).sort();
        const expected = Object.values(EXPECTED)
            .flat()
            .map(([resource, rule]) => `${resource} ${rule}`)
            .sort();
        assert.deepEqual(found, expected);
        // Stack findings name the variant's tailnet.
        assert.ok(mandatory.some((v) => v.policy === "security-contacts-managed" && v.message.includes("no-contacts.example.com")));
        assert.ok(mandatory.some((v) => v.policy === "log-stream-configured" && v.message.includes("no-log-streams.example.com")));
        assert.ok(!mandatory.some((v) => v.urn.includes("::hardened") || v.message.includes("hardened.example.com")));
    });
});
