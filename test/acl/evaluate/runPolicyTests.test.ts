import assert from "node:assert/strict";
import { parsePolicy } from "../../../acl";
import { runPolicyTests, type TestFailure } from "../../../acl/evaluate";
import { lines } from "../helpers";
import { parsedOf } from "./helpers";

const FILE = "policy.hujson";

describe("acl/evaluate runPolicyTests", () => {
    it("passes a documented-style policy whose tests all hold", () => {
        const report = runPolicyTests(
            parsedOf({
                groups: { "group:eng": ["alice@example.com"] },
                tagOwners: { "tag:db": ["group:eng"] },
                hosts: { "db-v6": "fd7a:115c:a1e0::7" },
                grants: [
                    { src: ["group:eng"], dst: ["tag:db"], ip: ["tcp:5432", "icmp:*"] },
                    { src: ["group:eng"], dst: ["100.64.0.1", "db-v6"], ip: ["22"] },
                ],
                ssh: [{ action: "check", src: ["group:eng"], dst: ["tag:db"], users: ["root"] }],
                tests: [
                    { src: "alice@example.com", accept: ["tag:db:5432", "100.64.0.1:22", "[fd7a:115c:a1e0::7]:22"], deny: ["tag:db:22"] },
                    { src: "alice@example.com", proto: "icmp", accept: ["tag:db:0"] },
                    { src: "alice@example.com", proto: "udp", allow: ["100.64.0.1:22"], deny: ["tag:db:5432"] },
                    { src: "bob@example.com", deny: ["tag:db:5432"] },
                ],
                sshTests: [
                    { src: "alice@example.com", dst: ["tag:db"], check: ["root"], deny: ["ubuntu"] },
                    { src: "bob@example.com", dst: ["tag:db"], deny: ["root"] },
                ],
            }),
        );
        assert.deepEqual(report, { passed: 11, failed: [], skipped: 0 });
    });

    it("reports every failing assertion exactly, with rule and assertion positions", () => {
        const text = lines(
            "{",
            '  "groups": {"group:eng": ["alice@example.com"]},',
            '  "grants": [',
            '    {"src": ["group:eng"], "dst": ["tag:db"], "ip": ["tcp:5432"]},',
            '    {"src": ["*"], "dst": ["tag:web"], "ip": ["*"]},',
            "  ],",
            '  "ssh": [',
            '    {"action": "check", "src": ["group:eng"], "dst": ["tag:db"], "users": ["root"]},',
            "  ],",
            '  "tests": [',
            '    {"src": "alice@example.com", "accept": ["tag:db:22"], "deny": ["tag:web:80"]},',
            '    {"src": "alice@example.com", "proto": "udp", "accept": ["tag:db:5432"]},',
            "  ],",
            '  "sshTests": [',
            '    {"src": "alice@example.com", "dst": ["tag:db", "tag:web"], "accept": ["root"]},',
            "  ],",
            "}",
        );
        const report = runPolicyTests(parsePolicy(text, FILE));
        const expected: TestFailure[] = [
            {
                kind: "test",
                src: "alice@example.com",
                destination: "tag:db:22",
                expected: "accept",
                actual: "deny",
                decidedBy: "no rule matched",
                location: { file: FILE, line: 11, column: 45 },
                message: "tests[0]: alice@example.com -> tag:db:22 over tcp should be accepted but is denied: no rule matched.",
            },
            {
                kind: "test",
                src: "alice@example.com",
                destination: "tag:web:80",
                expected: "deny",
                actual: "accept",
                decidedBy: `grants[1] at ${FILE}:5:5`,
                location: { file: FILE, line: 11, column: 68 },
                message:
                    "tests[0]: alice@example.com -> tag:web:80 over tcp should be denied but is accepted: " +
                    `it is allowed by grants[1] at ${FILE}:5:5.`,
            },
            {
                kind: "test",
                src: "alice@example.com",
                destination: "tag:db:5432",
                expected: "accept",
                actual: "deny",
                decidedBy: "no rule matched",
                location: { file: FILE, line: 12, column: 61 },
                message: "tests[1]: alice@example.com -> tag:db:5432 over udp should be accepted but is denied: no rule matched.",
            },
            {
                kind: "sshTest",
                src: "alice@example.com",
                destination: "tag:db as root",
                expected: "accept",
                actual: "check",
                decidedBy: `ssh[0] at ${FILE}:8:5`,
                location: { file: FILE, line: 15, column: 75 },
                message:
                    "sshTests[0]: SSH from alice@example.com to tag:db as root should be accepted but is " +
                    `accepted only after a check: decided by ssh[0] at ${FILE}:8:5.`,
            },
            {
                kind: "sshTest",
                src: "alice@example.com",
                destination: "tag:web as root",
                expected: "accept",
                actual: "deny",
                decidedBy: "no rule matched",
                location: { file: FILE, line: 15, column: 75 },
                message: "sshTests[0]: SSH from alice@example.com to tag:web as root should be accepted but is denied: no rule matched.",
            },
        ];
        assert.deepEqual(report.failed, expected);
        assert.equal(report.passed, 0);
        assert.equal(report.skipped, 0);
    });

    it("reports a check expectation met by a deny, and a deny expectation broken by autogroup:self", () => {
        const report = runPolicyTests(
            parsedOf({
                ssh: [{ action: "accept", src: ["autogroup:member"], dst: ["autogroup:self"], users: ["autogroup:nonroot"] }],
                sshTests: [{ src: "bob@example.com", dst: ["bob@example.com"], check: ["root"], deny: ["bob"] }],
            }),
        );
        assert.deepEqual(
            report.failed.map((f) => [f.destination, f.expected, f.actual, f.decidedBy.replace(/ at .*/, "")]),
            [
                ["bob@example.com as root", "check", "deny", "no rule matched"],
                ["bob@example.com as bob", "deny", "accept", "ssh[0]"],
            ],
        );
    });

    it("skips assertions it cannot read instead of passing or failing them", () => {
        const report = runPolicyTests(
            parsedOf({
                grants: [{ src: ["*"], dst: ["*"], ip: ["*"] }],
                tests: [
                    { src: "alice@example.com", accept: ["tag:db", "undefined-host:22", "tag:db:99999", 7] },
                    { src: 42, accept: ["tag:db:22"] },
                    { src: "alice@example.com", proto: "nope", accept: ["tag:db:22"] },
                    { src: "alice@example.com", accept: ["tag:db:22"] },
                ],
                sshTests: [{ src: "alice@example.com", dst: ["nohost"], accept: ["root"] }],
            }),
        );
        assert.deepEqual(report, { passed: 1, failed: [], skipped: 6 });
    });

    it("skips an sshTest naming a device by address when only the device's identity could decide it", () => {
        const report = runPolicyTests(
            parsedOf({
                hosts: { srv: "100.64.0.16" },
                tagOwners: { "tag:server": ["alice@example.com"] },
                ssh: [
                    { action: "accept", src: ["alice@example.com"], dst: ["tag:server"], users: ["root"] },
                    { action: "accept", src: ["alice@example.com"], dst: ["srv"], users: ["deploy"] },
                ],
                sshTests: [
                    // The rule names the host itself: decided, passes.
                    { src: "alice@example.com", dst: ["srv"], accept: ["deploy"] },
                    // srv may be a tag:server device: cannot be told offline, skipped rather than failed.
                    { src: "alice@example.com", dst: ["srv", "100.64.0.16"], accept: ["root"] },
                    { src: "100.64.0.17", dst: ["tag:server"], accept: ["root"] },
                    // Identities on both sides: still decided, and this one fails.
                    { src: "bob@example.com", dst: ["tag:server"], accept: ["root"] },
                ],
            }),
        );
        assert.equal(report.passed, 1);
        assert.equal(report.skipped, 3);
        assert.equal(report.failed.length, 1);
        assert.match(report.failed[0].message, /bob@example\.com to tag:server as root should be accepted but is denied/);
    });

    it("never throws on sections of the wrong shape", () => {
        const shapes: Array<Record<string, unknown>> = [
            { tests: "nope", sshTests: 3, grants: {}, acls: "x", ssh: [null] },
            { groups: [], hosts: { a: 5 }, ipsets: { "ipset:x": "y" }, grants: [{ src: "x", dst: 4, ip: "*" }] },
            { acls: [{ action: "accept", src: [1], dst: [null, "tag:x"] }], tests: [{ src: "a@b", accept: [null] }] },
            { ssh: [{ action: "accept", src: ["*"], dst: "tag:x", users: null }], sshTests: [{ src: "a@b", dst: null }] },
        ];
        for (const shape of shapes) assert.doesNotThrow(() => runPolicyTests(parsedOf(shape)));
        assert.deepEqual(runPolicyTests(parsePolicy("{ not json", FILE)), { passed: 0, failed: [], skipped: 0 });
    });
});
