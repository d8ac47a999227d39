/**
 * Every policy-file rule through the pack as the engine runs it: a `tailscale.Acl` whose policy breaks
 * that rule (and, where it can, only that rule) is sent with Analyze, and the rule must report it at its
 * level with the policy file's line and column.
 */
import * as assert from "assert";
import type { AnalyzedResource } from "../../cli/policyPackHost";
import { policyFileRules } from "../../policies/rules/policyFileRules";
import { usePolicyPack } from "../support/packHarness";

const STACK = "urn:pulumi:dev::demo";

/** A compact base every case extends: one group, one owned tag, one scoped grant with tests both ways. */
const BASE = {
    groups: { "group:admins": ["alice@example.com"] },
    tagOwners: { "tag:server": ["group:admins"] },
    grants: [{ src: ["group:admins"], dst: ["tag:server"], ip: ["tcp:22"] }],
    tests: [{ src: "alice@example.com", accept: ["tag:server:22"], deny: ["tag:server:80"] }],
};

/** For each rule, a policy text that breaks it. */
const VIOLATING_POLICIES: Record<string, string> = {
    "policy-file-parses": '{ "groups": { "group:admins": ["alice@example.com"] ',
    "policy-file-schema": JSON.stringify({ ...BASE, grants: [{ src: ["group:admins"], dst: ["tag:server"], ip: ["tcp:70000"] }] }),
    "policy-file-references": JSON.stringify({ ...BASE, grants: [{ src: ["group:nobody"], dst: ["tag:server"], ip: ["tcp:22"] }] }),
    "policy-file-no-allow-all": JSON.stringify({ ...BASE, acls: [{ action: "accept", src: ["*"], dst: ["*:*"] }] }),
    "policy-file-no-near-allow-all": JSON.stringify({ ...BASE, grants: [{ src: ["autogroup:member"], dst: ["*"], ip: ["tcp:443"] }] }),
    "policy-file-no-broad-access-to-tagged": JSON.stringify({ ...BASE, grants: [{ src: ["autogroup:member"], dst: ["autogroup:tagged"], ip: ["tcp:22"] }] }),
    "policy-file-no-danger-all": JSON.stringify({ ...BASE, grants: [{ src: ["autogroup:danger-all"], dst: ["tag:server"], ip: ["tcp:22"] }] }),
    "policy-file-exit-nodes-restricted": JSON.stringify({ ...BASE, grants: [{ src: ["autogroup:member"], dst: ["autogroup:internet"], ip: ["*"] }] }),
    "policy-file-funnel-restricted": JSON.stringify({ ...BASE, nodeAttrs: [{ target: ["autogroup:member"], attr: ["funnel"] }] }),
    "policy-file-ssh-root-check": JSON.stringify({ ...BASE, ssh: [{ action: "accept", src: ["group:admins"], dst: ["tag:server"], users: ["root"] }] }),
    "policy-file-ssh-nonroot-check": JSON.stringify({ ...BASE, ssh: [{ action: "accept", src: ["group:admins"], dst: ["tag:server"], users: ["autogroup:nonroot"] }] }),
    "policy-file-ssh-check-period": JSON.stringify({ ...BASE, ssh: [{ action: "check", src: ["group:admins"], dst: ["tag:server"], users: ["root"], checkPeriod: "168h" }] }),
    "policy-file-ssh-recorder-enforced": JSON.stringify({
        ...BASE,
        tagOwners: { ...BASE.tagOwners, "tag:recorder": ["group:admins"] },
        ssh: [{ action: "check", src: ["group:admins"], dst: ["tag:server"], users: ["root"], recorder: ["tag:recorder"] }],
    }),
    "policy-file-tag-owners": JSON.stringify({ ...BASE, tagOwners: { "tag:server": ["autogroup:member"] } }),
    "policy-file-tags-have-owners": JSON.stringify({ ...BASE, tagOwners: { ...BASE.tagOwners, "tag:orphan": [] } }),
    "policy-file-no-empty-groups": JSON.stringify({ ...BASE, groups: { ...BASE.groups, "group:empty": [] } }),
    "policy-file-auto-approvers-tags": JSON.stringify({ ...BASE, autoApprovers: { routes: { "10.0.0.0/24": ["alice@example.com"] } } }),
    "policy-file-no-shadowed-rules": JSON.stringify({
        ...BASE,
        grants: [
            { src: ["group:admins"], dst: ["tag:server"], ip: ["*"] },
            { src: ["group:admins"], dst: ["tag:server"], ip: ["tcp:22"] },
        ],
    }),
    "policy-file-tests-pass": JSON.stringify({ ...BASE, tests: [{ src: "alice@example.com", accept: ["tag:server:443"], deny: ["tag:server:80"] }] }),
    "policy-file-has-tests": JSON.stringify({ ...BASE, tests: undefined }),
    "policy-file-tests-accept-and-deny": JSON.stringify({ ...BASE, tests: [{ src: "alice@example.com", accept: ["tag:server:22"] }] }),
    "policy-file-has-ssh-tests": JSON.stringify({ ...BASE, ssh: [{ action: "check", src: ["group:admins"], dst: ["tag:server"], users: ["root"] }] }),
    "policy-file-uses-groups": JSON.stringify({
        tagOwners: { "tag:server": ["alice@example.com"] },
        grants: [{ src: ["alice@example.com"], dst: ["tag:server"], ip: ["tcp:22"] }],
        tests: BASE.tests,
    }),
    "policy-file-prefers-grants": JSON.stringify({ ...BASE, grants: undefined, acls: [{ action: "accept", src: ["group:admins"], dst: ["tag:server:22"] }] }),
    "policy-file-device-posture": JSON.stringify(BASE),
};

function acl(name: string, text: string): AnalyzedResource {
    const type = "tailscale:index/acl:Acl";
    return {
        type,
        name,
        urn: `${STACK}::${type}::${name}`,
        properties: { acl: text },
        provider: { type: "pulumi:providers:tailscale", urn: `${STACK}::pulumi:providers:tailscale::default`, name: "default", properties: {} },
    };
}

describe("policy pack over gRPC: every policy-file rule", () => {
    const pack = usePolicyPack();

    it("has a violating policy for every policy-file rule", () => {
        assert.deepStrictEqual(
            policyFileRules.map((r) => r.name).filter((name) => VIOLATING_POLICIES[name] === undefined),
            [],
        );
    });

    for (const rule of policyFileRules) {
        it(`${rule.name}: reported at its level (${rule.enforcementLevel}) with the position in the policy`, async () => {
            const resource = acl(`policy-${rule.name}`, VIOLATING_POLICIES[rule.name]);
            const diagnostics = (await pack.host.analyze(resource)).filter((d) => d.policyName === rule.name);
            assert.ok(diagnostics.length > 0, `${rule.name} did not fire`);
            for (const d of diagnostics) {
                assert.strictEqual(d.enforcementLevel, rule.enforcementLevel);
                assert.match(d.message, new RegExp(`policy-${rule.name}\\.acl:\\d+:\\d+: `), d.message);
            }
        });
    }

    it("passes the hardened base policy on every mandatory policy-file rule", async () => {
        const diagnostics = await pack.host.analyze(acl("hardened", JSON.stringify(BASE)));
        assert.deepStrictEqual(
            diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => `${d.policyName}: ${d.message}`),
            [],
        );
    });
});
