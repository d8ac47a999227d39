/** The list table: one number per distinct sequence of strings, whatever else the lists hold. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { EMPTY_LIST, ListTable } from "../../../acl/evaluate/listTable";
import { parsePolicy } from "../../../acl/parse";
import { NONE } from "../../../acl/tape";

describe("acl/evaluate list table", () => {
    it("gives the same number exactly to lists with the same strings in the same order, and keeps their items", () => {
        const item = fc.oneof(fc.constantFrom("a", "b", "", "group:x", "ab"), fc.string({ maxLength: 3 }), fc.constantFrom<unknown>(1, null, ["a"]));
        fc.assert(
            fc.property(fc.array(fc.array(item, { maxLength: 5 }), { maxLength: 40 }), (lists) => {
                const tape = parsePolicy(JSON.stringify({ lists })).tape!;
                const table = new ListTable(tape);
                const strings = (list: unknown[]) => list.filter((value): value is string => typeof value === "string");
                const numberByKey = new Map<string, number>();
                lists.forEach((list, index) => {
                    const n = table.of(tape.find(["lists", index]));
                    const key = JSON.stringify(strings(list));
                    const known = numberByKey.get(key);
                    if (known === undefined) {
                        assert.ok(![...numberByKey.values()].includes(n), `a new list ${key} got the number of another`);
                        numberByKey.set(key, n);
                    } else {
                        assert.equal(n, known, `list ${key}`);
                    }
                    const items: string[] = [];
                    for (let i = table.start(n); i < table.end(n); i++) items.push(tape.names.textOf(table.item(i)));
                    assert.deepEqual(items, strings(list));
                    assert.equal(table.length(n), items.length);
                });
                assert.equal(table.count, new Set([...numberByKey.values(), EMPTY_LIST]).size);
            }),
            { seed: 20261126, numRuns: 300 },
        );
    });

    it("numbers a value that is not an array, and NONE, as the empty list", () => {
        const tape = parsePolicy(JSON.stringify({ empty: [], numbers: [1, 2], text: "group:x", list: ["group:x"] })).tape!;
        const table = new ListTable(tape);
        assert.equal(table.of(tape.member(0, "empty")), EMPTY_LIST);
        assert.equal(table.of(tape.member(0, "numbers")), EMPTY_LIST);
        assert.equal(table.of(NONE), EMPTY_LIST);
        assert.equal(table.of(tape.member(0, "text")), EMPTY_LIST);
        assert.notEqual(table.of(tape.member(0, "list")), EMPTY_LIST);
        assert.equal(table.length(EMPTY_LIST), 0);
    });

    it("keeps thousands of distinct lists apart through its table's growth", () => {
        const lists = Array.from({ length: 3000 }, (_, i) => [`group:g${i % 997}`, `tag:t${Math.floor(i / 997)}`]);
        const tape = parsePolicy(JSON.stringify({ lists, again: lists })).tape!;
        const table = new ListTable(tape);
        const first = lists.map((_, i) => table.of(tape.find(["lists", i])));
        assert.equal(new Set(first).size, 3000);
        lists.forEach((_, i) => assert.equal(table.of(tape.find(["again", i])), first[i]));
        assert.equal(table.count, 3001);
    });
});
