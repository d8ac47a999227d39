/**
 * Rules indexed by what their destination names, so a query only looks at the rules that could
 * cover its destination instead of scanning every rule.
 *
 * Buckets: "*" (any), per tag, per user login, per autogroup, and addresses: exact
 * intervals in a map; wider CIDR prefixes by prefix length and network (PrefixTable), so an
 * address probes one map per prefix length in use; wide "first-last" ranges that are not one
 * prefix (rare) in one list.
 */
import { isWide, parseAddress, rangeContains, type AddressRange } from "./addresses";
import type { PolicyModel, Principal } from "./model";

export interface IndexedEntry {
    /** Position of the rule in the file's evaluation order; lower wins when several match. */
    order: number;
}

/** An address destination of a rule and the entry it leads to. */
interface AddressEntry<T> {
    range: AddressRange;
    entry: T;
}

/** Something that says whether an entry applies to the query at hand (a reusable object, not a closure per query). */
export interface EntryFilter<T> {
    accepts(entry: T): boolean;
}

/** Below this length a bucket is copied on append rather than grown in place. */
const SMALL_BUCKET = 8;

/**
 * The bucket with `item` appended. Most buckets hold a handful of entries, and push() on a short
 * array reserves room for 16 more, so a small bucket is copied to its exact size instead (cheaper
 * to build and to keep: fewer bytes for the garbage collector to copy). Large buckets grow in place.
 */
function appended<T>(bucket: T[], item: T): T[] {
    if (bucket.length >= SMALL_BUCKET) {
        bucket.push(item);
        return bucket;
    }
    return bucket.concat([item]);
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

/**
 * Wide intervals that are exactly one CIDR prefix, by prefix length then by network number, so
 * finding the prefixes that contain an address probes one map per prefix length in use (at most 32
 * for IPv4, 128 for IPv6) instead of scanning every prefix of the block. Each list is in rule order.
 */
class PrefixTable<T extends IndexedEntry> {
    /** IPv4: network number (first address / 2**hostBits, always below 2**31) by prefix length. */
    private readonly v4 = new Map<number, Map<number, Array<AddressEntry<T>>>>();
    private v4Lengths: number[] = [];
    private readonly v6 = new Map<number, Map<bigint, Array<AddressEntry<T>>>>();
    private v6Lengths: number[] = [];

    add(range: AddressRange, hostBits: number, item: AddressEntry<T>): void {
        const length = (range.family === 4 ? 32 : 128) - hostBits;
        if (range.family === 4) {
            let byNetwork = this.v4.get(length);
            if (byNetwork === undefined) {
                this.v4.set(length, (byNetwork = new Map()));
                this.v4Lengths = [...this.v4Lengths, length].sort((a, b) => a - b);
            }
            const network = Number(range.first) / POW2[hostBits];
            const list = byNetwork.get(network);
            byNetwork.set(network, list === undefined ? [item] : appended(list, item));
            return;
        }
        let byNetwork = this.v6.get(length);
        if (byNetwork === undefined) {
            this.v6.set(length, (byNetwork = new Map()));
            this.v6Lengths = [...this.v6Lengths, length].sort((a, b) => a - b);
        }
        const network = range.first >> BigInt(hostBits);
        const list = byNetwork.get(network);
        byNetwork.set(network, list === undefined ? [item] : appended(list, item));
    }

    /** The lowest-order acceptable entry (below `best`) of a prefix that contains `range` and differs from it. */
    first(range: AddressRange, filter: EntryFilter<T>, best: T | undefined): T | undefined {
        if (range.family === 4) {
            if (this.v4Lengths.length === 0) return best;
            const first = Number(range.first);
            const last = Number(range.last);
            for (const length of this.v4Lengths) {
                const scale = POW2[32 - length];
                const network = Math.floor(first / scale);
                // A prefix of this length holds the range only when both ends fall in the same network.
                if (network !== Math.floor(last / scale)) continue;
                best = firstCovering(this.v4.get(length)?.get(network), range, filter, best, false);
            }
            return best;
        }
        for (const length of this.v6Lengths) {
            const shift = BigInt(128 - length);
            const network = range.first >> shift;
            if (network !== range.last >> shift) continue;
            best = firstCovering(this.v6.get(length)?.get(network), range, filter, best, false);
        }
        return best;
    }
}

/**
 * The first acceptable entry of a list (in rule order) whose range covers `range`. With `exact`, the
 * list holds intervals that start where `range` starts, and only the same interval counts; without,
 * an interval counts when it holds `range` and is not the same one (exact matches are looked up apart).
 */
function firstCovering<T extends IndexedEntry>(
    list: ReadonlyArray<AddressEntry<T>> | undefined,
    range: AddressRange,
    filter: EntryFilter<T>,
    best: T | undefined,
    exact: boolean,
): T | undefined {
    if (list === undefined) return best;
    for (const item of list) {
        if (best !== undefined && item.entry.order >= best.order) return best;
        const covers = exact ? item.range.last === range.last : rangeContains(item.range, range) && !sameRange(item.range, range);
        if (covers && filter.accepts(item.entry)) return item.entry;
    }
    return best;
}

export class DestinationIndex<T extends IndexedEntry> {
    private readonly anyBucket: T[] = [];
    private readonly tagBuckets = new Map<string, T[]>();
    private readonly userBuckets = new Map<string, T[]>();
    private readonly autogroupBuckets = new Map<string, T[]>();
    /** Entries by the first address of their interval (per family); the last address is checked on look-up. */
    private readonly exactV4 = new Map<bigint, Array<AddressEntry<T>>>();
    private readonly exactV6 = new Map<bigint, Array<AddressEntry<T>>>();
    private readonly widePrefixes = new PrefixTable<T>();
    private readonly wideRanges: Array<AddressEntry<T>> = [];

    private push(buckets: Map<string, T[]>, key: string, entry: T): void {
        const bucket = buckets.get(key);
        if (bucket === undefined) buckets.set(key, [entry]);
        else if (bucket[bucket.length - 1] !== entry) buckets.set(key, appended(bucket, entry));
    }

    private pushAddress(range: AddressRange, entry: T): void {
        const item: AddressEntry<T> = { range, entry };
        const exact = range.family === 4 ? this.exactV4 : this.exactV6;
        const bucket = exact.get(range.first);
        exact.set(range.first, bucket === undefined ? [item] : appended(bucket, item));
        if (!isWide(range)) return;
        const hostBits = cidrHostBits(range);
        if (hostBits === undefined) this.wideRanges.push(item);
        else this.widePrefixes.add(range, hostBits, item);
    }

    /** Files an entry under the destination selector `selector`; unreadable selectors file nothing. */
    add(selector: string, entry: T, model: PolicyModel): void {
        if (selector === "*") {
            if (this.anyBucket[this.anyBucket.length - 1] !== entry) this.anyBucket.push(entry);
            return;
        }
        if (selector.startsWith("tag:")) return this.push(this.tagBuckets, selector, entry);
        if (selector.startsWith("group:")) {
            for (const login of model.groups.get(selector) ?? []) this.push(this.userBuckets, login, entry);
            return;
        }
        if (selector.startsWith("autogroup:")) {
            this.push(this.autogroupBuckets, selector, entry);
            for (const login of model.roles.get(selector) ?? []) this.push(this.userBuckets, login, entry);
            return;
        }
        if (selector.startsWith("ipset:")) {
            for (const range of model.ipsets.get(selector) ?? []) this.pushAddress(range, entry);
            return;
        }
        if (selector.includes("@")) return this.push(this.userBuckets, selector, entry);
        const host = model.hosts.get(selector);
        if (host !== undefined) return this.pushAddress(host, entry);
        const range = parseAddress(selector);
        if (range !== undefined) this.pushAddress(range, entry);
    }

    /**
     * The lowest-order entry whose destination covers `dst` and that `filter` accepts. For a user
     * destination, entries under autogroup:self count only when `srcLogin` is that user.
     * Each bucket is sorted by order, so a bucket is read only up to its first acceptable entry.
     */
    first(dst: Principal, srcLogin: string | undefined, filter: EntryFilter<T>): T | undefined {
        let best = this.firstIn(this.anyBucket, filter, undefined);
        switch (dst.kind) {
            case "user":
                best = this.firstIn(this.userBuckets.get(dst.login), filter, best);
                best = this.firstIn(this.autogroupBuckets.get("autogroup:member"), filter, best);
                if (srcLogin === dst.login) best = this.firstIn(this.autogroupBuckets.get("autogroup:self"), filter, best);
                break;
            case "tag":
                best = this.firstIn(this.tagBuckets.get(dst.name), filter, best);
                best = this.firstIn(this.autogroupBuckets.get("autogroup:tagged"), filter, best);
                break;
            case "autogroup":
                best = this.firstIn(this.autogroupBuckets.get(dst.name), filter, best);
                break;
            case "address": {
                const exact = dst.range.family === 4 ? this.exactV4 : this.exactV6;
                best = firstCovering(exact.get(dst.range.first), dst.range, filter, best, true);
                best = this.widePrefixes.first(dst.range, filter, best);
                best = firstCovering(this.wideRanges, dst.range, filter, best, false);
                if (dst.internet) best = this.firstIn(this.autogroupBuckets.get("autogroup:internet"), filter, best);
                break;
            }
            case "group":
                // Callers expand groups into their members first.
                break;
        }
        return best;
    }

    private firstIn(list: readonly T[] | undefined, filter: EntryFilter<T>, best: T | undefined): T | undefined {
        if (list === undefined) return best;
        for (const entry of list) {
            if (best !== undefined && entry.order >= best.order) return best;
            if (filter.accepts(entry)) return entry;
        }
        return best;
    }
}
