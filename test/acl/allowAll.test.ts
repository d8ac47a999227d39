import assert from "node:assert/strict";
import { at, findingsOf, lines } from "./helpers";

describe("acl check allow-all", () => {
    it("flags an acls rule from * to *:* at the rule", () => {
        const text = lines(
            "{",
            '  "acls": [',
            '    {"action": "accept", "src": ["autogroup:member"], "dst": ["autogroup:self:*"]},',
            '    {"action": "accept", "src": ["*"], "dst": ["*:*"]},',
            "  ],",
            "}",
        );
        const findings = findingsOf(text, "allow-all");
        assert.equal(findings.length, 1);
        assert.equal(at(findings[0]), "4:5");
        assert.equal(
            findings[0].message,
            'acls[1] lets every source reach every destination on every port ("*" -> "*:*"); ' +
                "list the groups and tags that need access and the ports they need",
        );
    });

    it("does not flag acls rules narrowed by source or destination", () => {
        const policy = {
            groups: { "group:eng": ["alice@example.com"] },
            acls: [
                { action: "accept", src: ["group:eng"], dst: ["*:*"] },
                { action: "accept", src: ["*"], dst: ["*:443"] },
            ],
        };
        assert.deepEqual(findingsOf(JSON.stringify(policy), "allow-all"), []);
    });

    it('flags a grant from * to * with ip "*"', () => {
        const text = lines("{", '  "grants": [', '    {"src": ["*"], "dst": ["*"], "ip": ["*"]}', "  ]", "}");
        const findings = findingsOf(text, "allow-all");
        assert.equal(findings.length, 1);
        assert.equal(at(findings[0]), "3:5");
        assert.match(findings[0].message, /^grants\[0\] lets every source reach every destination/);
    });

    it("does not flag grants limited to specific ports or to app capabilities", () => {
        const policy = {
            grants: [
                { src: ["*"], dst: ["*"], ip: ["tcp:443", "udp:53"] },
                { src: ["*"], dst: ["*"], app: { "example.com/cap/thing": [{}] } },
            ],
        };
        assert.deepEqual(findingsOf(JSON.stringify(policy), "allow-all"), []);
    });
});
