import assert from "node:assert/strict";
import { parsePolicy } from "../../../acl";
import { accessMatrix, EvaluationArgumentError, formatCell, runPolicyTests, type TestFailure } from "../../../acl/evaluate";
import { lines } from "../helpers";
import { evaluatorOf, parsedOf, sshVerdict, verdict } from "./helpers";

const FILE = "policy.hujson";

const MAC_OK = { "node:os": "macos", "node:tsVersion": "1.82.0", "node:tsAutoUpdate": true, "node:tsReleaseTrack": "stable" };
const MAC_OLD = { ...MAC_OK, "node:tsVersion": "1.79.4" };
const WINDOWS = { "node:os": "windows", "node:tsVersion": "1.90.1", "node:tsAutoUpdate": false, "node:tsReleaseTrack": "stable" };

/** A baseline posture applied by default, and a grant that replaces it with a looser one. */
const POLICY = {
    groups: { "group:eng": ["alice@example.com", "bob@example.com"] },
    postures: {
        "posture:baseline": ["node:tsVersion >= '1.80'", "node:tsAutoUpdate", "node:tsReleaseTrack == 'stable'"],
        "posture:anyWindows": ["node:os == 'windows'"],
        "posture:mac": ["node:os == 'macos'"],
    },
    defaultSrcPosture: ["posture:baseline"],
    grants: [
        // defaultSrcPosture applies
        { src: ["group:eng"], dst: ["tag:db"], ip: ["tcp:5432"] },
        // own srcPosture replaces the default: any Windows device, or any Mac, whatever its version
        { src: ["group:eng"], dst: ["tag:web"], ip: ["tcp:443"], srcPosture: ["posture:anyWindows", "posture:mac"] },
        // an empty own list lifts the default
        { src: ["group:eng"], dst: ["tag:status"], ip: ["tcp:80"], srcPosture: [] },
        // a posture that is not defined never holds
        { src: ["group:eng"], dst: ["tag:vault"], ip: ["tcp:8200"], srcPosture: ["posture:undefined"] },
    ],
    acls: [{ action: "accept", src: ["group:eng"], dst: ["tag:legacy:22"] }],
    ssh: [
        { action: "accept", src: ["group:eng"], dst: ["tag:db"], users: ["root"] },
        { action: "check", src: ["group:eng"], dst: ["tag:db"], users: ["root"], srcPosture: ["posture:anyWindows"] },
    ],
};

describe("acl/evaluate device posture in rules", () => {
    const evaluator = evaluatorOf(POLICY);

    const reach: Array<[string, string, number, Record<string, unknown> | undefined, string]> = [
        // defaultSrcPosture on grants and acls
        ["alice@example.com", "tag:db", 5432, MAC_OK, "allow grants[0]"],
        ["alice@example.com", "tag:db", 5432, MAC_OLD, "deny"],
        ["alice@example.com", "tag:db", 5432, WINDOWS, "deny"],
        ["alice@example.com", "tag:db", 5432, undefined, "deny"],
        ["alice@example.com", "tag:db", 5432, {}, "deny"],
        ["alice@example.com", "tag:legacy", 22, MAC_OK, "allow acls[0]"],
        ["alice@example.com", "tag:legacy", 22, MAC_OLD, "deny"],
        ["group:eng", "tag:db", 5432, MAC_OK, "allow grants[0]"],
        ["group:eng", "tag:db", 5432, MAC_OLD, "deny"],
        // own srcPosture replaces the default (not added to it): one of the listed postures suffices
        ["alice@example.com", "tag:web", 443, WINDOWS, "allow grants[1]"],
        ["alice@example.com", "tag:web", 443, MAC_OLD, "allow grants[1]"],
        ["alice@example.com", "tag:web", 443, { "node:os": "linux", "node:tsVersion": "1.90", "node:tsAutoUpdate": true, "node:tsReleaseTrack": "stable" }, "deny"],
        ["alice@example.com", "tag:web", 443, undefined, "deny"],
        // srcPosture: [] lifts the default
        ["alice@example.com", "tag:status", 80, undefined, "allow grants[2]"],
        ["alice@example.com", "tag:status", 80, MAC_OLD, "allow grants[2]"],
        // an undefined posture never holds
        ["alice@example.com", "tag:vault", 8200, MAC_OK, "deny"],
        // posture does not widen the source selector
        ["carol@example.com", "tag:db", 5432, MAC_OK, "deny"],
    ];
    for (const [src, dst, port, attrs, expected] of reach) {
        const device = attrs === undefined ? "no attributes" : JSON.stringify(attrs);
        it(`${src} -> ${dst}:${port} with ${device} is ${expected}`, () => {
            const options = attrs === undefined ? undefined : { postureAttrs: attrs as Record<string, string | number | boolean> };
            assert.equal(verdict(evaluator.canReach(src, dst, port, "tcp", options)), expected);
        });
    }

    const ssh: Array<[Record<string, unknown> | undefined, string, string]> = [
        // ssh rules take defaultSrcPosture when they have no srcPosture of their own
        [MAC_OK, "root", "accept ssh[0]"],
        [MAC_OLD, "root", "deny"],
        [undefined, "root", "deny"],
        // and their own srcPosture otherwise; Windows fails the baseline (no auto-update) but passes ssh[1]
        [WINDOWS, "root", "check ssh[1]"],
        [{ ...WINDOWS, "node:tsAutoUpdate": true }, "root", "accept ssh[0]"],
    ];
    for (const [attrs, user, expected] of ssh) {
        const device = attrs === undefined ? "no attributes" : JSON.stringify(attrs);
        it(`SSH alice@example.com -> tag:db as ${user} with ${device} is ${expected}`, () => {
            const options = attrs === undefined ? undefined : { postureAttrs: attrs as Record<string, string | number | boolean> };
            assert.equal(sshVerdict(evaluator.sshAction("alice@example.com", "tag:db", user, options)), expected);
        });
    }

    it("lists the rules gated by a posture", () => {
        assert.deepEqual([...evaluator.postureGatedRules].sort(), ["acls[0]", "grants[0]", "grants[1]", "grants[3]", "ssh[0]", "ssh[1]"]);
    });

    it("gates nothing without defaultSrcPosture or srcPosture, and a malformed gate admits nobody", () => {
        const open = evaluatorOf({ grants: [{ src: ["*"], dst: ["*"], ip: ["*"] }] });
        assert.equal(verdict(open.canReach("alice@example.com", "tag:x", 1)), "allow grants[0]");
        assert.deepEqual(open.postureGatedRules, []);
        const malformed = evaluatorOf({
            postures: { "posture:p": [] },
            defaultSrcPosture: "posture:p",
            grants: [
                { src: ["*"], dst: ["tag:a"], ip: ["*"] },
                { src: ["*"], dst: ["tag:b"], ip: ["*"], srcPosture: null },
                { src: ["*"], dst: ["tag:c"], ip: ["*"], srcPosture: ["posture:p"] },
            ],
        });
        assert.equal(verdict(malformed.canReach("alice@example.com", "tag:a", 1, "tcp", { postureAttrs: MAC_OK })), "deny");
        assert.equal(verdict(malformed.canReach("alice@example.com", "tag:b", 1, "tcp", { postureAttrs: MAC_OK })), "deny");
        // an empty posture holds for every source, even one without attributes
        assert.equal(verdict(malformed.canReach("alice@example.com", "tag:c", 1)), "allow grants[2]");
    });

    it("refuses posture attributes of the wrong shape with EvaluationArgumentError naming the field", () => {
        const bad: Array<[unknown, RegExp]> = [
            [{ postureAttrs: "node:os" }, /^invalid postureAttrs "node:os": give an object of attributes/],
            [{ postureAttrs: { os: "macos" } }, /^invalid postureAttrs\["os"\] "os": name an attribute as namespace:name/],
            [{ postureAttrs: { "node:os": null } }, /^invalid postureAttrs\["node:os"\] null: give a string, a number or a boolean/],
            ["macos", /^invalid options "macos": give an object/],
        ];
        for (const [options, message] of bad) {
            assert.throws(
                () => evaluator.canReach("alice@example.com", "tag:db", 5432, "tcp", options as never),
                (error: unknown) => error instanceof EvaluationArgumentError && message.test(error.message),
            );
            assert.throws(
                () => evaluator.sshAction("alice@example.com", "tag:db", "root", options as never),
                (error: unknown) => error instanceof EvaluationArgumentError && message.test(error.message),
            );
        }
    });

    it("builds the access matrix for the given posture attributes (none by default)", () => {
        const cellOf = (options?: { postureAttrs: Record<string, string | number | boolean> }) => {
            const matrix = accessMatrix(evaluator, options);
            const row = matrix.sources.findIndex((s) => s.name === "alice@example.com");
            const column = matrix.destinations.findIndex((d) => d.name === "tag:db");
            return formatCell(matrix.cells[row][column]);
        };
        assert.equal(cellOf(), "-");
        assert.equal(cellOf({ postureAttrs: MAC_OK }), "tcp:5432; ssh root:accept");
        assert.equal(cellOf({ postureAttrs: WINDOWS }), "ssh root:check");
        assert.throws(() => accessMatrix(evaluator, { postureAttrs: { os: "x" } }), EvaluationArgumentError);
    });

    it("refuses a proto that is not a string with EvaluationArgumentError naming proto", () => {
        for (const proto of [[], null, 6, {}]) {
            assert.throws(
                () => evaluator.canReach("alice@example.com", "tag:db", 5432, proto as never),
                (error: unknown) => error instanceof EvaluationArgumentError && /^invalid proto /.test(error.message),
            );
        }
    });
});

describe("acl/evaluate runPolicyTests with srcPostureAttrs", () => {
    const text = lines(
        "{",
        '  "postures": {"posture:baseline": ["node:tsVersion >= \'1.80\'", "node:tsAutoUpdate"]},',
        '  "defaultSrcPosture": ["posture:baseline"],',
        '  "grants": [',
        '    {"src": ["alice@example.com"], "dst": ["tag:db"], "ip": ["tcp:5432"]},',
        "  ],",
        '  "ssh": [',
        '    {"action": "accept", "src": ["alice@example.com"], "dst": ["tag:db"], "users": ["root"]},',
        "  ],",
        '  "tests": [',
        '    {"src": "alice@example.com", "srcPostureAttrs": {"node:tsVersion": "1.82.0", "node:tsAutoUpdate": true}, "accept": ["tag:db:5432"]},',
        '    {"src": "alice@example.com", "srcPostureAttrs": {"node:tsVersion": "1.79.9", "node:tsAutoUpdate": true}, "deny": ["tag:db:5432"]},',
        '    {"src": "alice@example.com", "srcPostureAttrs": {"node:tsVersion": "1.79.9", "node:tsAutoUpdate": true}, "accept": ["tag:db:5432"]},',
        '    {"src": "alice@example.com", "accept": ["tag:db:5432"]},',
        '    {"src": "alice@example.com", "srcPostureAttrs": "new", "accept": ["tag:db:5432"]},',
        "  ],",
        '  "sshTests": [',
        '    {"src": "alice@example.com", "dst": ["tag:db"], "srcPostureAttrs": {"node:tsVersion": "1.90", "node:tsAutoUpdate": true}, "accept": ["root"]},',
        '    {"src": "alice@example.com", "dst": ["tag:db"], "accept": ["root"]},',
        "  ],",
        "}",
    );

    it("evaluates each test with its own attributes, and reports failures exactly", () => {
        const report = runPolicyTests(parsePolicy(text, FILE));
        const hint = `grants[0] at ${FILE}:5:5 would allow it but requires posture:baseline, which the source's posture attributes`;
        const expected: TestFailure[] = [
            {
                kind: "test",
                src: "alice@example.com",
                destination: "tag:db:5432",
                expected: "accept",
                actual: "deny",
                decidedBy: "no rule matched",
                location: { file: FILE, line: 13, column: 121 },
                message:
                    "tests[2]: alice@example.com -> tag:db:5432 over tcp should be accepted but is denied: no rule matched: " +
                    `${hint} {"node:tsVersion":"1.79.9","node:tsAutoUpdate":true} do not satisfy.`,
            },
            {
                kind: "test",
                src: "alice@example.com",
                destination: "tag:db:5432",
                expected: "accept",
                actual: "deny",
                decidedBy: "no rule matched",
                location: { file: FILE, line: 14, column: 45 },
                message:
                    "tests[3]: alice@example.com -> tag:db:5432 over tcp should be accepted but is denied: no rule matched: " +
                    `${hint} (none given; add srcPostureAttrs to the test) do not satisfy.`,
            },
            {
                kind: "sshTest",
                src: "alice@example.com",
                destination: "tag:db as root",
                expected: "accept",
                actual: "deny",
                decidedBy: "no rule matched",
                location: { file: FILE, line: 19, column: 64 },
                message:
                    "sshTests[1]: SSH from alice@example.com to tag:db as root should be accepted but is denied: no rule matched: " +
                    `ssh[0] at ${FILE}:8:5 would allow it but requires posture:baseline, which the source's posture attributes ` +
                    "(none given; add srcPostureAttrs to the test) do not satisfy.",
            },
        ];
        assert.deepEqual(report.failed, expected);
        // tests[0], tests[1] and sshTests[0] hold; tests[4] has unreadable attributes and is skipped
        assert.equal(report.passed, 3);
        assert.equal(report.skipped, 1);
    });

    it("passes the project's baseline shape once the tests give the attributes of a compliant device", () => {
        const report = runPolicyTests(
            parsedOf({
                postures: { "posture:tailnetGuardBaseline": ["node:tsVersion >= '1.80'", "node:tsAutoUpdate", "node:tsReleaseTrack == 'stable'"] },
                defaultSrcPosture: ["posture:tailnetGuardBaseline"],
                groups: { "group:admins": ["admin@example.com"] },
                grants: [{ src: ["group:admins"], dst: ["tag:server"], ip: ["tcp:22", "tcp:443"] }],
                ssh: [{ action: "check", src: ["group:admins"], dst: ["tag:server"], users: ["root"] }],
                tests: [
                    {
                        src: "admin@example.com",
                        srcPostureAttrs: { "node:tsVersion": "1.82.0", "node:tsAutoUpdate": true, "node:tsReleaseTrack": "stable" },
                        accept: ["tag:server:22", "tag:server:443"],
                        deny: ["tag:server:80"],
                    },
                    {
                        src: "admin@example.com",
                        srcPostureAttrs: { "node:tsVersion": "1.82.0", "node:tsAutoUpdate": false, "node:tsReleaseTrack": "stable" },
                        deny: ["tag:server:22"],
                    },
                ],
                sshTests: [
                    {
                        src: "admin@example.com",
                        dst: ["tag:server"],
                        srcPostureAttrs: { "node:tsVersion": "1.82.0", "node:tsAutoUpdate": true, "node:tsReleaseTrack": "stable" },
                        check: ["root"],
                    },
                ],
            }),
        );
        assert.deepEqual(report, { passed: 5, failed: [], skipped: 0 });
    });
});
