/** The string-list cache: one slot per distinct sequence of strings, whatever else the lists hold. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { StringListCache } from "../../../acl/evaluate/listCache";

describe("acl/evaluate list cache", () => {
    it("gives the same slot exactly to lists with the same strings in the same order", () => {
        const item = fc.oneof(fc.constantFrom("a", "b", "", "group:x"), fc.constantFrom<unknown>(1, null, ["a"]));
        fc.assert(
            fc.property(fc.array(fc.array(item, { maxLength: 4 }), { maxLength: 12 }), (lists) => {
                const cache = new StringListCache<number>();
                const keyOf = (list: unknown[]) => JSON.stringify(list.filter((value) => typeof value === "string"));
                const firstByKey = new Map<string, number>();
                lists.forEach((list, index) => {
                    const slot = cache.slot(list);
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
        cache.slot([]).value = "empty";
        assert.equal(cache.slot(undefined).value, "empty");
        assert.equal(cache.slot("group:x").value, "empty");
        assert.equal(cache.slot(["group:x"]).value, undefined);
    });
});
