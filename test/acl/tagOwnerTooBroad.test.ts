import assert from "node:assert/strict";
import { at, findingsOf, lines } from "./helpers";

describe("acl check tag-owner-too-broad", () => {
    it('flags "autogroup:member" and "*" owners at the owner entry', () => {
        const text = lines(
            "{",
            '  "tagOwners": {',
            '    "tag:server": ["autogroup:admin", "autogroup:member"],',
            '    "tag:ci": ["*"],',
            "  },",
            "}",
        );
        const findings = findingsOf(text, "tag-owner-too-broad");
        assert.deepEqual(findings.map(at), ["3:39", "4:16"]);
        assert.equal(
            findings[0].message,
            'tagOwners["tag:server"] lists "autogroup:member", so any member could tag a device as "tag:server" ' +
                'and inherit its access; limit the owners to a group or "autogroup:admin"',
        );
        assert.match(findings[1].message, /lists "\*", so any user could tag a device as "tag:ci"/);
    });

    it("does not flag tags owned by a group, autogroup:admin or another tag", () => {
        const policy = {
            groups: { "group:platform": ["alice@example.com"] },
            tagOwners: {
                "tag:server": ["group:platform", "autogroup:admin"],
                "tag:worker": ["tag:server"],
                "tag:empty": [],
            },
        };
        assert.deepEqual(findingsOf(JSON.stringify(policy), "tag-owner-too-broad"), []);
    });
});
