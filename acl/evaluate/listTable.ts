/**
 * Lists of strings numbered by what they hold: a policy repeats the same short lists
 * (`["group:team1"]`, `["tcp:443"]`, `["root"]`) across many rules, so the evaluator reads each
 * distinct list once and keeps what it derives from it under the list's number. A list is the
 * sequence of the string numbers (the tape's name table) of its string elements; non-string
 * elements are skipped, as every reader skips them. The items live in one Int32Array and the lists
 * are found through an open-addressed table, so numbering a list allocates nothing on the
 * garbage-collected heap.
 */
import { FNV_OFFSET, FNV_PRIME, grown, NONE, openAddressed, type PolicyTape } from "../tape";

/** The number of the empty list, and of anything that is not a list. */
export const EMPTY_LIST = 0;

/** Mixes a running hash with one more string number (FNV-1a over the number, then spread). */
function mix(hash: number, item: number): number {
    return Math.imul(hash ^ item, FNV_PRIME);
}

/** The final spread of a list hash, so lists that differ in high bits still differ in the low bits a slot uses. */
function finish(hash: number): number {
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    return hash;
}

/** A table over the lists of one tape (string numbers mean nothing in another tape's name table). */
export class ListTable {
    /** How many lists are numbered (the empty list included). */
    count = 1;
    /** The items of every list, one list after another. */
    private items = new Int32Array(1024);
    private used = 0;
    private starts = new Int32Array(256);
    private ends = new Int32Array(256);
    private hashes = new Int32Array(256);
    /** Open-addressed slots holding list number + 1 (0 is empty); a power of two long. */
    private slots = new Int32Array(512);

    constructor(private readonly tape: PolicyTape) {
        this.hashes[EMPTY_LIST] = finish(FNV_OFFSET);
        this.slots[this.hashes[EMPTY_LIST] & (this.slots.length - 1)] = EMPTY_LIST + 1;
    }

    /** The number of the tape list `list`; a value that is not a list (or NONE) is the empty list. */
    of(list: number): number {
        const tape = this.tape;
        if (list === NONE || !tape.isArray(list)) return EMPTY_LIST;
        // Append the items tentatively; they are kept only when the list is new.
        const from = this.used;
        let end = from;
        let hash = FNV_OFFSET;
        for (let item = tape.first(list); item !== NONE; item = tape.next(item)) {
            if (!tape.isString(item)) continue;
            if (end === this.items.length) this.items = grown(this.items);
            const id = tape.stringId(item);
            this.items[end++] = id;
            hash = mix(hash, id);
        }
        hash = finish(hash);
        const length = end - from;
        const mask = this.slots.length - 1;
        for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
            const held = this.slots[slot];
            if (held === 0) return this.add(slot, from, end, hash);
            const n = held - 1;
            if (this.hashes[n] === hash && this.ends[n] - this.starts[n] === length && this.same(this.starts[n], from, length)) return n;
        }
    }

    /** Where the items of list `n` start (an index for item()). */
    start(n: number): number {
        return this.starts[n];
    }

    /** Where the items of list `n` end (exclusive). */
    end(n: number): number {
        return this.ends[n];
    }

    /** The string number at `index` (between start() and end() of a list). */
    item(index: number): number {
        return this.items[index];
    }

    /** How many strings list `n` holds. */
    length(n: number): number {
        return this.ends[n] - this.starts[n];
    }

    private same(a: number, b: number, length: number): boolean {
        const items = this.items;
        for (let i = 0; i < length; i++) if (items[a + i] !== items[b + i]) return false;
        return true;
    }

    private add(slot: number, from: number, end: number, hash: number): number {
        const n = this.count++;
        if (n === this.starts.length) {
            this.starts = grown(this.starts);
            this.ends = grown(this.ends);
            this.hashes = grown(this.hashes);
        }
        this.starts[n] = from;
        this.ends[n] = end;
        this.hashes[n] = hash;
        this.used = end;
        this.slots[slot] = n + 1;
        if (this.count * 2 > this.slots.length) this.rehash();
        return n;
    }

    private rehash(): void {
        this.slots = openAddressed(this.hashes, this.count, this.slots.length * 2);
    }
}
