/**
 * Property: on any input the analyser returns findings (never throws), each with a known check id,
 * a message and a location. Inputs mix random strings with policy-shaped values whose entries use
 * the documented keys holding arbitrary JSON, so every validator and lint runs on odd shapes.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { analyzePolicy, ENTRY_KEYS, LINT_CATALOG, POLICY_TEST_IDS, POLICY_VALIDATION_IDS, TOP_LEVEL_SECTIONS } from "../../../acl";

const KNOWN_IDS: ReadonlySet<string> = new Set([...POLICY_VALIDATION_IDS, ...Object.keys(LINT_CATALOG), ...POLICY_TEST_IDS]);

const SELECTORS = ["*", "*:*", "group:eng", "tag:db", "tag:db:22", "autogroup:member", "autogroup:internet", "autogroup:nonroot",
    "autogroup:danger-all", "alice@example.com", "100.64.0.1", "10.0.0.0/8", "[fd7a::1]:22", "ipset:x", "posture:y", "svc:z",
    "root", "12h", "always", "tcp:443", "icmp:8", "funnel", "accept", "check", "nas", "nas:80", "", "::", "1-2", "group:"];

/** A JSON-ish value biased towards policy vocabulary. */
const value: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SELECTORS) },
    { weight: 3, arbitrary: fc.array(fc.constantFrom(...SELECTORS), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

const entry = (keys: readonly string[]) => fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 4 })), value, { maxKeys: 6 });

const section: fc.Arbitrary<[string, unknown]> = fc.constantFrom(...Object.keys(TOP_LEVEL_SECTIONS)).chain((name) => {
    const keys = ENTRY_KEYS[name];
    const body: fc.Arbitrary<unknown> =
        keys !== undefined && name !== "autoApprovers"
            ? fc.array(fc.oneof({ weight: 4, arbitrary: entry(keys) }, { weight: 1, arbitrary: value }), { maxLength: 4 })
            : fc.oneof(fc.dictionary(fc.constantFrom(...SELECTORS, "routes", "exitNode", "services", "10.0.0.0/8"), value, { maxKeys: 4 }), value);
    return body.map((b): [string, unknown] => [name, b]);
});

const policy = fc.array(section, { maxLength: 6 }).map((sections) => Object.fromEntries(sections));

function assertWellFormed(text: string, options?: { maxCheckPeriodHours?: number }): void {
    for (const finding of analyzePolicy(text, "p.hujson", options)) {
        assert.ok(KNOWN_IDS.has(finding.check), finding.check);
        assert.ok(finding.message.length > 0, `${finding.check} with an empty message`);
        assert.ok(finding.location !== undefined && finding.location.line >= 1 && finding.location.column >= 1, `${finding.check} without a location`);
    }
}

describe("acl analyzePolicy never throws and always locates its findings (property)", () => {
    it("on random strings", () => {
        fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => assertWellFormed(text)), { numRuns: 200 });
    });

    it("on policy-shaped documents with arbitrary values under documented keys", () => {
        fc.assert(
            fc.property(policy, fc.option(fc.double({ min: 0.01, max: 200, noNaN: true }), { nil: undefined }), (doc, hours) => {
                assertWellFormed(JSON.stringify(doc, null, 1), hours === undefined ? undefined : { maxCheckPeriodHours: hours });
            }),
            { numRuns: 200 },
        );
    });
});
