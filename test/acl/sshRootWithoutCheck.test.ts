import assert from "node:assert/strict";
import { at, findingsOf, lines } from "./helpers";

const defs = {
    groups: { "group:eng": ["alice@example.com"] },
    tagOwners: { "tag:ci": ["group:eng"], "tag:prod": ["group:eng"] },
};

function sshPolicy(rule: Record<string, unknown>): string {
    return JSON.stringify({ ...defs, ssh: [rule] });
}

describe("acl check ssh-root-without-check", () => {
    it('flags "accept" as root for a group, at the action value', () => {
        const text = lines(
            "{",
            '  "groups": {"group:eng": ["alice@example.com"]},',
            '  "tagOwners": {"tag:prod": ["group:eng"]},',
            '  "ssh": [',
            '    {"action": "accept", "src": ["group:eng"], "dst": ["tag:prod"], "users": ["root"]},',
            "  ],",
            "}",
        );
        const findings = findingsOf(text, "ssh-root-without-check");
        assert.equal(findings.length, 1);
        assert.equal(at(findings[0]), "5:16");
        assert.match(findings[0].message, /^ssh\[0\] accepts SSH as root from "group:eng"/);
        assert.match(findings[0].message, /"action": "check"/);
    });

    it("names only the sources that are not tags", () => {
        const findings = findingsOf(
            sshPolicy({ action: "accept", src: ["tag:ci", "*", "bob@example.com"], dst: ["tag:prod"], users: ["root"] }),
            "ssh-root-without-check",
        );
        assert.equal(findings.length, 1);
        assert.ok(findings[0].message.includes('from "*", "bob@example.com" without'), findings[0].message);
    });

    it('does not flag "check" rules, tag-only sources, or non-root users', () => {
        const hardened = [
            { action: "check", src: ["group:eng"], dst: ["tag:prod"], users: ["root"], checkPeriod: "12h" },
            { action: "accept", src: ["tag:ci"], dst: ["tag:prod"], users: ["root"] },
            { action: "accept", src: ["group:eng"], dst: ["tag:prod"], users: ["autogroup:nonroot", "ubuntu"] },
        ];
        for (const rule of hardened) {
            assert.deepEqual(findingsOf(sshPolicy(rule), "ssh-root-without-check"), [], JSON.stringify(rule));
        }
    });
});
