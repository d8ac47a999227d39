import assert from "node:assert/strict";
import { evaluatorOf, sshVerdict } from "./helpers";

/** An SSH policy in the shape of Tailscale's documented examples: self access, check for root, tags. */
const policy = {
    groups: { "group:sre": ["alice@example.com", "bob@example.com"], "group:dev": ["carol@example.com"] },
    tagOwners: { "tag:prod": ["group:sre"], "tag:ci": ["group:sre"] },
    hosts: { bastion: "100.64.0.9" },
    ssh: [
        { action: "accept", src: ["autogroup:member"], dst: ["autogroup:self"], users: ["autogroup:nonroot"] },
        { action: "check", src: ["group:sre"], dst: ["tag:prod"], users: ["root", "autogroup:nonroot"], checkPeriod: "12h" },
        { action: "accept", src: ["alice@example.com"], dst: ["tag:prod"], users: ["deploy"] },
        { action: "accept", src: ["tag:ci"], dst: ["tag:prod"], users: ["deploy"] },
        { action: "accept", src: ["group:dev"], dst: ["tag:ci"], users: ["localpart:*@example.com"] },
        { action: "accept", src: ["group:sre"], dst: ["bastion"], users: ["ops"] },
        { action: "check", src: ["carol@example.com"], dst: ["carol@example.com"], users: ["root"] },
    ],
};

const rows: Array<[src: string, dst: string, user: string, expected: string]> = [
    // autogroup:self with autogroup:nonroot
    ["alice@example.com", "alice@example.com", "alice", "accept ssh[0]"],
    ["alice@example.com", "autogroup:self", "ubuntu", "accept ssh[0]"],
    ["alice@example.com", "alice@example.com", "root", "deny"],
    ["alice@example.com", "bob@example.com", "alice", "deny"],
    // check for root on tagged servers
    ["bob@example.com", "tag:prod", "root", "check ssh[1]"],
    ["bob@example.com", "tag:prod", "deploy", "check ssh[1]"],
    // accept beats check even when the check rule comes first
    ["alice@example.com", "tag:prod", "deploy", "accept ssh[2]"],
    ["alice@example.com", "tag:prod", "root", "check ssh[1]"],
    ["carol@example.com", "tag:prod", "root", "deny"],
    // tags as SSH sources
    ["tag:ci", "tag:prod", "deploy", "accept ssh[3]"],
    ["tag:ci", "tag:prod", "root", "deny"],
    // localpart:*@domain maps the login's local part to the local account
    ["carol@example.com", "tag:ci", "carol", "accept ssh[4]"],
    ["carol@example.com", "tag:ci", "alice", "deny"],
    // hosts as destinations
    ["alice@example.com", "bastion", "ops", "accept ssh[5]"],
    ["alice@example.com", "100.64.0.9", "ops", "accept ssh[5]"],
    // a user destination and a check rule for root on one's own device
    ["carol@example.com", "carol@example.com", "root", "check ssh[6]"],
    ["carol@example.com", "carol@example.com", "carol", "accept ssh[0]"],
    // groups: every member must be allowed; the weakest action counts
    ["group:sre", "tag:prod", "deploy", "check ssh[1]"],
    ["group:sre", "tag:prod", "root", "check ssh[1]"],
    ["group:dev", "tag:prod", "root", "deny"],
];

describe("acl/evaluate sshAction", () => {
    const evaluator = evaluatorOf(policy);
    for (const [src, dst, user, expected] of rows) {
        it(`${src} -> ${dst} as ${user} is ${expected}`, () => {
            assert.equal(sshVerdict(evaluator.sshAction(src, dst, user)), expected);
        });
    }

    it("reports the deciding rule's position", () => {
        const result = evaluator.sshAction("alice@example.com", "tag:prod", "deploy");
        assert.equal(result.decidedBy?.location?.line, evaluator.parsed.locate(["ssh", 2])?.line);
        assert.equal(result.decidedBy?.location?.file, "policy.hujson");
    });

    it("denies everything when there is no ssh section", () => {
        const none = evaluatorOf({ grants: [{ src: ["*"], dst: ["*"], ip: ["*"] }] });
        assert.equal(sshVerdict(none.sshAction("alice@example.com", "tag:prod", "root")), "deny");
    });
});
