/**
 * Rules indexed by what their destination names, so a query only looks at the rules that could
 * cover its destination instead of scanning every rule.
 *
 * Each bucket is a list of nodes in rule order, a node being a rule number and one number of data
 * for the caller (the network index keeps the rule's port specs there). Buckets: "*" (any); one
 * per string number, for tags, user logins and autogroups; and addresses: exact intervals by first
 * address; wider CIDR prefixes by prefix length and network (so an address probes one map per
 * prefix length in use); wide "first-last" ranges that are not one prefix (rare) in one bucket.
 * Nodes live in typed arrays, so a large policy's index is a few arrays rather than an object per
 * rule and destination.
 */
import { grown } from "../tape";
import { isWide, rangeContains, type AddressRange } from "./addresses";
import {
    SELECTOR_ADDRESS,
    SELECTOR_AUTOGROUP,
    SELECTOR_DANGER_ALL,
    SELECTOR_GROUP,
    SELECTOR_INTERNET,
    SELECTOR_IPSET,
    SELECTOR_MEMBER,
    SELECTOR_ROLE,
    SELECTOR_SELF,
    SELECTOR_STAR,
    SELECTOR_TAG,
    SELECTOR_TAGGED,
    SELECTOR_USER,
    type PolicyModel,
    type Principal,
} from "./model";

/** No rule: what a look-up returns when nothing matches. */
export const NO_RULE = -1;
const END = -1;

/** Says whether a node (a rule and its data) applies to the query at hand (a reusable object, not a closure per query). */
export interface NodeFilter {
    accepts(rule: number, data: number): boolean;
}

/** 2**bits for bits 0..32, as exact doubles. */
const POW2: readonly number[] = Array.from({ length: 33 }, (_, bits) => 2 ** bits);

/** The number of host bits when the interval is exactly one CIDR prefix (size 2**bits, aligned); undefined otherwise. */
function cidrHostBits(range: AddressRange): number | undefined {
    const size = range.last - range.first + 1n;
    if ((size & (size - 1n)) !== 0n || range.first % size !== 0n) return undefined;
    return size.toString(2).length - 1;
}

function sameRange(a: AddressRange, b: AddressRange): boolean {
    return a.family === b.family && a.first === b.first && a.last === b.last;
}

/** An Int32Array of `length` filled with END. */
function endFilled(length: number): Int32Array {
    return new Int32Array(length).fill(END);
}

/** `from` lengthened to at least `length`, the new part filled with END. */
function endGrown(from: Int32Array, length: number): Int32Array {
    const to = endFilled(Math.max(length, from.length * 2));
    to.set(from);
    return to;
}

/**
 * Buckets of nodes: bucket b's nodes run from head[b] through next[], in the order appended (rule
 * order, since rules are filed in order). Address nodes also keep their interval.
 */
class Buckets {
    head: Int32Array;
    private tail: Int32Array;
    rule = new Int32Array(256);
    data = new Int32Array(256);
    next = new Int32Array(256);
    /** The interval of each node, for address buckets (empty otherwise). */
    readonly ranges: AddressRange[] = [];
    private nodes = 0;
    /** Buckets handed out by newBucket() so far (an instance uses either these or numbers of its own). */
    private buckets = 0;

    /** `buckets`: how many buckets the caller numbers itself (room is made for them). */
    constructor(buckets: number) {
        this.head = endFilled(Math.max(buckets, 16));
        this.tail = endFilled(this.head.length);
    }

    /** A new empty bucket's number (for buckets not numbered by the caller). */
    newBucket(): number {
        this.reserve(this.buckets + 1);
        return this.buckets++;
    }

    /** Room for buckets numbered below `count`. */
    reserve(count: number): void {
        if (count <= this.head.length) return;
        this.head = endGrown(this.head, count);
        this.tail = endGrown(this.tail, count);
    }

    /** Appends (rule, data) to bucket `bucket` unless its last node is the same. */
    append(bucket: number, rule: number, data: number, range?: AddressRange): void {
        const last = this.tail[bucket];
        if (range === undefined && last !== END && this.rule[last] === rule && this.data[last] === data) return;
        const node = this.nodes++;
        if (node === this.rule.length) {
            this.rule = grown(this.rule);
            this.data = grown(this.data);
            this.next = grown(this.next);
        }
        this.rule[node] = rule;
        this.data[node] = data;
        this.next[node] = END;
        if (range !== undefined) this.ranges[node] = range;
        if (last === END) this.head[bucket] = node;
        else this.next[last] = node;
        this.tail[bucket] = node;
    }

    /** The first rule of bucket `bucket` (read until a rule at or after `best`) that `filter` accepts; else `best`. */
    first(bucket: number, filter: NodeFilter, best: number): number {
        if (bucket < 0 || bucket >= this.head.length) return best;
        for (let node = this.head[bucket]; node !== END; node = this.next[node]) {
            const rule = this.rule[node];
            if (best !== NO_RULE && rule >= best) return best;
            if (filter.accepts(rule, this.data[node])) return rule;
        }
        return best;
    }

    /**
     * The first acceptable rule of an address bucket whose interval covers `range`. With `exact`, the
     * bucket holds intervals that start where `range` starts, and only the same interval counts;
     * without, an interval counts when it holds `range` and is not the same one (exact matches are
     * looked up apart).
     */
    firstCovering(bucket: number | undefined, range: AddressRange, filter: NodeFilter, best: number, exact: boolean): number {
        if (bucket === undefined) return best;
        for (let node = this.head[bucket]; node !== END; node = this.next[node]) {
            const rule = this.rule[node];
            if (best !== NO_RULE && rule >= best) return best;
            const own = this.ranges[node];
            const covers = exact ? own.last === range.last : rangeContains(own, range) && !sameRange(own, range);
            if (covers && filter.accepts(rule, this.data[node])) return rule;
        }
        return best;
    }
}

/**
 * Wide intervals that are exactly one CIDR prefix, by prefix length then by network number (each a
 * bucket of `buckets`), so finding the prefixes that contain an address probes one map per prefix
 * length in use (at most 32 for IPv4, 128 for IPv6) instead of scanning every prefix.
 */
class PrefixTable {
    /** IPv4: network number (first address / 2**hostBits, always below 2**31) by prefix length. */
    private readonly v4 = new Map<number, Map<number, number>>();
    private v4Lengths: number[] = [];
    private readonly v6 = new Map<number, Map<bigint, number>>();
    private v6Lengths: number[] = [];

    constructor(private readonly buckets: Buckets) {}

    add(range: AddressRange, hostBits: number, rule: number, data: number): void {
        const length = (range.family === 4 ? 32 : 128) - hostBits;
        let bucket: number | undefined;
        if (range.family === 4) {
            let byNetwork = this.v4.get(length);
            if (byNetwork === undefined) {
                this.v4.set(length, (byNetwork = new Map()));
                this.v4Lengths = [...this.v4Lengths, length].sort((a, b) => a - b);
            }
            const network = Number(range.first) / POW2[hostBits];
            bucket = byNetwork.get(network);
            if (bucket === undefined) byNetwork.set(network, (bucket = this.buckets.newBucket()));
        } else {
            let byNetwork = this.v6.get(length);
            if (byNetwork === undefined) {
                this.v6.set(length, (byNetwork = new Map()));
                this.v6Lengths = [...this.v6Lengths, length].sort((a, b) => a - b);
            }
            const network = range.first >> BigInt(hostBits);
            bucket = byNetwork.get(network);
            if (bucket === undefined) byNetwork.set(network, (bucket = this.buckets.newBucket()));
        }
        this.buckets.append(bucket, rule, data, range);
    }

    /** The lowest acceptable rule (below `best`) of a prefix that contains `range` and differs from it. */
    first(range: AddressRange, filter: NodeFilter, best: number): number {
        if (range.family === 4) {
            if (this.v4Lengths.length === 0) return best;
            const first = Number(range.first);
            const last = Number(range.last);
            for (const length of this.v4Lengths) {
                const scale = POW2[32 - length];
                const network = Math.floor(first / scale);
                // A prefix of this length holds the range only when both ends fall in the same network.
                if (network !== Math.floor(last / scale)) continue;
                best = this.buckets.firstCovering(this.v4.get(length)?.get(network), range, filter, best, false);
            }
            return best;
        }
        for (const length of this.v6Lengths) {
            const shift = BigInt(128 - length);
            const network = range.first >> shift;
            if (network !== range.last >> shift) continue;
            best = this.buckets.firstCovering(this.v6.get(length)?.get(network), range, filter, best, false);
        }
        return best;
    }
}

/** The key of an IPv4 interval's first address in the exact map: a small integer, not a boxed number. */
function v4Key(range: AddressRange): number {
    return Number(range.first) | 0;
}

export class DestinationIndex {
    /** One bucket per string number (tags, logins, autogroups). */
    private readonly byString: Buckets;
    /** "*", address buckets and wide ranges. */
    private readonly others: Buckets;
    private readonly anyBucket: number;
    /** Buckets of intervals by their first address (per family); the last address is checked on look-up. */
    private readonly exactV4 = new Map<number, number>();
    private readonly exactV6 = new Map<bigint, number>();
    private readonly widePrefixes: PrefixTable;
    private readonly wideRanges: number;

    constructor(private readonly model: PolicyModel) {
        this.byString = new Buckets(model.count);
        this.others = new Buckets(0);
        this.anyBucket = this.others.newBucket();
        this.wideRanges = this.others.newBucket();
        this.widePrefixes = new PrefixTable(this.others);
    }

    private pushString(id: number, rule: number, data: number): void {
        this.byString.reserve(id + 1);
        this.byString.append(id, rule, data);
    }

    private pushAddress(range: AddressRange, rule: number, data: number): void {
        const others = this.others;
        let bucket: number | undefined;
        if (range.family === 4) {
            bucket = this.exactV4.get(v4Key(range));
            if (bucket === undefined) this.exactV4.set(v4Key(range), (bucket = others.newBucket()));
        } else {
            bucket = this.exactV6.get(range.first);
            if (bucket === undefined) this.exactV6.set(range.first, (bucket = others.newBucket()));
        }
        others.append(bucket, rule, data, range);
        if (!isWide(range)) return;
        const hostBits = cidrHostBits(range);
        if (hostBits === undefined) others.append(this.wideRanges, rule, data, range);
        else this.widePrefixes.add(range, hostBits, rule, data);
    }

    /**
     * Files rule `rule` (with `data`) under the destination selector numbered `id` (a string of the
     * model); unreadable selectors file nothing. Rules must be filed in rule order.
     */
    add(id: number, rule: number, data: number): void {
        const model = this.model;
        switch (model.kindOf(id)) {
            case SELECTOR_STAR:
                this.others.append(this.anyBucket, rule, data);
                return;
            case SELECTOR_GROUP:
                for (const login of model.groupMemberIds(id)) this.pushString(login, rule, data);
                return;
            case SELECTOR_TAG:
            case SELECTOR_USER:
            case SELECTOR_DANGER_ALL:
            case SELECTOR_MEMBER:
            case SELECTOR_TAGGED:
            case SELECTOR_SELF:
            case SELECTOR_INTERNET:
            case SELECTOR_AUTOGROUP:
                this.pushString(id, rule, data);
                return;
            case SELECTOR_ROLE:
                this.pushString(id, rule, data);
                for (const login of model.roleMemberIds(id) ?? []) this.pushString(login, rule, data);
                return;
            case SELECTOR_IPSET:
                for (const range of model.ipsetOf(id)) this.pushAddress(range, rule, data);
                return;
            case SELECTOR_ADDRESS:
                this.pushAddress(model.rangeOf(id), rule, data);
                return;
        }
    }

    /**
     * The lowest rule whose destination covers `dst` and that `filter` accepts (NO_RULE when none).
     * For a user destination, rules under autogroup:self count only when `srcLogin` is that user.
     * Each bucket is in rule order, so a bucket is read only up to its first acceptable rule.
     */
    first(dst: Principal, srcLogin: string | undefined, filter: NodeFilter): number {
        const byString = this.byString;
        let best = this.others.first(this.anyBucket, filter, NO_RULE);
        switch (dst.kind) {
            case "user":
                best = byString.first(dst.id, filter, best);
                best = byString.first(this.model.memberId, filter, best);
                if (srcLogin === dst.login) best = byString.first(this.model.selfId, filter, best);
                break;
            case "tag":
                best = byString.first(dst.id, filter, best);
                best = byString.first(this.model.taggedId, filter, best);
                break;
            case "autogroup":
                best = byString.first(dst.id, filter, best);
                break;
            case "address": {
                const range = dst.range;
                const others = this.others;
                const exact = range.family === 4 ? this.exactV4.get(v4Key(range)) : this.exactV6.get(range.first);
                best = others.firstCovering(exact, range, filter, best, true);
                best = this.widePrefixes.first(range, filter, best);
                best = others.firstCovering(this.wideRanges, range, filter, best, false);
                if (dst.internet) best = byString.first(this.model.internetId, filter, best);
                break;
            }
            case "group":
                // Callers expand groups into their members first.
                break;
        }
        return best;
    }
}
