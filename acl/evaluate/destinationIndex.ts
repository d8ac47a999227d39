/**
 * Rules indexed by what their destination names, so a query only looks at the rules that could
 * cover its destination instead of scanning every rule.
 *
 * Buckets: "*" (any), per tag, per user login, per autogroup, and addresses: exact
 * intervals in a map; wider prefixes grouped by the /16 (IPv4) or /48 (IPv6) block they lie in,
 * and those spanning several blocks in one list, so a containment scan stays local.
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

/** The /16 (IPv4) or /48 (IPv6) block holding the whole range, or undefined if it spans several. */
function blockOf(range: AddressRange): string | undefined {
    const shift = range.family === 4 ? 16n : 80n;
    const block = range.first >> shift;
    return block === range.last >> shift ? `${range.family}:${block.toString(16)}` : undefined;
}

function sameRange(a: AddressRange, b: AddressRange): boolean {
    return a.family === b.family && a.first === b.first && a.last === b.last;
}

export class DestinationIndex<T extends IndexedEntry> {
    private readonly anyBucket: T[] = [];
    private readonly tagBuckets = new Map<string, T[]>();
    private readonly userBuckets = new Map<string, T[]>();
    private readonly autogroupBuckets = new Map<string, T[]>();
    /** Entries by the first address of their interval (per family); the last address is checked on look-up. */
    private readonly exactV4 = new Map<bigint, Array<AddressEntry<T>>>();
    private readonly exactV6 = new Map<bigint, Array<AddressEntry<T>>>();
    private readonly wideByBlock = new Map<string, Array<AddressEntry<T>>>();
    private readonly wideAcrossBlocks: Array<AddressEntry<T>> = [];

    private push(buckets: Map<string, T[]>, key: string, entry: T): void {
        const bucket = buckets.get(key);
        if (bucket === undefined) buckets.set(key, [entry]);
        else if (bucket[bucket.length - 1] !== entry) bucket.push(entry);
    }

    private pushAddress(range: AddressRange, entry: T): void {
        const exact = range.family === 4 ? this.exactV4 : this.exactV6;
        const bucket = exact.get(range.first);
        if (bucket === undefined) exact.set(range.first, [{ range, entry }]);
        else bucket.push({ range, entry });
        if (!isWide(range)) return;
        const block = blockOf(range);
        if (block === undefined) {
            this.wideAcrossBlocks.push({ range, entry });
            return;
        }
        const list = this.wideByBlock.get(block);
        if (list === undefined) this.wideByBlock.set(block, [{ range, entry }]);
        else list.push({ range, entry });
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
     * The lowest-order entry whose destination covers `dst` and that `accepts`. For a user
     * destination, entries under autogroup:self count only when `srcLogin` is that user.
     * Each bucket is sorted by order, so a bucket is read only up to its first acceptable entry.
     */
    first(dst: Principal, srcLogin: string | undefined, accepts: (entry: T) => boolean): T | undefined {
        let best = this.firstIn(this.anyBucket, accepts, undefined);
        switch (dst.kind) {
            case "user":
                best = this.firstIn(this.userBuckets.get(dst.login), accepts, best);
                best = this.firstIn(this.autogroupBuckets.get("autogroup:member"), accepts, best);
                if (srcLogin === dst.login) best = this.firstIn(this.autogroupBuckets.get("autogroup:self"), accepts, best);
                break;
            case "tag":
                best = this.firstIn(this.tagBuckets.get(dst.name), accepts, best);
                best = this.firstIn(this.autogroupBuckets.get("autogroup:tagged"), accepts, best);
                break;
            case "autogroup":
                best = this.firstIn(this.autogroupBuckets.get(dst.name), accepts, best);
                break;
            case "address": {
                const exact = dst.range.family === 4 ? this.exactV4 : this.exactV6;
                best = this.firstExact(exact.get(dst.range.first), dst.range, accepts, best);
                best = this.firstWider(this.wideAcrossBlocks, dst.range, accepts, best);
                const block = blockOf(dst.range);
                if (block !== undefined) best = this.firstWider(this.wideByBlock.get(block), dst.range, accepts, best);
                if (dst.internet) best = this.firstIn(this.autogroupBuckets.get("autogroup:internet"), accepts, best);
                break;
            }
            case "group":
                // Callers expand groups into their members first.
                break;
        }
        return best;
    }

    private firstIn(list: readonly T[] | undefined, accepts: (entry: T) => boolean, best: T | undefined): T | undefined {
        if (list === undefined) return best;
        for (const entry of list) {
            if (best !== undefined && entry.order >= best.order) return best;
            if (accepts(entry)) return entry;
        }
        return best;
    }

    private firstExact(
        list: ReadonlyArray<AddressEntry<T>> | undefined,
        range: AddressRange,
        accepts: (entry: T) => boolean,
        best: T | undefined,
    ): T | undefined {
        if (list === undefined) return best;
        for (const item of list) {
            if (best !== undefined && item.entry.order >= best.order) return best;
            if (item.range.last === range.last && accepts(item.entry)) return item.entry;
        }
        return best;
    }

    private firstWider(
        list: ReadonlyArray<AddressEntry<T>> | undefined,
        range: AddressRange,
        accepts: (entry: T) => boolean,
        best: T | undefined,
    ): T | undefined {
        if (list === undefined) return best;
        for (const item of list) {
            if (best !== undefined && item.entry.order >= best.order) return best;
            if (rangeContains(item.range, range) && !sameRange(item.range, range) && accepts(item.entry)) return item.entry;
        }
        return best;
    }
}
