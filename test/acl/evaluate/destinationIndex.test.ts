/**
 * The destination index's address look-up (exact intervals, CIDR prefixes by length and network,
 * other wide ranges) against a brute-force scan: for random address destinations and a random
 * query address or prefix, the index returns the lowest-order accepted entry whose destination
 * holds the query, exactly as scanning every entry would.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseAddress, rangeContains, type AddressRange } from "../../../acl/evaluate/addresses";
import { DestinationIndex, NO_RULE, type NodeFilter } from "../../../acl/evaluate/destinationIndex";
import { buildModel, type Principal } from "../../../acl/evaluate/model";
import { parsePolicy } from "../../../acl/parse";

interface Entry {
    order: number;
    selector: string;
    accepted: boolean;
}


/** IPv4 inside 10.1.0.0/16 (so prefixes of every length overlap), or IPv6 inside fd7a::/112. */
const v4Address = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 255 })).map(([c, d]) => `10.1.${c}.${d}`);
const v6Address = fc.integer({ min: 0, max: 1023 }).map((low) => `fd7a::${low.toString(16)}`);

const selectorArb: fc.Arbitrary<string> = fc.oneof(
    v4Address,
    fc.tuple(v4Address, fc.integer({ min: 8, max: 32 })).map(([ip, bits]) => `${ip}/${bits}`),
    fc.tuple(v4Address, v4Address).map(([a, b]) => `${a}-${b}`),
    v6Address,
    fc.tuple(v6Address, fc.integer({ min: 100, max: 128 })).map(([ip, bits]) => `${ip}/${bits}`),
    fc.tuple(v6Address, v6Address).map(([a, b]) => `${a}-${b}`),
);

const queryArb: fc.Arbitrary<string> = fc.oneof(
    v4Address,
    v4Address,
    fc.tuple(v4Address, fc.integer({ min: 20, max: 32 })).map(([ip, bits]) => `${ip}/${bits}`),
    v6Address,
    fc.tuple(v6Address, fc.integer({ min: 116, max: 128 })).map(([ip, bits]) => `${ip}/${bits}`),
);

/** An index over `entries` (rule number = order), in a model of a policy that names none of the selectors (they become extras), with a filter accepting the selected ones. */
function indexOf(entries: readonly Entry[]): { index: DestinationIndex; filter: NodeFilter } {
    const model = buildModel(parsePolicy("{}").tape!);
    const index = new DestinationIndex(model);
    for (const entry of entries) index.add(model.intern(entry.selector), entry.order, 0);
    return { index, filter: { accepts: (rule) => entries[rule].accepted } };
}

function addressPrincipal(text: string, range: AddressRange): Principal {
    return { kind: "address", text, range, internet: false };
}

describe("acl/evaluate destination index", () => {
    it("finds the same first address entry as a scan of every entry", () => {
        fc.assert(
            fc.property(
                fc.array(fc.tuple(selectorArb, fc.boolean()), { maxLength: 40 }),
                fc.array(queryArb, { minLength: 1, maxLength: 10 }),
                (selectors, queries) => {
                    const entries: Entry[] = selectors.map(([selector, accepted], order) => ({ order, selector, accepted }));
                    const { index, filter } = indexOf(entries);
                    for (const query of queries) {
                        const range = parseAddress(query);
                        assert.ok(range !== undefined, query);
                        const expected = entries.find((entry) => {
                            const own = parseAddress(entry.selector);
                            return own !== undefined && entry.accepted && rangeContains(own, range);
                        });
                        const actual = index.first(addressPrincipal(query, range), undefined, filter);
                        assert.equal(actual, expected?.order ?? NO_RULE, `query ${query}`);
                    }
                },
            ),
            { seed: 20261125, numRuns: 300 },
        );
    });

    it("finds a /24 among many prefixes of one /16, and the wider /16 only when no earlier /24 holds the address", () => {
        const entries: Entry[] = [];
        for (let c = 0; c < 256; c++) entries.push({ order: entries.length, selector: `10.7.${c}.0/24`, accepted: c !== 200 });
        entries.push({ order: entries.length, selector: "10.7.0.0/16", accepted: true });
        entries.push({ order: entries.length, selector: "10.7.1.0-10.7.9.255", accepted: true });
        const { index, filter } = indexOf(entries);
        const first = (text: string) => entries[index.first(addressPrincipal(text, parseAddress(text) as AddressRange), undefined, filter)]?.selector;
        assert.equal(first("10.7.37.5"), "10.7.37.0/24");
        assert.equal(first("10.7.200.5"), "10.7.0.0/16");
        assert.equal(first("10.7.200.0/24"), "10.7.0.0/16");
        assert.equal(first("10.7.0.0/16"), "10.7.0.0/16");
        assert.equal(first("10.7.2.0/23"), "10.7.0.0/16");
        assert.equal(first("10.8.0.1"), undefined);
    });
});
