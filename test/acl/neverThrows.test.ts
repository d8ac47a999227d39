import assert from "node:assert/strict";
import fc from "fast-check";
import { analyzePolicy, LINT_CATALOG, parsePolicy, POLICY_TEST_IDS, POLICY_VALIDATION_IDS, renderPolicy, type PolicyDocument } from "../../acl";

const CHECK_IDS: ReadonlySet<string> = new Set<string>([...POLICY_VALIDATION_IDS, ...Object.keys(LINT_CATALOG), ...POLICY_TEST_IDS]);

/** Fragments that make random text look like a policy, so the checks (not just the parser) run. */
const FRAGMENTS = [
    "{", "}", "[", "]", ",", ":", " ", "\n", "\r", "//", "/*", "*/", '"', "\\",
    '"acls"', '"grants"', '"ssh"', '"groups"', '"tagOwners"', '"hosts"', '"autoApprovers"', '"tests"',
    '"src"', '"dst"', '"users"', '"ip"', '"action"', '"accept"', '"check"', '"root"',
    '"*"', '"*:*"', '"group:eng"', '"tag:db:22"', '"[fd7a::1]:22"', '"db"', "null", "1", "true",
];

const SECTIONS = ["groups", "tagOwners", "hosts", "acls", "grants", "ssh", "autoApprovers", "tests", "sshTests"];

function assertWellFormed(text: string): void {
    const parsed = parsePolicy(text);
    assert.equal(parsed.errors.length === 0, parsed.value !== undefined);
    for (const finding of analyzePolicy(text)) {
        assert.ok(CHECK_IDS.has(finding.check), finding.check);
        assert.equal(typeof finding.message, "string");
        assert.ok(finding.location !== undefined, `${finding.check} without a location`);
    }
}

describe("acl never throws (property)", () => {
    const runs = { numRuns: 200 };

    it("on arbitrary strings", () => {
        fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" })), assertWellFormed), runs);
    });

    it("on arbitrary bytes decoded as latin1", () => {
        fc.assert(fc.property(fc.uint8Array(), (bytes) => assertWellFormed(Buffer.from(bytes).toString("latin1"))), runs);
    });

    it("on policy-shaped token soup", () => {
        fc.assert(fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }), (parts) => assertWellFormed(parts.join(""))), runs);
    });

    it("on objects whose sections hold arbitrary JSON, which also round-trip through renderPolicy", () => {
        const doc = fc.dictionary(fc.constantFrom(...SECTIONS), fc.jsonValue({ maxDepth: 4 }));
        fc.assert(
            fc.property(doc, (value) => {
                const text = renderPolicy(value as PolicyDocument);
                assertWellFormed(text);
                assert.deepEqual(parsePolicy(text).value, JSON.parse(JSON.stringify(value)));
            }),
            runs,
        );
    });
});
