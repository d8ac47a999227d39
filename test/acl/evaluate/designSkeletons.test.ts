import assert from "node:assert/strict";
import { objectGraphSkeleton, tapeSkeleton } from "../../../bench/acl/designSkeletons";
import { generatePolicy } from "../../../bench/acl/generatePolicy";

describe("bench/acl designSkeletons", () => {
    it("number each distinct key and string once, over the object graph and over the tape alike", () => {
        const text = '{"acls": [{"src": ["a", "b"], "dst": ["a:22"], "n": 1.5e3, "ok": true, "none": null}], "b": "src"}';
        const objectGraph = objectGraphSkeleton(text);
        const tape = tapeSkeleton(text);
        // acls, src, a, b, dst, a:22, n, ok, none: "b" and "src" repeat as key and value.
        assert.equal(objectGraph.distinct, 9);
        assert.deepEqual(tape, objectGraph);
    });

    it("agree on a generated policy large enough to grow the tape and the table of names", () => {
        const { text } = generatePolicy(300_000, 5);
        const tape = tapeSkeleton(text);
        assert.ok(tape.distinct > 2048, `only ${tape.distinct} distinct strings`);
        assert.deepEqual(tape, objectGraphSkeleton(text));
    });

    it("tell apart strings that differ only after an escaped quote", () => {
        const tape = tapeSkeleton(String.raw`["a\"b", "a\"c", "a\"b"]`);
        assert.equal(tape.distinct, 2);
    });
});
