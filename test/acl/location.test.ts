/** LineIndex: "\n", "\r\n" and a lone "\r" each end a line; columns count UTF-16 code units. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { LineIndex } from "../../acl/location";

/** The line and column of `offset`, counted character by character. */
function counted(text: string, offset: number): { line: number; column: number } {
    let line = 1;
    let start = 0;
    for (let i = 0; i < offset; i++) {
        const ch = text[i];
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) {
            line++;
            start = i + 1;
        }
    }
    return { line, column: offset - start + 1 };
}

describe("acl/location LineIndex", () => {
    it("counts \\n, \\r\\n and a lone \\r as one line end each", () => {
        const text = "a\nb\r\nc\rd\n\n";
        const index = new LineIndex("f", text);
        const expected = [
            [0, 1, 1], [1, 1, 2], [2, 2, 1], [4, 2, 3], [5, 3, 1], [7, 4, 1], [9, 5, 1], [10, 6, 1], [-3, 1, 1],
        ];
        for (const [offset, line, column] of expected) assert.deepEqual(index.locationOf(offset), { file: "f", line, column }, `offset ${offset}`);
    });

    it("agrees with counting character by character on random texts", () => {
        fc.assert(
            fc.property(fc.array(fc.constantFrom("a", "é", "💥", "\n", "\r", "\r\n", "\t"), { maxLength: 40 }), fc.nat(), (parts, at) => {
                const text = parts.join("");
                const offset = text.length === 0 ? 0 : at % text.length;
                const { line, column } = new LineIndex("f", text).locationOf(offset);
                assert.deepEqual({ line, column }, counted(text, offset));
            }),
            { numRuns: 300, seed: 2611 },
        );
    });
});
