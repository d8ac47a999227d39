import assert from "node:assert/strict";
import { analyzePolicy, formatLocation, parsePolicy } from "../../acl";
import { lines } from "./helpers";

describe("acl/parsePolicy", () => {
    it("formats a location as file:line:col", () => {
        assert.equal(formatLocation({ file: "tailnet.hujson", line: 12, column: 7 }), "tailnet.hujson:12:7");
    });

    it("accepts comments and trailing commas", () => {
        const parsed = parsePolicy(
            lines(
                "{",
                "  // who is who",
                '  "groups": {',
                '    "group:eng": ["alice@example.com",], /* trailing comma above */',
                "  },",
                "}",
            ),
        );
        assert.deepEqual(parsed.errors, []);
        assert.deepEqual(parsed.value, { groups: { "group:eng": ["alice@example.com"] } });
    });

    it("reports a missing comma at the token after it (line 3, column 5)", () => {
        const parsed = parsePolicy(lines("{", '    "groups": {}', '    "acls": []', "}"), "p.hujson");
        assert.equal(parsed.value, undefined);
        assert.equal(parsed.errors.length, 1);
        const [error] = parsed.errors;
        assert.equal(error.check, "syntax");
        assert.deepEqual(error.location, { file: "p.hujson", line: 3, column: 5 });
        assert.match(error.message, /expected a comma/);
        assert.doesNotMatch(error.message, /p\.hujson|line 3/, "the position belongs in location, not the message");
    });

    it("counts CRLF line endings as one line break", () => {
        const [error] = parsePolicy('{\r\n  "a": 1\r\n  "b": 2\r\n}').errors;
        assert.deepEqual(error.location, { file: "<policy>", line: 3, column: 3 });
    });

    it("says a value is expected and where", () => {
        // Column 11 is the "}" standing where the value of "hosts" should be.
        const [error] = parsePolicy('{"hosts": }').errors;
        assert.match(error.message, /expected a value/);
        assert.equal(error.location?.line, 1);
        assert.equal(error.location?.column, 11);
    });

    it("reports an unclosed string at its opening quote", () => {
        const errors = parsePolicy(lines("{", '  "acls": "oops', "}")).errors;
        assert.ok(errors.length >= 1);
        assert.match(errors[0].message, /never closed/);
        assert.equal(errors[0].location?.line, 2);
        assert.equal(errors[0].location?.column, 11);
    });

    it("rejects a top level that is not an object", () => {
        for (const [text, kind] of [
            ["[]", "a list"],
            ['"acls"', "a string"],
            ["42", "a number"],
            ["null", "a null"],
        ]) {
            const parsed = parsePolicy(text);
            assert.equal(parsed.value, undefined, text);
            assert.equal(parsed.errors.length, 1, text);
            assert.equal(parsed.errors[0].check, "syntax");
            assert.match(parsed.errors[0].message, /must be a JSON object/);
            assert.ok(parsed.errors[0].message.includes(kind), `${text}: ${parsed.errors[0].message}`);
            assert.deepEqual(parsed.errors[0].location, { file: "<policy>", line: 1, column: 1 });
        }
    });

    it("reports empty and comment-only files as syntax errors", () => {
        for (const text of ["", "   \n", "// nothing here\n"]) {
            const findings = analyzePolicy(text);
            assert.equal(findings.length, 1, JSON.stringify(text));
            assert.equal(findings[0].check, "syntax");
            assert.match(findings[0].message, /empty/);
        }
    });

    it("returns syntax errors from analyzePolicy as findings", () => {
        const findings = analyzePolicy('{"acls": [ {"action": "accept"} {} ]}', "x.hujson");
        assert.deepEqual(
            findings.map((f) => [f.check, f.location && formatLocation(f.location)]),
            [["syntax", "x.hujson:1:33"]],
        );
    });

    it("reports absurd nesting instead of overflowing the stack", () => {
        const text = `{"acls": ${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
        const findings = analyzePolicy(text);
        assert.equal(findings.length, 1);
        assert.equal(findings[0].check, "syntax");
        assert.match(findings[0].message, /nested/);
    });

    describe("locate", () => {
        const text = lines(
            "{",
            '  "acls": [',
            "    {",
            '      "action": "accept",',
            '      "src": ["*"],',
            '      "dst": [',
            '        "tag:db:5432",',
            '        "host:22"',
            "      ]",
            "    }",
            "  ]",
            "}",
        );
        const parsed = parsePolicy(text, "p.hujson");

        it("finds array elements and property values", () => {
            assert.deepEqual(parsed.locate(["acls", 0, "dst", 1]), { file: "p.hujson", line: 8, column: 9 });
            assert.deepEqual(parsed.locate(["acls", 0]), { file: "p.hujson", line: 3, column: 5 });
            assert.deepEqual(parsed.locate(["acls", 0, "action"]), { file: "p.hujson", line: 4, column: 17 });
            assert.deepEqual(parsed.locate([]), { file: "p.hujson", line: 1, column: 1 });
        });

        it("returns undefined for paths that are not there", () => {
            assert.equal(parsed.locate(["ssh"]), undefined);
            assert.equal(parsed.locate(["acls", 3]), undefined);
            assert.equal(parsed.locate(["acls", "0"]), undefined);
            assert.equal(parsed.locate(["acls", 0, "dst", 1, "x"]), undefined);
            assert.equal(parsed.locate(["toString"]), undefined);
        });
    });

    it("keeps the last of duplicate keys, in the value and in locate", () => {
        const text = '{"hosts": {"db": "192.0.2.1"}, "hosts": {"db": "192.0.2.2"}}';
        const parsed = parsePolicy(text);
        assert.deepEqual(parsed.value, { hosts: { db: "192.0.2.2" } });
        assert.equal(parsed.locate(["hosts", "db"])?.column, text.indexOf('"192.0.2.2"') + 1);
    });

    it('keeps a "__proto__" key as data, as JSON.parse does', () => {
        const text = '{"hosts": {"__proto__": "192.0.2.1"}}';
        assert.deepEqual(parsePolicy(text).value, JSON.parse(text));
        assert.equal(Object.getPrototypeOf(parsePolicy(text).value), Object.prototype);
    });
});
