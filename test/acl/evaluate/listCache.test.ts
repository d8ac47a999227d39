/** The string-list cache: one slot per distinct sequence of strings, whatever else the lists hold. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { StringListCache } from "../../../acl/evaluate/listCache";
import { parsePolicy } from "../../../acl/parse";
import { NONE } from "../../../acl/tape";

describe("acl/evaluate list cache", () => {
    it("gives the same slot exactly to lists with the same strings in the same order", () => {
        const item = fc.oneof(fc.constantFrom("a", "b", "", "group:x"), fc.constantFrom<unknown>(1, null, ["a"]));
        fc.assert(
            fc.property(fc.array(fc.array(item, { maxLength: 4 }), { maxLength: 12 }), (lists) => {
                const cache = new StringListCache<number>();
                const tape = parsePolicy(JSON.stringify({ lists })).tape!;
                const keyOf = (list: unknown[]) => JSON.stringify(list.filter((value) => typeof value === "string"));
                const firstByKey = new Map<string, number>();
                lists.forEach((list, index) => {
                    const slot = cache.slot(tape, tape.find(["lists", index]));
                    if (slot.value === undefined) slot.value = index;
                    const key = keyOf(list);
                    if (!firstByKey.has(key)) firstByKey.set(key, index);
                    assert.equal(slot.value, firstByKey.get(key), `list ${JSON.stringify(list)}`);
                });
            }),
            { seed: 20261125, numRuns: 300 },
        );
    });

    it("treats a value that is not an array as the empty list", () => {
        const cache = new StringListCache<string>();
        const tape = parsePolicy(JSON.stringify({ empty: [], text: "group:x", list: ["group:x"] })).tape!;
        cache.slot(tape, tape.member(0, "empty")).value = "empty";
        assert.equal(cache.slot(tape, NONE).value, "empty");
        assert.equal(cache.slot(tape, tape.member(0, "text")).value, "empty");
        assert.equal(cache.slot(tape, tape.member(0, "list")).value, undefined);
    });
});
