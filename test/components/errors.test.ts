import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { describeValue, MAX_SHOWN_VALUE_LENGTH } from "../../components/errors";

describe("components/errors describeValue", () => {
    it("shows plain values as JSON and unset as unset", () => {
        assert.equal(describeValue(undefined), "unset");
        assert.equal(describeValue(null), "null");
        assert.equal(describeValue("tag:x"), '"tag:x"');
        assert.equal(describeValue(5), "5");
        assert.equal(describeValue(false), "false");
        assert.equal(describeValue([]), "[]");
        assert.equal(describeValue({ text: "x", skipped: undefined, n: [1, "a"] }), '{"text":"x","n":[1,"a"]}');
    });

    it("names what JSON cannot show: NaN, the infinities, -0, BigInt, symbols, functions", () => {
        assert.equal(describeValue(Number.NaN), "NaN");
        assert.equal(describeValue(Infinity), "Infinity");
        assert.equal(describeValue(-Infinity), "-Infinity");
        assert.equal(describeValue(-0), "-0");
        assert.equal(describeValue(10n), "10n");
        assert.equal(describeValue([Number.NaN, 2n]), "[NaN,2n]");
        assert.equal(describeValue(Symbol("s")), "Symbol(s)");
        assert.equal(describeValue(function named() {}), "function named");
        assert.equal(describeValue([undefined]), "[undefined]");
    });

    it("marks a cycle instead of throwing, but shows an object used twice in full", () => {
        const circular: Record<string, unknown> = { text: "x" };
        circular.self = circular;
        assert.equal(describeValue(circular), '{"text":"x","self":[Circular]}');
        const shared = { a: 1 };
        assert.equal(describeValue([shared, shared]), '[{"a":1},{"a":1}]');
    });

    it("bounds the text: a 5 MB string is cut with an ellipsis and its length", () => {
        const huge = "x".repeat(5 * 1024 * 1024);
        const shown = describeValue(huge);
        assert.ok(shown.length < MAX_SHOWN_VALUE_LENGTH + 40, `${shown.length} characters`);
        assert.ok(shown.startsWith(`"${"x".repeat(MAX_SHOWN_VALUE_LENGTH)}"…`));
        assert.ok(shown.endsWith(`(${huge.length} characters)`));
    });

    it("bounds huge lists and deep nesting, and never splits a surrogate pair", () => {
        const list = describeValue(new Array(1_000_000).fill(7));
        assert.ok(list.length <= MAX_SHOWN_VALUE_LENGTH + 1 && list.endsWith("…"), list);
        let deep: unknown = [];
        for (let i = 0; i < 10_000; i++) deep = [deep];
        assert.equal(describeValue(deep), "[[[[[…]]]]]");
        const emoji = describeValue(`${"a".repeat(MAX_SHOWN_VALUE_LENGTH - 1)}😀`, MAX_SHOWN_VALUE_LENGTH);
        assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(emoji), "a lone high surrogate");
    });

    it("says what an Output or a Promise is, and survives a getter that throws", () => {
        assert.match(describeValue(pulumi.output("secret-ish")), /^an Output/);
        const pending = Promise.resolve(1);
        assert.equal(describeValue(pending), "a Promise");
        const hostile = Object.defineProperty({}, "x", { enumerable: true, get: () => { throw new Error("no"); } });
        assert.equal(describeValue(hostile), "[object Object]");
    });
});
