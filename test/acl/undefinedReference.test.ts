import assert from "node:assert/strict";
import { analyzePolicy } from "../../acl";
import { at, findingsOf, lines, positionOf } from "./helpers";

function undefinedRefs(policy: unknown): string[] {
    return findingsOf(JSON.stringify(policy), "undefined-reference").map((finding) => finding.message);
}

describe("acl check undefined-reference", () => {
    it("reports an undefined group with its path, name, fix and location", () => {
        const text = lines(
            "{",
            '  "groups": {"group:eng": ["alice@example.com"]},',
            '  "acls": [',
            '    {"action": "accept", "src": ["group:eng", "group:ops"], "dst": ["group:eng:*"]},',
            "  ],",
            "}",
        );
        const findings = findingsOf(text, "undefined-reference");
        assert.equal(findings.length, 1);
        assert.equal(at(findings[0]), "4:47");
        assert.equal(
            findings[0].message,
            'acls[0].src[1] refers to group "group:ops", which is not defined; define it under "groups" or correct the name',
        );
    });

    it("checks tags (with ports) and host aliases in acls destinations", () => {
        const messages = undefinedRefs({
            tagOwners: { "tag:web": ["autogroup:admin"] },
            hosts: { db: "100.64.0.5" },
            acls: [{ action: "accept", src: ["tag:web"], dst: ["tag:db:5432", "db:5432", "cache:6379,6380", "tag:web:443"] }],
        });
        assert.deepEqual(messages, [
            'acls[0].dst[0] refers to tag "tag:db", which is not defined; define it under "tagOwners" or correct the name',
            'acls[0].dst[2] refers to host "cache", which is not defined; define it under "hosts" or correct the name',
        ]);
    });

    it("checks the legacy forms too: acls users and ports, tests allow", () => {
        const messages = undefinedRefs({
            tagOwners: { "tag:web": ["autogroup:admin"] },
            acls: [{ action: "accept", users: ["group:ops"], ports: ["tag:db:5432"] }],
            tests: [{ src: "tag:web", allow: ["tag:cache:6379"] }],
        });
        assert.deepEqual(messages, [
            'acls[0].users[0] refers to group "group:ops", which is not defined; define it under "groups" or correct the name',
            'acls[0].ports[0] refers to tag "tag:db", which is not defined; define it under "tagOwners" or correct the name',
            'tests[0].allow[0] refers to tag "tag:cache", which is not defined; define it under "tagOwners" or correct the name',
        ]);
    });

    it("reports every use, across grants, ssh, tagOwners, autoApprovers and tests", () => {
        const messages = undefinedRefs({
            tagOwners: { "tag:router": ["group:netops"] },
            grants: [{ src: ["group:netops"], dst: ["tag:db", "nas"], ip: ["tcp:445"], via: ["tag:router"] }],
            ssh: [{ action: "check", src: ["group:netops"], dst: ["tag:bastion"], users: ["root"] }],
            autoApprovers: { routes: { "10.0.0.0/8": ["tag:router", "tag:edge"] }, exitNode: ["group:exit"] },
            tests: [{ src: "tag:ci", accept: ["tag:db:5432"] }],
            sshTests: [{ src: "tag:router", dst: ["tag:vm"], accept: ["root"] }],
        });
        const paths = messages.map((message) => message.split(" ")[0]);
        assert.deepEqual(paths.sort(), [
            "autoApprovers.exitNode[0]",
            'autoApprovers.routes["10.0.0.0/8"][1]',
            "grants[0].dst[0]",
            "grants[0].dst[1]",
            "grants[0].src[0]",
            "sshTests[0].dst[0]",
            "ssh[0].dst[0]",
            "ssh[0].src[0]",
            'tagOwners["tag:router"][0]',
            "tests[0].accept[0]",
            "tests[0].src",
        ]);
    });

    it("does not report autogroups, users, addresses, CIDRs, *, sets, services or defined names", () => {
        const policy = {
            groups: { "group:eng": ["alice@example.com"] },
            tagOwners: { "tag:db": ["group:eng"], "tag:exit": ["autogroup:admin"] },
            hosts: { db: "100.64.0.5", office: "192.0.2.0/24" },
            ipsets: { "ipset:branches": ["192.0.2.0/24"] },
            acls: [
                {
                    action: "accept",
                    src: ["autogroup:member", "*", "alice@example.com", "group:eng", "tag:db", "100.64.0.0/10"],
                    dst: [
                        "autogroup:internet:*",
                        "autogroup:self:*",
                        "alice@example.com:22",
                        "100.64.0.5:22",
                        "10.0.0.0/8:443",
                        "[fd7a:115c:a1e0::1]:22",
                        "fd7a:115c:a1e0::/48:22",
                        "*:*",
                        "db:5432",
                        "office:80,443",
                        "ipset:branches:443",
                        "tag:db:5432",
                        "group:eng:*",
                    ],
                },
            ],
            grants: [
                {
                    src: ["autogroup:tagged"],
                    dst: ["svc:web", "autogroup:internet", "fd7a:115c:a1e0::1", "192.0.2.0/24", "db", "*"],
                    ip: ["tcp:443"],
                },
            ],
            ssh: [{ action: "check", src: ["autogroup:member"], dst: ["autogroup:self"], users: ["autogroup:nonroot"] }],
            autoApprovers: { exitNode: ["tag:exit", "autogroup:admin"] },
        };
        assert.deepEqual(undefinedRefs(policy), []);
    });

    it('treats "autogroup:" as its own prefix, not as a group reference', () => {
        assert.deepEqual(undefinedRefs({ acls: [{ action: "accept", src: ["autogroup:member"], dst: ["autogroup:self:*"] }] }), []);
    });

    it("does not take inherited object properties for defined hosts", () => {
        const messages = undefinedRefs({ acls: [{ action: "accept", src: ["*"], dst: ["constructor:80"] }] });
        assert.equal(messages.length, 1);
        assert.match(messages[0], /host "constructor"/);
    });

    it("matches names by their decoded text, and each kind only against its own section", () => {
        // The definitions are looked up by string number: an escaped key defines the same name as the
        // plain spelling, and a name defined as a host does not define a tag or group of that text.
        const text = lines(
            "{",
            '  "groups": {"group:\\u0065ng": ["alice@example.com"]},',
            '  "tagOwners": {"tag:d\\u0062": ["group:eng"]},',
            '  "hosts": {"tag:web": "100.64.0.9", "group:ops": "100.64.0.10"},',
            '  "acls": [{"action": "accept", "src": ["group:eng", "group:ops"], "dst": ["tag:db:5432", "tag:web:443", "tag:\\u0064b:22"]}],',
            '  "tests": [{"src": "group:eng", "accept": ["tag:db:5432"], "deny": ["tag:web:443"]}],',
            "}",
        );
        const findings = findingsOf(text, "undefined-reference");
        assert.deepEqual(
            findings.map((finding) => finding.message.split(" ").slice(0, 4).join(" ")),
            ['acls[0].src[1] refers to group', 'acls[0].dst[1] refers to tag', 'tests[0].deny[0] refers to tag'],
        );
        assert.match(findings[0].message, /"group:ops"/);
        assert.match(findings[1].message, /"tag:web"/);
    });

    it("skips sections of the wrong type instead of throwing", () => {
        const policy = {
            groups: ["not", "an", "object"],
            tagOwners: "nope",
            hosts: 7,
            acls: [null, 3, { action: "accept", src: "group:x", dst: [1, null, "group:y:*"] }],
            grants: { src: ["*"] },
            ssh: [{ action: "accept", users: "root", src: ["*"] }],
            autoApprovers: { routes: ["tag:x"], exitNode: "tag:y" },
            tests: [{ src: 5, accept: "tag:z:1" }],
            sshTests: "x",
        };
        const findings = analyzePolicy(JSON.stringify(policy));
        // The references inside malformed sections are not checked; the malformed values are reported as such.
        assert.deepEqual(findings.filter((f) => f.check === "undefined-reference"), []);
        const wrongTypes = findings.filter((f) => f.check === "wrong-type").map((f) => f.message.split(":")[0]);
        for (const path of ["groups", "tagOwners", "hosts", "acls[0]", "acls[1]", "acls[2].src", "acls[2].dst[0]", "grants", "ssh[0].users", "autoApprovers.routes", "autoApprovers.exitNode", "tests[0].src", "tests[0].accept", "sshTests"]) {
            assert.ok(wrongTypes.includes(path), `expected a wrong-type finding at ${path}, got ${JSON.stringify(wrongTypes)}`);
        }
    });
});

describe("acl check undefined-reference: nodeAttrs, services and recorders", () => {
    it("reports undefined groups and tags in nodeAttrs targets, service approvers and SSH recorders", () => {
        const text = JSON.stringify(
            {
                tagOwners: { "tag:web": ["autogroup:admin"] },
                nodeAttrs: [{ target: ["group:none", "tag:web"], attr: ["funnel"] }],
                autoApprovers: { services: { "svc:wiki": ["tag:gone"] } },
                ssh: [{ action: "accept", src: ["tag:web"], dst: ["tag:web"], users: ["deploy"], recorder: ["tag:rec"], enforceRecorder: true }],
            },
            null,
            2,
        );
        const findings = findingsOf(text, "undefined-reference");
        assert.deepEqual(
            findings.map((f) => [f.message.split(" ")[0], at(f)]),
            [
                ["nodeAttrs[0].target[0]", positionOf(text, '"group:none"')],
                ['autoApprovers.services["svc:wiki"][0]', positionOf(text, '"tag:gone"')],
                ["ssh[0].recorder[0]", positionOf(text, '"tag:rec"')],
            ],
        );
    });
});
