/**
 * parseAddress on IPv4 prefixes (read without slicing or BigInt shifts) against a reference written
 * here with BigInt arithmetic: every readable prefix gives the same interval, every unreadable one
 * (prefix length past 32, not one to three digits) gives undefined.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseAddress } from "../../../acl/evaluate/addresses";

function referenceV4Cidr(parts: number[], bitsText: string): { first: bigint; last: bigint } | undefined {
    if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > 32) return undefined;
    const value = parts.reduce((acc, part) => (acc << 8n) | BigInt(part), 0n);
    const hostBits = BigInt(32 - Number(bitsText));
    const first = (value >> hostBits) << hostBits;
    return { first, last: first + (1n << hostBits) - 1n };
}

describe("acl/evaluate addresses", () => {
    it("reads IPv4 prefixes as the BigInt reference does", () => {
        const bitsText = fc.oneof(
            fc.integer({ min: 0, max: 32 }).map(String),
            fc.constantFrom("", "33", "099", "0032", "1a", "-1", "8/8", " 8"),
        );
        fc.assert(
            fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), bitsText, (parts, bits) => {
                const text = `${parts.join(".")}/${bits}`;
                const expected = referenceV4Cidr(parts, bits);
                const actual = parseAddress(text);
                assert.deepEqual(actual, expected === undefined ? undefined : { family: 4, ...expected }, text);
            }),
            { seed: 20261125, numRuns: 500 },
        );
    });

    it("reads the edges: /0, /32 and a host address with bits set below the prefix", () => {
        assert.deepEqual(parseAddress("0.0.0.0/0"), { family: 4, first: 0n, last: 4294967295n });
        assert.deepEqual(parseAddress("255.255.255.255/32"), { family: 4, first: 4294967295n, last: 4294967295n });
        assert.deepEqual(parseAddress("10.1.2.3/24"), { family: 4, first: 0x0a010200n, last: 0x0a0102ffn });
        assert.equal(parseAddress("10.1.2/24"), undefined);
        assert.deepEqual(parseAddress("fd7a::1/120"), { family: 6, first: 0xfd7a0000000000000000000000000000n, last: 0xfd7a00000000000000000000000000ffn });
    });
});
