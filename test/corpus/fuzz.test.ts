/**
 * Bounded, seeded fuzzing of every policy-file entry point: random text, random JSON, and random
 * policy-shaped documents whose selectors, ports and protocols are drawn from valid, hostile and
 * random strings. Properties: nothing throws (except the typed EvaluationArgumentError of the query
 * API), every finding is well formed, and good inputs built by the generators are accepted.
 * Each property stops after 3 s (fast-check interruptAfterTimeLimit) and uses a fixed seed, so a run
 * is deterministic up to where it is cut off.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { analyzePolicy, CONTEXT_NAMES, grantIpProblem, parsePolicy, portsProblem, selectorProblem, type SelectorContext } from "../../acl";
import { accessMatrix, createEvaluator, EvaluationArgumentError, runPolicyTests } from "../../acl/evaluate";
import { assertWellFormed } from "./findingShape";

const SEED = 20261125;
const BOUND = { seed: SEED, numRuns: 400, interruptAfterTimeLimit: 3_000 } as const;

/** Parse, analyse, evaluate the policy's own tests and build the access matrix: none may throw. */
function exercise(text: string): void {
    const file = "fuzz.hujson";
    const findings = analyzePolicy(text, file);
    assertWellFormed(findings, file, text);
    const parsed = parsePolicy(text, file);
    assert.equal(parsed.errors.length === 0, parsed.value !== undefined);
    const evaluator = createEvaluator(parsed);
    const report = runPolicyTests(parsed, evaluator);
    assert.ok(Number.isInteger(report.passed) && Number.isInteger(report.skipped));
    for (const failure of report.failed) {
        assert.equal(typeof failure.message, "string");
        if (failure.location !== undefined) assert.ok(failure.location.line >= 1 && failure.location.column >= 1);
    }
    accessMatrix(evaluator);
}

const GOOD_SELECTORS = [
    "*", "alice@example.com", "bob@github", "group:eng", "group:ops", "tag:web", "tag:db", "autogroup:member",
    "autogroup:self", "autogroup:tagged", "autogroup:internet", "autogroup:nonroot", "100.64.0.1", "10.0.0.0/8",
    "fd7a:115c:a1e0::1", "db", "ipset:office", "svc:wiki", "posture:recent", "user:*@example.com", "root",
];
const HOSTILE_SELECTORS = [
    "", " ", "tag:", "tag:*", "tag:my server", "group:*", "*@*", "autogroup:", "autogroup:*", "10.0.0.0/-1",
    "10.0.0.0/33", "fd00::/129", "300.1.1.1", "::", "[", "]", ":", "tag:s\u0435rver", "tag:a\uD800", "\u0000", "*:*",
    "group:eng:", "tag:web:22", "@", "a@", "@b", "localpart:*@", "ipset:", "svc:", "posture:", "host:db",
];
const PORTS = ["*", "22", "443", "1-65535", "70000", "-1", "90-80", "0", "", "22,,80", "1-2-3", "0x16", "22,443", "65535", "65536"];
const PROTOCOLS = ["tcp", "udp", "icmp", "sctp", "ipv6-icmp", "6", "17", "255", "256", "-1", "tcpx", "", "TCP"];

const selector = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...GOOD_SELECTORS) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SELECTORS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("tag:", "group:", "autogroup:", "ipset:", "posture:", "svc:", "user:"), fc.string({ maxLength: 8 })).map(([p, n]) => p + n) },
);
const ports = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PORTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
const destination = fc.oneof(
    fc.tuple(selector, ports).map(([s, p]) => `${s}:${p}`),
    fc.tuple(fc.constantFrom("fd7a::1", "::1", "zz::1"), ports).map(([a, p]) => `[${a}]:${p}`),
    selector,
);
const protocol = fc.oneof(fc.constantFrom(...PROTOCOLS), fc.integer({ min: -5, max: 300 }).map(String));
/** Occasionally any JSON value, so every field also meets the wrong type. */
const or = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 9, arbitrary }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
const list = <T>(arbitrary: fc.Arbitrary<T>) => or(fc.array(or(arbitrary), { maxLength: 4 }));

const policyDocument = fc.record(
    {
        groups: or(fc.dictionary(selector, list(selector), { maxKeys: 3 })),
        tagOwners: or(fc.dictionary(selector, list(selector), { maxKeys: 3 })),
        hosts: or(fc.dictionary(fc.string({ maxLength: 6 }), or(selector), { maxKeys: 2 })),
        ipsets: or(fc.dictionary(selector, list(selector), { maxKeys: 2 })),
        postures: or(fc.dictionary(selector, list(fc.string({ maxLength: 20 })), { maxKeys: 2 })),
        acls: list(fc.record({ action: or(fc.constantFrom("accept", "check", "deny")), src: list(selector), dst: list(destination), proto: or(protocol) }, { requiredKeys: [] })),
        grants: list(
            fc.record(
                {
                    src: list(selector),
                    dst: list(selector),
                    ip: list(fc.oneof(ports, fc.tuple(protocol, ports).map(([p, q]) => `${p}:${q}`))),
                    via: list(selector),
                    srcPosture: list(selector),
                },
                { requiredKeys: [] },
            ),
        ),
        ssh: list(
            fc.record(
                { action: or(fc.constantFrom("accept", "check")), src: list(selector), dst: list(selector), users: list(selector), checkPeriod: or(fc.constantFrom("12h", "always", "0m", "200h", "1m", "x")) },
                { requiredKeys: [] },
            ),
        ),
        autoApprovers: or(fc.record({ routes: or(fc.dictionary(selector, list(selector), { maxKeys: 2 })), exitNode: list(selector) }, { requiredKeys: [] })),
        tests: list(fc.record({ src: or(selector), proto: or(protocol), accept: list(destination), deny: list(destination) }, { requiredKeys: [] })),
        sshTests: list(fc.record({ src: or(selector), dst: list(selector), accept: list(selector), check: list(selector), deny: list(selector) }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
);

describe("bad-input fuzz (seeded, bounded)", function () {
    // Each property stops itself after 3 s; this only bounds a hang.
    this.timeout(30_000);

    it("random strings never make parse, analysis or evaluation throw", () => {
        fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 })), exercise), BOUND);
    });

    it("random JSON values (as the whole file, and pretty-printed) never make anything throw", () => {
        fc.assert(
            fc.property(fc.jsonValue({ maxDepth: 5 }), fc.boolean(), (value, pretty) => exercise(JSON.stringify(value, null, pretty ? 2 : undefined) ?? "")),
            BOUND,
        );
    });

    it("random policy-shaped documents with hostile selectors, ports and protocols are diagnosed, never thrown on", () => {
        fc.assert(fc.property(policyDocument, fc.constantFrom("\n", "\r\n"), (doc, eol) => exercise(JSON.stringify(doc, null, 2).replace(/\n/g, eol))), BOUND);
    });

    it("the query API throws only EvaluationArgumentError on random arguments", () => {
        const parsed = parsePolicy(
            '{"groups": {"group:eng": ["alice@example.com"]}, "tagOwners": {"tag:web": ["group:eng"]},' +
                '"grants": [{"src": ["group:eng"], "dst": ["tag:web"], "ip": ["tcp:443"]}],' +
                '"ssh": [{"action": "check", "src": ["group:eng"], "dst": ["tag:web"], "users": ["root"]}]}',
        );
        const evaluator = createEvaluator(parsed);
        const anything = fc.oneof(selector, fc.anything());
        const portArg = fc.oneof(fc.integer({ min: -10, max: 70_000 }), fc.double(), fc.constantFrom(Number.NaN, Infinity, -0), fc.anything());
        fc.assert(
            fc.property(anything, anything, portArg, fc.oneof(protocol, fc.anything()), anything, (src, dst, port, proto, user) => {
                for (const query of [
                    () => evaluator.canReach(src as string, dst as string, port as number, proto as string),
                    () => evaluator.sshAction(src as string, dst as string, user as string),
                ]) {
                    try {
                        const result = query();
                        assert.ok(typeof result === "object" && result !== null);
                    } catch (error) {
                        assert.ok(error instanceof EvaluationArgumentError, `threw ${String(error)}`);
                        assert.match(error.message, /^invalid \S/);
                    }
                }
            }),
            BOUND,
        );
    });

    it("canReach refuses a non-string proto with EvaluationArgumentError naming proto", () => {
        const evaluator = createEvaluator(parsePolicy('{"grants": [{"src": ["*"], "dst": ["*"], "ip": ["*"]}]}'));
        for (const proto of [[], null, 6, {}]) {
            assert.throws(
                () => evaluator.canReach("alice@example.com", "100.64.0.1", 443, proto as never),
                (error: unknown) => error instanceof EvaluationArgumentError && /^invalid proto /.test(error.message),
            );
        }
    });

    it("evaluator options of the wrong shape throw EvaluationArgumentError naming the field", () => {
        const parsed = parsePolicy('{"grants": []}');
        fc.assert(
            fc.property(fc.anything(), (roles) => {
                try {
                    createEvaluator(parsed, { roles: roles as never });
                } catch (error) {
                    assert.ok(error instanceof EvaluationArgumentError, `threw ${String(error)}`);
                    assert.match(error.message, /roles/);
                }
            }),
            BOUND,
        );
    });

    describe("selectors, ports and protocols through the validation", () => {
        const contexts = Object.keys(CONTEXT_NAMES) as SelectorContext[];

        it("selectorProblem answers undefined or a sentence for any string in any position", () => {
            fc.assert(
                fc.property(fc.oneof(selector, fc.string({ unit: "binary", maxLength: 40 })), fc.constantFrom(...contexts), (text, context) => {
                    const problem = selectorProblem(text, context);
                    assert.ok(problem === undefined || (typeof problem === "string" && problem.length > 0));
                }),
                BOUND,
            );
        });

        const tagName = fc.tuple(fc.stringMatching(/^[A-Za-z]$/), fc.stringMatching(/^[A-Za-z0-9-]{0,20}$/)).map(([a, b]) => a + b);

        it("a well-formed tag is accepted as a source; one character outside the tag alphabet is refused", () => {
            fc.assert(
                fc.property(tagName, fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[A-Za-z0-9-]/.test(c)), fc.nat(), (name, bad, at) => {
                    assert.equal(selectorProblem(`tag:${name}`, "src"), undefined);
                    const position = 1 + (at % name.length);
                    const broken = `tag:${name.slice(0, position)}${bad}${name.slice(position)}`;
                    assert.ok(selectorProblem(broken, "src") !== undefined, `accepted ${JSON.stringify(broken)}`);
                }),
                BOUND,
            );
        });

        const portRange = fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 })).map(([a, b]) => (a === b ? String(a) : `${Math.min(a, b)}-${Math.max(a, b)}`));

        it("valid port lists are accepted, in acls and in grant ip entries", () => {
            fc.assert(
                fc.property(fc.array(portRange, { minLength: 1, maxLength: 5 }), fc.constantFrom("tcp", "udp", "sctp", "6"), (items, proto) => {
                    const list = items.join(",");
                    assert.equal(portsProblem(list), undefined, list);
                    assert.equal(grantIpProblem(`${proto}:${list}`), undefined, list);
                }),
                BOUND,
            );
        });

        it("a port above 65535, a reversed range or port 0 anywhere in a list is refused, naming the item", () => {
            const bad = fc.oneof(
                fc.integer({ min: 65536, max: 10_000_000 }).map(String),
                fc.tuple(fc.integer({ min: 2, max: 65535 }), fc.integer({ min: 1, max: 65534 })).filter(([a, b]) => a > b).map(([a, b]) => `${a}-${b}`),
                fc.constant("0"),
            );
            fc.assert(
                fc.property(fc.array(portRange, { maxLength: 3 }), bad, fc.array(portRange, { maxLength: 3 }), (before, item, after) => {
                    const problem = portsProblem([...before, item, ...after].join(","));
                    assert.ok(problem !== undefined, `accepted ${item}`);
                    assert.ok(problem.includes(item.split("-")[0]), `${problem} does not name ${item}`);
                }),
                BOUND,
            );
        });

        it("any string as ports or as a grant ip entry gets undefined or a sentence, never a throw", () => {
            fc.assert(
                fc.property(fc.oneof(ports, fc.string({ unit: "binary", maxLength: 30 })), (text) => {
                    for (const answer of [portsProblem(text), grantIpProblem(text), grantIpProblem(`tcp:${text}`)]) {
                        assert.ok(answer === undefined || answer.length > 0);
                    }
                }),
                BOUND,
            );
        });
    });
});
