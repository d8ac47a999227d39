/** The hand-written IPv4 tests in acl/selectors.ts must agree with ipaddr.js, which they replace on the hot path. */
import assert from "node:assert/strict";
import fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import { isIpv4DottedQuad, isIpv4DottedQuadCidr } from "../../acl/selectors";

/** Strings made of the characters IPv4 literals are written with, biased towards near-misses. */
const addressLike = fc.oneof(
    fc.array(fc.constantFrom("0", "1", "2", "5", "9", ".", "/", "25", "255", "256", "00", "01", "3", "32", "33"), { maxLength: 12 }).map((parts) => parts.join("")),
    fc
        .tuple(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 3, maxLength: 5 }), fc.option(fc.integer({ min: 0, max: 40 })), fc.boolean())
        .map(([octets, bits, pad]) => `${octets.map((o) => (pad && o < 10 ? `0${o}` : String(o))).join(".")}${bits === null ? "" : `/${bits}`}`),
    fc.string({ maxLength: 12 }),
);

describe("acl/selectors IPv4 literals", () => {
    it("isIpv4DottedQuad agrees with ipaddr.js IPv4.isValidFourPartDecimal", () => {
        fc.assert(
            fc.property(addressLike, (text) => assert.equal(isIpv4DottedQuad(text), ipaddr.IPv4.isValidFourPartDecimal(text), JSON.stringify(text))),
            { numRuns: 3000, seed: 42 },
        );
    });

    it("isIpv4DottedQuadCidr agrees with ipaddr.js IPv4.isValidCIDRFourPartDecimal", () => {
        fc.assert(
            fc.property(addressLike, (text) => assert.equal(isIpv4DottedQuadCidr(text), ipaddr.IPv4.isValidCIDRFourPartDecimal(text), JSON.stringify(text))),
            { numRuns: 3000, seed: 43 },
        );
    });

    it("accepts and rejects the documented edge cases", () => {
        for (const yes of ["0.0.0.0", "255.255.255.255", "100.64.0.1"]) assert.ok(isIpv4DottedQuad(yes), yes);
        for (const no of ["", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.0.0.1", "1..2.3", "1.2.3.4.", "1.2.3.4/8", "0x1.2.3.4"]) assert.ok(!isIpv4DottedQuad(no), no);
        for (const yes of ["10.0.0.0/8", "0.0.0.0/0", "192.0.2.1/32", "10.0.0.0/008"]) assert.ok(isIpv4DottedQuadCidr(yes), yes);
        for (const no of ["10.0.0.0/33", "10.0.0.0/", "10.0.0.0", "10.0.0/8", "10.0.0.0/8/8", "10.0.0.0/-1"]) assert.ok(!isIpv4DottedQuadCidr(no), no);
    });
});
