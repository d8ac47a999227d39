import assert from "node:assert/strict";
import { analyzePolicy, LINT_CATALOG, parsePolicy, renderPolicy, type PolicyDocument } from "../../acl";

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
});
