import { strict as assert } from "assert";
import { analyzePolicy } from "../../acl/analyze";
import { addBounded, setBounded, TABLE_LIMIT } from "../../acl/boundedTable";

describe("bounded look-up tables", () => {
    it("keep values until the table is full, then start over with the new entry", () => {
        const table = new Map<string, number>();
        for (let i = 0; i < TABLE_LIMIT; i++) setBounded(table, `k${i}`, i);
        assert.equal(table.size, TABLE_LIMIT);
        assert.equal(table.get("k7"), 7);
        setBounded(table, "next", -1);
        assert.equal(table.size, 1);
        assert.equal(table.get("next"), -1);
        assert.equal(table.get("k7"), undefined);
    });

    it("overwrite an existing key without growing when not full", () => {
        const table = new Map<string, number>([["a", 1]]);
        setBounded(table, "a", 2);
        assert.deepEqual([...table], [["a", 2]]);
    });

    it("bound sets the same way", () => {
        const set = new Set<string>();
        for (let i = 0; i <= TABLE_LIMIT; i++) addBounded(set, `s${i}`);
        assert.deepEqual([...set], [`s${TABLE_LIMIT}`]);
    });
});

describe("analysis past the table limit", () => {
    it("reports every occurrence of each bad selector and accepts every good one, however many distinct strings", () => {
        // Each name appears in two groups, so look-ups hit and miss around the point where tables start over.
        const count = TABLE_LIMIT + 500;
        const bad = Array.from({ length: count }, (_, i) => `not a login ${i}`);
        const good = Array.from({ length: count }, (_, i) => `user${i}@example.com`);
        const policy = {
            groups: { "group:a": [...bad, ...good], "group:b": [...good, ...bad] },
            grants: [{ src: ["group:a"], dst: ["group:b"], ip: ["tcp:443"] }],
        };
        const findings = analyzePolicy(JSON.stringify(policy)).filter((f) => f.check === "invalid-selector");
        assert.equal(findings.length, 2 * count);
        for (const [group, offset] of [["a", 0], ["b", count]] as const) {
            const lines = findings.filter((f) => f.message.startsWith(`groups["group:${group}"]`));
            assert.equal(lines.length, count, `group:${group}`);
            assert.ok(lines.every((f, i) => f.message.startsWith(`groups["group:${group}"][${offset + i}]`)), `group:${group} in order`);
        }
    });
});
