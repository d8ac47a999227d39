import assert from "node:assert/strict";
import fc from "fast-check";
import { analyzePolicy, LINT_CATALOG, parsePolicy, renderPolicy, type PolicyDocument } from "../../acl";
import { formatJsonPath, MAX_RENDER_DEPTH, PolicyRenderError } from "../../acl/render";

const hardened: PolicyDocument = {
    acls: [{ action: "accept", src: ["group:eng"], dst: ["tag:db:5432"], proto: undefined }],
    groups: { "group:eng": ["alice@example.com", "bob@example.com"] },
    ssh: [{ action: "check", src: ["group:eng"], dst: ["tag:db"], users: ["root"], checkPeriod: "12h" }],
    tagOwners: { "tag:db": ["group:eng"] },
    hosts: { zeta: "100.64.0.9", alpha: "100.64.0.5" },
    grants: [{ src: ["group:eng"], dst: ["tag:db"], ip: ["tcp:5432"] }],
    autoApprovers: { exitNode: ["tag:db"] },
    tests: [{ src: "alice@example.com", accept: ["tag:db:5432"], deny: ["tag:db:22"] }],
    randomizeClientPort: true,
};

describe("acl/renderPolicy", () => {
    it("renders the exact documented layout", () => {
        const doc: PolicyDocument = {
            acls: [{ action: "accept", src: ["group:eng"], dst: ["tag:db:5432"] }],
            groups: { "group:eng": ["alice@example.com"] },
        };
        assert.equal(
            renderPolicy(doc, { header: ["Managed by tailnet-guard."] }),
            [
                "// Managed by tailnet-guard.",
                "{",
                '  "groups": {',
                '    "group:eng": [',
                '      "alice@example.com"',
                "    ]",
                "  },",
                '  "acls": [',
                "    {",
                '      "action": "accept",',
                '      "src": [',
                '        "group:eng"',
                "      ],",
                '      "dst": [',
                '        "tag:db:5432"',
                "      ]",
                "    }",
                "  ]",
                "}",
                "",
            ].join("\n"),
        );
    });

    it("orders top-level sections, then unknown keys in insertion order, keeping inner order", () => {
        const doc = { zExtra: 1, ...hardened, aExtra: 2 } as PolicyDocument;
        const value = parsePolicy(renderPolicy(doc)).value as Record<string, unknown>;
        assert.deepEqual(Object.keys(value), [
            "groups",
            "tagOwners",
            "hosts",
            "grants",
            "acls",
            "ssh",
            "autoApprovers",
            "tests",
            "zExtra",
            "randomizeClientPort",
            "aExtra",
        ]);
        assert.deepEqual(Object.keys(value.hosts as object), ["zeta", "alpha"]);
    });

    it("is deterministic regardless of top-level insertion order", () => {
        const reversed = Object.fromEntries(Object.entries(hardened).reverse()) as PolicyDocument;
        assert.equal(renderPolicy(hardened), renderPolicy(hardened));
        assert.equal(renderPolicy(reversed), renderPolicy(hardened));
    });

    it("round-trips through parsePolicy and omits undefined fields", () => {
        const text = renderPolicy(hardened, { header: ["generated"] });
        const parsed = parsePolicy(text);
        assert.deepEqual(parsed.errors, []);
        assert.deepEqual(parsed.value, JSON.parse(JSON.stringify(hardened)));
        assert.ok(!text.includes("proto"));
        assert.ok(text.endsWith("}\n"));
    });

    it("renders header lines as // comments, splitting embedded line breaks", () => {
        const text = renderPolicy({}, { header: ["Tailnet policy", "", "line one\nline two"] });
        assert.equal(text, "// Tailnet policy\n//\n// line one\n// line two\n{}\n");
        assert.deepEqual(parsePolicy(text).value, {});
        assert.equal(renderPolicy({}), "{}\n");
    });

    it("produces a hardened policy the analyser has nothing mandatory to say about", () => {
        const advisory = (check: string) => (LINT_CATALOG as Record<string, { defaultLevel: string }>)[check]?.defaultLevel === "advisory";
        assert.deepEqual(analyzePolicy(renderPolicy(hardened)).filter((f) => !advisory(f.check)), []);
    });

    describe("a document JSON cannot represent", () => {
        /** Asserts renderPolicy throws a PolicyRenderError at `path` whose message has every fragment. */
        function refused(doc: unknown, path: (string | number)[], ...mentions: string[]): void {
            let error: unknown;
            try {
                renderPolicy(doc as PolicyDocument);
            } catch (e) {
                error = e;
            }
            assert.ok(error instanceof PolicyRenderError, `expected a PolicyRenderError, got ${String(error)}`);
            assert.deepEqual(error.path, path);
            for (const mention of mentions) assert.ok(error.message.includes(mention), `${JSON.stringify(error.message)} lacks ${mention}`);
        }

        it("refuses a BigInt, naming its path", () => {
            refused({ groups: { "group:eng": ["a@example.com", 7n] } }, ["groups", "group:eng", 1], 'policy.groups["group:eng"][1]', "BigInt (7n)");
            refused({ disableIPv4: 5n }, ["disableIPv4"], "policy.disableIPv4 is a BigInt");
        });

        it("refuses a cycle, naming where the object refers back", () => {
            const grant: Record<string, unknown> = { src: ["*"], dst: ["*"], ip: ["*"] };
            grant.via = [grant];
            refused({ grants: [grant] }, ["grants", 0, "via", 0], "policy.grants[0].via[0]", "cycle");
            const doc: Record<string, unknown> = {};
            doc.self = doc;
            refused(doc, ["self"], "policy.self", "cycle");
        });

        it("renders the same object used in two places (shared, not a cycle)", () => {
            const owners = ["group:eng"];
            const doc: PolicyDocument = { tagOwners: { "tag:a": owners, "tag:b": owners } };
            assert.equal(renderPolicy(doc), `${JSON.stringify(doc, null, 2)}\n`);
        });

        it(`refuses nesting deeper than ${MAX_RENDER_DEPTH} levels without overflowing the stack, and renders up to it`, () => {
            const nest = (levels: number) => {
                let deep: unknown = [];
                for (let i = 1; i < levels; i++) deep = [deep];
                return deep;
            };
            // The document is level 1, its "acls" value level 2.
            assert.doesNotThrow(() => renderPolicy({ acls: nest(MAX_RENDER_DEPTH - 1) } as PolicyDocument));
            refused({ acls: nest(MAX_RENDER_DEPTH) }, ["acls", ...new Array<number>(MAX_RENDER_DEPTH - 1).fill(0)], "nested more than", `(${MAX_RENDER_DEPTH} levels)`);
            refused({ acls: nest(10_000) }, ["acls", ...new Array<number>(MAX_RENDER_DEPTH - 1).fill(0)], "nested more than");
        });

        it("refuses a toJSON that throws, with the error's text", () => {
            refused({ hosts: { toJSON: () => { throw new Error("boom"); } } }, ["hosts"], "policy.hosts cannot be written as JSON (boom)");
        });

        it("renders toJSON results as JSON.stringify does (a Date as its ISO text)", () => {
            const when = new Date(Date.UTC(2026, 0, 2));
            assert.equal(renderPolicy({ note: when } as unknown as PolicyDocument), '{\n  "note": "2026-01-02T00:00:00.000Z"\n}\n');
        });
    });

    it("for any JSON document, renders text that parses back to the same value; for any value, throws only PolicyRenderError", () => {
        fc.assert(
            fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (doc) => {
                assert.deepEqual(JSON.parse(renderPolicy(doc as PolicyDocument)), JSON.parse(JSON.stringify(doc)));
            }),
            { seed: 20261125, numRuns: 200 },
        );
        fc.assert(
            fc.property(fc.object({ withBigInt: true, withNullPrototype: true, withTypedArray: true, withMap: true, withSet: true }), (doc) => {
                try {
                    renderPolicy(doc as PolicyDocument);
                } catch (error) {
                    assert.ok(error instanceof PolicyRenderError, String(error));
                }
            }),
            { seed: 20261125, numRuns: 200 },
        );
    });

    it("formats JSON paths as accessors, shortening long ones", () => {
        assert.equal(formatJsonPath([]), "policy");
        assert.equal(formatJsonPath(["acls", 0, "src"]), "policy.acls[0].src");
        assert.equal(formatJsonPath(["groups", "group:eng"]), 'policy.groups["group:eng"]');
        assert.equal(formatJsonPath(["a", 0, 1, 2, 3, 4, 5, 6, 7, 8]), "policy.a[0][1][2][3][4][5][6]… (10 levels)");
    });
});
