/**
 * parsePolicy reads well-formed HuJSON with JSON.parse and a lazy offset index; parsePolicyWithTree
 * is the jsonc-parser reference. These tests hold the two to the same value, errors and locations
 * on random HuJSON (comments, trailing commas, CRLF and lone CR, BOM, duplicate and "__proto__"
 * keys, escapes, deep nesting, random corruption), on every corpus file and on a generated policy.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { corrupted, policyObject } from "./hujsonArbitraries";
import { blankCommentsAndTrailingCommas, parsePolicy, parsePolicyWithTree } from "../../acl/parse";
import { generatePolicy } from "../../bench/acl/generatePolicy";

type JsonPath = Array<string | number>;

/** Every path into a value, and for each container a few paths that lead nowhere. */
function pathsOf(value: unknown): JsonPath[] {
    const out: JsonPath[] = [];
    const stack: Array<{ value: unknown; path: JsonPath }> = [{ value, path: [] }];
    while (stack.length > 0) {
        const { value: current, path: at } = stack.pop()!;
        out.push(at);
        if (Array.isArray(current)) {
            current.forEach((item, index) => stack.push({ value: item, path: [...at, index] }));
            out.push([...at, current.length], [...at, -1], [...at, "0"], [...at, 0.5]);
        } else if (typeof current === "object" && current !== null) {
            for (const key of Object.keys(current)) stack.push({ value: (current as Record<string, unknown>)[key], path: [...at, key] });
            out.push([...at, "toString"], [...at, "__proto__"], [...at, 0], [...at, "missing"]);
        } else {
            out.push([...at, 0], [...at, "x"]);
        }
    }
    return out;
}

function assertSameParse(text: string): void {
    const fast = parsePolicy(text, "p.hujson");
    const reference = parsePolicyWithTree(text, "p.hujson");
    assert.deepStrictEqual(fast.errors, reference.errors, "errors");
    assert.deepStrictEqual(fast.value, reference.value, "value");
    if (reference.value !== undefined) {
        assert.deepStrictEqual(Object.keys(fast.value as object), Object.keys(reference.value as object), "key order");
    }
    const shown = text.length > 300 ? `${JSON.stringify(text.slice(0, 300))}...` : JSON.stringify(text);
    for (const at of pathsOf(reference.value)) {
        const expected = reference.locate(at);
        const actual = fast.locate(at);
        if (actual?.line !== expected?.line || actual?.column !== expected?.column || actual?.file !== expected?.file) {
            assert.deepStrictEqual(actual, expected, `locate(${JSON.stringify(at)}) in ${shown}`);
        }
    }
}

describe("acl/parsePolicy fast path", () => {
    it("matches the jsonc-parser path on random well-formed HuJSON", () => {
        fc.assert(
            fc.property(policyObject, ({ text }) => assertSameParse(text)),
            { numRuns: 400, seed: 20261125 },
        );
    });

    it("matches the jsonc-parser path on random broken HuJSON", () => {
        fc.assert(
            fc.property(corrupted, ({ text }) => assertSameParse(text)),
            { numRuns: 400, seed: 11252026 },
        );
    });

    it("matches the jsonc-parser path on hand-picked edge cases", () => {
        const cases = [
            "{}",
            "\uFEFF{}",
            '{"a":1,}',
            '{"a":[1,],}',
            '{"a":[1, /* c */ ],// x\n}',
            '{"a":[,]}',
            '{,}',
            '{"a":1,,}',
            '{"a":[1,,]}',
            '{"a":1},',
            '{"a": 1 // unterminated line comment at the end',
            '{"a": 1 /* unclosed',
            '{"a": "unclosed}',
            '{"a": "line\nbreak"}',
            '{"a": "ctrl\u0001"}',
            '{"a":1,"b":2,"a":{"c":3}}',
            '{"a":{"x":1},"a":[2]}',
            '{"__proto__":{"polluted":true},"b":1}',
            '{"a\\u0062":1, "a\\"q":2}',
            '{"a":01}',
            '{"a":1.}',
            '{"a":-}',
            '{"a":tru}',
            '{"a":true/**/}',
            '{"a":tr/**/ue}',
            '{"a":1/**/2}',
            '{"a":1}\r\n// after\r\n',
            '{"a":\r[\r1\r,\r]\r}',
            '{"a":/*\r\n*/"b"}',
            '{"a":"\u2028"}// x\u2028,"b":2\n}',
            "[]",
            "[1,]",
            '"text"',
            "42",
            "null",
            "",
            "// only a comment",
            `{"deep":${"[".repeat(199)}${"]".repeat(199)}}`,
            `{"deep":${"[".repeat(200)}${"]".repeat(200)}}`,
            `{"deep":${"[".repeat(20000)}${"]".repeat(20000)}}`,
            `{"deep":${'{"a":'.repeat(300)}1${"}".repeat(300)}}`,
        ];
        for (const text of cases) assertSameParse(text);
    });

    it("matches the jsonc-parser path on every corpus policy and a generated policy", () => {
        const dir = path.join(__dirname, "..", "corpus", "policies");
        const files = fs.readdirSync(dir).filter((name) => name.endsWith(".hujson"));
        assert.ok(files.length > 10, "the corpus is where the tests expect it");
        for (const name of files) assertSameParse(fs.readFileSync(path.join(dir, name), "utf8"));
        assertSameParse(generatePolicy(60_000, 5).text);
    });

    it("blanks comments and trailing commas without moving any offset", () => {
        const text = '{\r\n  // who\r\n  "a": [1, /* one */ 2,], /* x */\n}';
        const blanked = blankCommentsAndTrailingCommas(text)!;
        assert.equal(blanked.length, text.length);
        assert.deepEqual(JSON.parse(blanked), { a: [1, 2] });
        for (const keep of ['"a"', "[1", "2", "\r\n", "}"]) assert.equal(blanked.indexOf(keep), text.indexOf(keep), keep);
        assert.equal(blankCommentsAndTrailingCommas('{"a": "/* in a string */, ]"}'), '{"a": "/* in a string */, ]"}');
        assert.equal(blankCommentsAndTrailingCommas('{"a": 1 /* open'), undefined);
    });
});
