/**
 * The token tape (acl/tape.ts): scanTape takes exactly the text JSON.parse takes once comments and
 * trailing commas are blanked (with an object at the top), gives the same value, numbers equal
 * strings alike, keeps the last of duplicate keys, and agrees with the tape built from
 * jsonc-parser's tree.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseTree, type ParseError } from "jsonc-parser";
import { blankCommentsAndTrailingCommas } from "../../acl/parse";
import { ARRAY, NONE, OBJECT, scanTape, STRING, TAPE_MAX_NESTING, tapeFromTree, tapeValue, type PolicyTape } from "../../acl/tape";
import { generatePolicy } from "../../bench/acl/generatePolicy";
import { corrupted, policyObject } from "./hujsonArbitraries";

/** JSON.parse of the blanked text when it is an object; undefined otherwise. */
function reference(text: string): Record<string, unknown> | undefined {
    const blanked = blankCommentsAndTrailingCommas(text);
    if (blanked === undefined) return undefined;
    try {
        const value: unknown = JSON.parse(blanked);
        return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
        return undefined;
    }
}

/** Every value of a tape with its JSON path and start offset, in document order. */
function walk(tape: PolicyTape, n: number = 0, path: Array<string | number> = [], out: Array<{ path: Array<string | number>; offset: number; kind: number }> = []) {
    out.push({ path, offset: tape.offset(n), kind: tape.kind(n) });
    for (let child = tape.first(n), index = 0; child !== NONE; child = tape.next(child), index++) {
        walk(tape, child, [...path, tape.kind(n) === OBJECT ? tape.key(child) : index], out);
    }
    return out;
}

function assertScansLikeJsonParse(text: string): void {
    const expected = reference(text);
    const tape = scanTape(text);
    if (expected === undefined) {
        assert.equal(tape, undefined, `scanTape took ${JSON.stringify(text)}, which JSON.parse refuses`);
        return;
    }
    assert.ok(tape !== undefined, `scanTape refused ${JSON.stringify(text)}, which JSON.parse takes`);
    assert.deepStrictEqual(tapeValue(tape), expected);
    // Every value is found again at its path, and the tape built from jsonc-parser's tree agrees.
    const errors: ParseError[] = [];
    const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false })!;
    const fromTree = tapeFromTree(text, tree);
    const scanned = walk(tape);
    assert.deepStrictEqual(walk(fromTree), scanned);
    for (const { path, offset } of scanned) assert.equal(tape.offset(tape.find(path)), offset, JSON.stringify(path));
}

describe("acl/tape", () => {
    it("takes exactly what JSON.parse takes after blanking, with the same value, on random HuJSON", () => {
        fc.assert(
            fc.property(policyObject, ({ text }) => assertScansLikeJsonParse(text)),
            { numRuns: 400, seed: 20261126 },
        );
    });

    it("refuses what JSON.parse refuses after blanking, on random broken HuJSON", () => {
        fc.assert(
            fc.property(corrupted, ({ text }) => assertScansLikeJsonParse(text)),
            { numRuns: 600, seed: 26112026 },
        );
    });

    it("refuses text the full parser must judge", () => {
        const refused = [
            "",
            "[]",
            '"text"',
            "\uFEFF{}",
            '{"a":1}\u000b',
            '{"a":"ctrl\u0001"}',
            '{"a":"\\x"}',
            '{"a":"\\u12"}',
            '{"a":01}',
            '{"a":1.}',
            '{"a":-}',
            '{"a":tru}',
            '{"a":1/2}',
            '{"a":[1,,]}',
            '{"a":[,]}',
            "{,}",
            '{"a":1 /* open',
            '{"a":[1}',
            '{"a":1} x',
            `{"deep":${"[".repeat(TAPE_MAX_NESTING)}${"]".repeat(TAPE_MAX_NESTING)}}`,
        ];
        for (const text of refused) assert.equal(scanTape(text), undefined, JSON.stringify(text));
        const deepest = `{"deep":${"[".repeat(TAPE_MAX_NESTING - 1)}${"]".repeat(TAPE_MAX_NESTING - 1)}}`;
        assert.ok(scanTape(deepest) !== undefined, "nesting up to the limit is scanned");
    });

    it("numbers equal strings alike, escaped or not, keys and values in one table", () => {
        const tape = scanTape('{"tag:a": ["tag:a", "t\\u0061g:a", "tag:b"], "x": "tag:b", /* c */ "y": "\\"q\\""}')!;
        const list = tape.member(0, "tag:a");
        const [first, second, third] = [tape.first(list), tape.next(tape.first(list)), tape.next(tape.next(tape.first(list)))];
        assert.equal(tape.stringId(first), tape.stringId(second));
        assert.equal(tape.stringId(first), tape.keyId(list));
        assert.notEqual(tape.stringId(first), tape.stringId(third));
        assert.equal(tape.stringId(third), tape.stringId(tape.member(0, "x")));
        assert.equal(tape.string(second), "tag:a");
        assert.equal(tape.string(tape.member(0, "y")), '"q"');
        assert.equal(tape.names.idOf("tag:b"), tape.stringId(third));
        assert.equal(tape.names.idOf("tag:c"), NONE);
        assert.equal(tape.length(list), 3);
        assert.equal(tape.kind(list), ARRAY);
        assert.equal(tape.kind(first), STRING);
    });

    it("finds strings and tests their prefix and characters in place, escaped or not, with the same answers as on the strings", () => {
        fc.assert(
            fc.property(fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 12 }), fc.string({ maxLength: 6 }), fc.string({ maxLength: 3 }), (strings, probe, prefix) => {
                const tape = scanTape(JSON.stringify({ strings, again: strings }))!;
                const names = tape.names;
                // The reference: the numbers the scan gave the file's strings and keys, read as strings.
                const numbers = new Map<string, number>();
                for (let member = tape.first(0); member !== NONE; member = tape.next(member)) {
                    numbers.set(tape.key(member), tape.keyId(member));
                    for (let item = tape.first(member); item !== NONE; item = tape.next(item)) numbers.set(tape.string(item), tape.stringId(item));
                }
                assert.equal(names.find(probe), numbers.get(probe) ?? NONE);
                assert.equal(names.idOf(probe), numbers.get(probe) ?? NONE);
                for (let item = tape.first(tape.member(0, "again")); item !== NONE; item = tape.next(item)) {
                    const n = tape.stringId(item);
                    const text = tape.string(item);
                    assert.equal(names.find(text), n);
                    assert.equal(names.startsWith(n, prefix), text.startsWith(prefix), `${JSON.stringify(text)} starts with ${JSON.stringify(prefix)}`);
                    assert.equal(names.hasChar(n, 64), text.includes("@"));
                }
            }),
            { seed: 20261126, numRuns: 300 },
        );
        const tape = scanTape('{"a": "u\\u0040x.io", "b": "group:\\u0067"}')!;
        const escaped = tape.stringId(tape.member(0, "a"));
        assert.equal(tape.names.find("u@x.io"), escaped);
        assert.ok(tape.names.hasChar(escaped, 64));
        assert.ok(tape.names.startsWith(tape.stringId(tape.member(0, "b")), "group:g"));
        assert.equal(tape.names.find("u@x.i"), NONE);
    });

    it("reads a string once, escaped or not, before or after it is kept, as the kept read gives it", () => {
        const tape = scanTape('{"tests": ["tag:db:5432", "t\\u0061g:db:22", "tag:db:5432", "\\"q\\":1"]}')!;
        const items: number[] = [];
        for (let item = tape.first(tape.member(0, "tests")); item !== NONE; item = tape.next(item)) items.push(item);
        const once = items.map((item) => tape.stringOnce(item));
        assert.deepEqual(once, ["tag:db:5432", "tag:db:22", "tag:db:5432", '"q":1']);
        assert.deepEqual(items.map((item) => tape.string(item)), once);
        assert.deepEqual(items.map((item) => tape.stringOnce(item)), once);
    });

    it("keeps the last of duplicate keys, as JSON.parse does, even with the same key nested in between", () => {
        const tape = scanTape('{"a": {"a": 1, "b": 2}, "b": true, "a": [3], "a": "last"}')!;
        assert.equal(tape.length(0), 2);
        assert.deepStrictEqual(tapeValue(tape), { a: "last", b: true });
        assert.equal(tape.string(tape.member(0, "a")), "last");
        const keys: string[] = [];
        for (let member = tape.first(0); member !== NONE; member = tape.next(member)) keys.push(tape.key(member));
        assert.deepStrictEqual(keys, ["b", "a"]);
        assert.equal(tape.offset(tape.find(["a"])), 50);
    });

    it("reads null as absent in field(), not in member()", () => {
        const tape = scanTape('{"a": null, "b": 0}')!;
        assert.notEqual(tape.member(0, "a"), NONE);
        assert.equal(tape.field(0, "a"), NONE);
        assert.equal(tape.number(tape.field(0, "b")), 0);
        assert.equal(tape.member(tape.member(0, "b"), "x"), NONE, "a member of a number is absent");
        assert.equal(tape.member(NONE, "x"), NONE);
        assert.equal(tape.first(NONE), NONE);
    });

    it("scans a generated 60 kB policy to the value JSON.parse gives", () => {
        assertScansLikeJsonParse(generatePolicy(60_000, 3).text);
    });
});
