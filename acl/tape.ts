/**
 * The token tape of a policy file: its values in document order in typed arrays, every string and
 * key numbered once, instead of a tree of JavaScript objects.
 *
 * Why: JSON.parse's object graph of a large policy is young when the analysis starts, so every
 * young-generation collection during the analysis copies it, and the number of collections grows
 * with the file. The tape lives in typed arrays (off the JavaScript heap, never copied), and each
 * distinct string is one JavaScript string however often the file repeats it. See bench/RESULTS.md.
 *
 * Layout: value `n` (0 is the top level) has a kind, the offset where it starts, and `end(n)`, the
 * first value after its subtree. A container's children are the values from n + 1 on, linked by
 * `next`. Object members carry the number of their key; a member whose key appears again later in
 * the same object is left out of its object's links (the last occurrence wins, as in JSON.parse).
 */
import type { Node } from "jsonc-parser";

export const OBJECT = 1;
export const ARRAY = 2;
export const STRING = 3;
export const NUMBER = 4;
export const TRUE = 5;
export const FALSE = 6;
export const NULL = 7;

/** No value: the end of a list of children, or a member that is absent. */
export const NONE = -1;

/** Objects and lists nested deeper than this are not scanned (parse.ts reports them as too deep). */
export const TAPE_MAX_NESTING = 1_000;

/** The JSON type of a value as messages name it. */
export type TapeJsonType = "object" | "list" | "string" | "boolean" | "number" | "null";

const TYPE_NAMES: readonly TapeJsonType[] = ["null", "object", "list", "string", "number", "boolean", "boolean", "null"];

/** FNV-1a, 32 bits: the hash of the tape's name table and of the evaluator's list table. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** FNV-1a hash of a JavaScript string, the same function the scanner runs over a string's characters. */
function hashOf(text: string): number {
    let hash = FNV_OFFSET;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
    return hash;
}

/**
 * Open-addressed slots (`length`, a power of two) for the entries numbered 0..count-1 with the given
 * hashes: each slot holds an entry's number + 1, or 0 when empty; probing is linear.
 */
export function openAddressed(hashes: Int32Array, count: number, length: number): Int32Array<ArrayBuffer> {
    const slots = new Int32Array(length);
    const mask = length - 1;
    for (let n = 0; n < count; n++) {
        let slot = hashes[n] & mask;
        while (slots[slot] !== 0) slot = (slot + 1) & mask;
        slots[slot] = n + 1;
    }
    return slots;
}

/** A copy of `from` twice as long. */
export function grown(from: Int32Array): Int32Array<ArrayBuffer> {
    const to = new Int32Array(from.length * 2);
    to.set(from);
    return to;
}

/**
 * The distinct strings (values and keys) of a text, numbered in order of first appearance. A string
 * without escapes is kept as its span of the text until first read; one with escapes is decoded
 * when scanned. Look-ups hash the characters, so the same text always gets the same number.
 */
export class NameTable {
    count = 0;
    /** Offset of the first character inside the quotes, or -1 for a string given decoded. */
    private spanStarts = new Int32Array(256);
    private spanEnds = new Int32Array(256);
    private hashes = new Int32Array(256);
    /** Decoded strings, read lazily; always set for strings with escapes. */
    private readonly decoded: Array<string | undefined> = [];
    /** Open-addressed slots holding number + 1 (0 is empty); a power of two long. */
    private slots = new Int32Array(1024);
    /** Numbers of the strings looked up by name (the keys the analysis asks for), so each is hashed once. */
    private readonly known = new Map<string, number>();

    constructor(private readonly text: string) {}

    /** The number of the unescaped string at text[start, end) whose characters hash to `hash`. */
    internSpan(start: number, end: number, hash: number): number {
        const text = this.text;
        const length = end - start;
        const mask = this.slots.length - 1;
        for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
            const held = this.slots[slot];
            if (held === 0) return this.add(slot, start, end, hash, undefined);
            const id = held - 1;
            if (this.hashes[id] !== hash) continue;
            const otherStart = this.spanStarts[id];
            if (otherStart >= 0) {
                if (this.spanEnds[id] - otherStart !== length) continue;
                let same = true;
                for (let i = 0; i < length; i++) {
                    if (text.charCodeAt(start + i) !== text.charCodeAt(otherStart + i)) {
                        same = false;
                        break;
                    }
                }
                if (same) return id;
            } else if (this.decoded[id] === text.slice(start, end)) {
                return id;
            }
        }
    }

    /** The number of a decoded string (one that had escapes, or came from another parser). */
    internString(value: string, hash: number = hashOf(value)): number {
        const mask = this.slots.length - 1;
        for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
            const held = this.slots[slot];
            if (held === 0) return this.add(slot, -1, -1, hash, value);
            const id = held - 1;
            if (this.hashes[id] === hash && this.equals(id, value)) return id;
        }
    }

    /**
     * The number of `value` if the text contains it as a string or key, else NONE. The first 256
     * strings asked for are remembered (meant for the constant keys the analysis asks about).
     */
    idOf(value: string): number {
        const known = this.known.get(value);
        if (known !== undefined) return known;
        const found = this.find(value);
        // Remember constant keys, not every string a caller asks about.
        if (this.known.size < 256) this.known.set(value, found);
        return found;
    }

    /**
     * The number of `value` if the text contains it as a string or key, else NONE; compares
     * characters in place, so it neither reads the candidate into a string nor remembers `value`
     * (for look-ups of many different strings, where idOf is for a few constant ones).
     */
    find(value: string): number {
        const hash = hashOf(value);
        const mask = this.slots.length - 1;
        for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
            const held = this.slots[slot];
            if (held === 0) return NONE;
            const id = held - 1;
            if (this.hashes[id] === hash && this.equals(id, value)) return id;
        }
    }

    /** True when the string numbered `id` is `value`. */
    private equals(id: number, value: string): boolean {
        const start = this.spanStarts[id];
        if (start < 0) return this.decoded[id] === value;
        if (this.spanEnds[id] - start !== value.length) return false;
        const text = this.text;
        for (let i = 0; i < value.length; i++) if (text.charCodeAt(start + i) !== value.charCodeAt(i)) return false;
        return true;
    }

    /** True when the string numbered `id` starts with `prefix` (read in place). */
    startsWith(id: number, prefix: string): boolean {
        const start = this.spanStarts[id];
        if (start < 0) return (this.decoded[id] as string).startsWith(prefix);
        if (this.spanEnds[id] - start < prefix.length) return false;
        const text = this.text;
        for (let i = 0; i < prefix.length; i++) if (text.charCodeAt(start + i) !== prefix.charCodeAt(i)) return false;
        return true;
    }

    /** True when the string numbered `id` holds the character `code` (read in place). */
    hasChar(id: number, code: number): boolean {
        const start = this.spanStarts[id];
        if (start < 0) return (this.decoded[id] as string).includes(String.fromCharCode(code));
        const text = this.text;
        for (let i = start, end = this.spanEnds[id]; i < end; i++) if (text.charCodeAt(i) === code) return true;
        return false;
    }

    /**
     * The string numbered `id`, without keeping it when it was not read before: for strings a pass
     * reads once (a policy's test destinations are mostly distinct), which then die young instead
     * of being carried through every young-generation collection while the tape lives.
     */
    textOnce(id: number): string {
        return this.decoded[id] ?? this.text.slice(this.spanStarts[id], this.spanEnds[id]);
    }

    /** The string numbered `id`. */
    textOf(id: number): string {
        let value = this.decoded[id];
        if (value === undefined) {
            value = this.text.slice(this.spanStarts[id], this.spanEnds[id]);
            this.decoded[id] = value;
        }
        return value;
    }

    private add(slot: number, start: number, end: number, hash: number, value: string | undefined): number {
        const id = this.count++;
        if (id === this.hashes.length) {
            this.spanStarts = grown(this.spanStarts);
            this.spanEnds = grown(this.spanEnds);
            this.hashes = grown(this.hashes);
        }
        this.spanStarts[id] = start;
        this.spanEnds[id] = end;
        this.hashes[id] = hash;
        this.decoded.push(value);
        this.slots[slot] = id + 1;
        if (this.count * 2 > this.slots.length) this.rehash();
        return id;
    }

    private rehash(): void {
        this.slots = openAddressed(this.hashes, this.count, this.slots.length * 2);
    }
}

/** Marks a member whose key appears again later in its object. */
const SHADOWED = -2;

/** The arrays a tape is built into; grown while scanning. */
class TapeArrays {
    count = 0;
    kinds: Uint8Array;
    starts: Int32Array;
    ends: Int32Array;
    /** Key number of an object member; -1 for other values, SHADOWED for a member a later duplicate replaces. */
    keys: Int32Array;
    /** A string's number; a number's length in characters; a container's count of children. */
    values: Int32Array;

    constructor(capacity: number) {
        this.kinds = new Uint8Array(capacity);
        this.starts = new Int32Array(capacity);
        this.ends = new Int32Array(capacity);
        this.keys = new Int32Array(capacity);
        this.values = new Int32Array(capacity);
    }

    /** Adds a value and returns its number. */
    push(kind: number, start: number, key: number): number {
        const n = this.count++;
        if (n === this.kinds.length) {
            const kinds = new Uint8Array(n * 2);
            kinds.set(this.kinds);
            this.kinds = kinds;
            this.starts = grown(this.starts);
            this.ends = grown(this.ends);
            this.keys = grown(this.keys);
            this.values = grown(this.values);
        }
        this.kinds[n] = kind;
        this.starts[n] = start;
        this.ends[n] = n + 1;
        this.keys[n] = key;
        this.values[n] = 0;
        return n;
    }
}

/** A policy text as a tape; see the module comment. Build it with scanTape or tapeFromTree. */
export class PolicyTape {
    readonly count: number;
    private readonly kinds: Uint8Array;
    private readonly starts: Int32Array;
    private readonly ends: Int32Array;
    private readonly keys: Int32Array;
    private readonly values: Int32Array;
    /** The next child of the same container (duplicates skipped), or NONE. */
    private readonly nexts: Int32Array;
    /** For a container, its first child (duplicates skipped) or NONE. */
    private readonly firsts: Int32Array;
    /** Children of lists reached by index (locating findings), listed on first use. */
    private readonly elementLists = new Map<number, Int32Array>();
    /** Members of objects located more than once, by key number. */
    private readonly memberTables = new Map<number, Map<number, number>>();
    private readonly visited = new Set<number>();

    constructor(readonly text: string, arrays: TapeArrays, readonly names: NameTable) {
        this.count = arrays.count;
        this.kinds = arrays.kinds;
        this.starts = arrays.starts;
        this.ends = arrays.ends;
        this.keys = arrays.keys;
        this.values = arrays.values;
        this.nexts = new Int32Array(this.count);
        this.firsts = new Int32Array(this.count);
        this.link();
    }

    /** The kind of value `n` (OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL); 0 for NONE. */
    kind(n: number): number {
        return n >= 0 ? this.kinds[n] : 0;
    }

    isObject(n: number): boolean {
        return n >= 0 && this.kinds[n] === OBJECT;
    }

    isArray(n: number): boolean {
        return n >= 0 && this.kinds[n] === ARRAY;
    }

    isString(n: number): boolean {
        return n >= 0 && this.kinds[n] === STRING;
    }

    /** True for a value that is present and not null (Tailscale reads null as absent). */
    isPresent(n: number): boolean {
        return n >= 0 && this.kinds[n] !== NULL;
    }

    /** The JSON type of a value as messages name it ("list" for an array). */
    jsonType(n: number): TapeJsonType {
        return TYPE_NAMES[this.kinds[n]];
    }

    /** Offset in the text where value `n` starts. */
    offset(n: number): number {
        return this.starts[n];
    }

    /** The first child of a container (an element, or a member whose key is not repeated later), or NONE. */
    first(n: number): number {
        return n >= 0 && this.kinds[n] <= ARRAY ? this.firsts[n] : NONE;
    }

    /** The first element of `n` when it is a list, else NONE: anything but a list reads as an empty list. */
    firstElement(n: number): number {
        return n >= 0 && this.kinds[n] === ARRAY ? this.firsts[n] : NONE;
    }

    /** The child after `child` in its container, or NONE. */
    next(child: number): number {
        return this.nexts[child];
    }

    /** Elements of a list; members of an object, a repeated key counted once. */
    length(n: number): number {
        return n >= 0 && this.kinds[n] <= ARRAY ? this.values[n] : 0;
    }

    /** The decoded text of string value `n`. */
    string(n: number): string {
        return this.names.textOf(this.values[n]);
    }

    /** The decoded text of string value `n`, not kept for later reads (NameTable.textOnce). */
    stringOnce(n: number): string {
        return this.names.textOnce(this.values[n]);
    }

    /** The number of string value `n` in the name table (equal strings, equal numbers). */
    stringId(n: number): number {
        return this.values[n];
    }

    /** The string value of `n`, or undefined when `n` is absent or not a string. */
    stringOrUndefined(n: number): string | undefined {
        return n >= 0 && this.kinds[n] === STRING ? this.names.textOf(this.values[n]) : undefined;
    }

    /** The key of object member `n`. */
    key(n: number): string {
        return this.names.textOf(this.keys[n]);
    }

    /** The number of the key of object member `n`. */
    keyId(n: number): number {
        return this.keys[n];
    }

    /** The value of a number `n`. */
    number(n: number): number {
        return Number(this.text.slice(this.starts[n], this.starts[n] + this.values[n]));
    }

    /** The member `key` of object `n`, or NONE (also when `n` is not an object). */
    member(n: number, key: string): number {
        if (n < 0 || this.kinds[n] !== OBJECT) return NONE;
        const id = this.names.idOf(key);
        if (id === NONE) return NONE;
        for (let child = this.firsts[n]; child !== NONE; child = this.nexts[child]) if (this.keys[child] === id) return child;
        return NONE;
    }

    /** The member `key` of object `n` unless it is null: Tailscale reads null as absent. */
    field(n: number, key: string): number {
        const value = this.member(n, key);
        return value >= 0 && this.kinds[value] === NULL ? NONE : value;
    }

    /** The value at a JSON path, e.g. ["acls", 0, "dst", 1]; NONE when the path leads nowhere. */
    find(path: ReadonlyArray<string | number>): number {
        if (this.count === 0) return NONE;
        let n = 0;
        for (const segment of path) {
            n = typeof segment === "number" ? this.elementAt(n, segment) : this.locatedMember(n, segment);
            if (n === NONE) return NONE;
        }
        return n;
    }

    /** Element `index` of list `n`, or NONE; the list's elements are listed on first use. */
    private elementAt(n: number, index: number): number {
        if (this.kinds[n] !== ARRAY || !Number.isInteger(index) || index < 0 || index >= this.values[n]) return NONE;
        let list = this.elementLists.get(n);
        if (list === undefined) {
            list = new Int32Array(this.values[n]);
            let at = 0;
            for (let child = this.firsts[n]; child !== NONE; child = this.nexts[child]) list[at++] = child;
            this.elementLists.set(n, list);
        }
        return list[index];
    }

    /** member(), with a table of the object's members from its second look-up on (findings cluster on a few objects). */
    private locatedMember(n: number, key: string): number {
        if (this.kinds[n] !== OBJECT) return NONE;
        const table = this.memberTables.get(n);
        const id = this.names.idOf(key);
        if (table !== undefined) return id === NONE ? NONE : (table.get(id) ?? NONE);
        if (!this.visited.has(n)) {
            this.visited.add(n);
            return this.member(n, key);
        }
        const members = new Map<number, number>();
        for (let child = this.firsts[n]; child !== NONE; child = this.nexts[child]) members.set(this.keys[child], child);
        this.memberTables.set(n, members);
        return id === NONE ? NONE : (members.get(id) ?? NONE);
    }

    /**
     * Links each container's children (firsts, nexts), counts them, and leaves out members whose key
     * appears again later in the same object. One pass over the values: children follow their
     * container, so a container is linked when the walk reaches it.
     */
    private link(): void {
        const { kinds, ends, keys, values, nexts, firsts } = this;
        /** For each key number, the object it was last seen in and the member that held it. */
        const seenIn = new Int32Array(this.names.count).fill(NONE);
        const seenAt = new Int32Array(this.names.count);
        nexts.fill(NONE);
        for (let n = 0; n < this.count; n++) {
            const kind = kinds[n];
            if (kind > ARRAY) continue;
            const end = ends[n];
            let children = 0;
            let last = NONE;
            firsts[n] = NONE;
            for (let child = n + 1; child < end; child = ends[child]) {
                if (kind === OBJECT) {
                    const key = keys[child];
                    if (seenIn[key] === n) {
                        // An earlier member with this key: the later one replaces it.
                        keys[seenAt[key]] = SHADOWED;
                        children--;
                    }
                    seenIn[key] = n;
                    seenAt[key] = child;
                }
                children++;
            }
            values[n] = children;
            for (let child = n + 1; child < end; child = ends[child]) {
                if (keys[child] === SHADOWED) continue;
                if (last === NONE) firsts[n] = child;
                else nexts[last] = child;
                last = child;
            }
        }
    }
}

/** True for a character that may follow "\" in a JSON string (other than "u"). */
function isSimpleEscape(code: number): boolean {
    return code === 34 || code === 92 || code === 47 || code === 98 || code === 102 || code === 110 || code === 114 || code === 116;
}

function isHexDigit(code: number): boolean {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function isDigitCode(code: number): boolean {
    return code >= 48 && code <= 57;
}

/**
 * Scans HuJSON text (JSON plus comments and trailing commas) whose top level is an object into a
 * tape. Returns undefined for anything else: a syntax error, another top level, a byte order mark
 * or other whitespace JSON does not allow, or nesting deeper than TAPE_MAX_NESTING; the caller
 * then takes the full parser, which reports what is wrong (or builds the tape with tapeFromTree).
 * Accepts exactly what JSON.parse accepts once comments and trailing commas are blanked.
 */
export function scanTape(text: string): PolicyTape | undefined {
    const length = text.length;
    // Policies as people write them take 20 to 30 characters a value; a compact file grows the arrays once or twice.
    const tape = new TapeArrays(Math.max(16, length >> 4));
    const names = new NameTable(text);
    const open = new Int32Array(TAPE_MAX_NESTING + 1);
    let depth = 0;
    let pos = 0;

    /** The offset of the next character that is neither whitespace nor in a comment; -1 for an unclosed comment. */
    const skip = (from: number): number => {
        let i = from;
        while (i < length) {
            const code = text.charCodeAt(i);
            if (code === 32 || code === 10 || code === 13 || code === 9) {
                i++;
                continue;
            }
            if (code !== 47 /* / */) return i;
            const second = text.charCodeAt(i + 1);
            if (second === 47) {
                i += 2;
                for (let c = text.charCodeAt(i); i < length && c !== 10 && c !== 13; c = text.charCodeAt(++i));
            } else if (second === 42 /* * */) {
                const close = text.indexOf("*/", i + 2);
                if (close < 0) return -1;
                i = close + 2;
            } else {
                return i;
            }
        }
        return i;
    };

    /** Scans the string opening at `at`; returns its name number and sets `pos` past it, or -1 when it is malformed. */
    const scanString = (at: number): number => {
        const start = at + 1;
        let hash = FNV_OFFSET;
        let escaped = false;
        let i = start;
        for (;;) {
            if (i >= length) return -1;
            const code = text.charCodeAt(i);
            if (code === 34) break;
            if (code < 32) return -1;
            if (code === 92) {
                const next = text.charCodeAt(i + 1);
                if (next === 117 /* u */) {
                    if (!isHexDigit(text.charCodeAt(i + 2)) || !isHexDigit(text.charCodeAt(i + 3)) || !isHexDigit(text.charCodeAt(i + 4)) || !isHexDigit(text.charCodeAt(i + 5))) return -1;
                    i += 6;
                } else if (isSimpleEscape(next)) {
                    i += 2;
                } else {
                    return -1;
                }
                escaped = true;
                continue;
            }
            hash = Math.imul(hash ^ code, FNV_PRIME);
            i++;
        }
        pos = i + 1;
        if (!escaped) return names.internSpan(start, i, hash);
        return names.internString(JSON.parse(text.slice(at, i + 1)) as string);
    };

    /** Scans a number at `at`; returns its length, or -1 when it is not a JSON number. */
    const scanNumber = (at: number): number => {
        let i = at;
        if (text.charCodeAt(i) === 45 /* - */) i++;
        const firstDigit = text.charCodeAt(i);
        if (firstDigit === 48) i++;
        else if (firstDigit >= 49 && firstDigit <= 57) while (isDigitCode(text.charCodeAt(i))) i++;
        else return -1;
        if (text.charCodeAt(i) === 46 /* . */) {
            i++;
            if (!isDigitCode(text.charCodeAt(i))) return -1;
            while (isDigitCode(text.charCodeAt(i))) i++;
        }
        const e = text.charCodeAt(i);
        if (e === 101 || e === 69) {
            i++;
            const sign = text.charCodeAt(i);
            if (sign === 43 || sign === 45) i++;
            if (!isDigitCode(text.charCodeAt(i))) return -1;
            while (isDigitCode(text.charCodeAt(i))) i++;
        }
        return i - at;
    };

    const literal = (at: number, word: string): boolean => text.startsWith(word, at);

    pos = skip(0);
    if (pos < 0 || text.charCodeAt(pos) !== 123) return undefined;
    let key = NONE;
    for (;;) {
        // A value starts at pos (past trivia); `key` is its key when it is an object member.
        if (pos >= length) return undefined;
        const code = text.charCodeAt(pos);
        if (code === 123 /* { */ || code === 91 /* [ */) {
            const n = tape.push(code === 123 ? OBJECT : ARRAY, pos, key);
            if (depth === TAPE_MAX_NESTING) return undefined;
            open[depth++] = n;
            pos = skip(pos + 1);
            if (pos < 0) return undefined;
            const closing = code === 123 ? 125 : 93;
            if (text.charCodeAt(pos) === closing) {
                tape.ends[n] = tape.count;
                depth--;
                pos++;
            } else if (code === 123) {
                if (text.charCodeAt(pos) !== 34) return undefined;
                key = scanString(pos);
                if (key < 0) return undefined;
                pos = skip(pos);
                if (pos < 0 || text.charCodeAt(pos) !== 58 /* : */) return undefined;
                pos = skip(pos + 1);
                if (pos < 0) return undefined;
                continue;
            } else {
                key = NONE;
                continue;
            }
        } else if (code === 34) {
            const n = tape.push(STRING, pos, key);
            const id = scanString(pos);
            if (id < 0) return undefined;
            tape.values[n] = id;
        } else if (code === 116 /* t */ || code === 102 /* f */ || code === 110 /* n */) {
            const word = code === 116 ? "true" : code === 102 ? "false" : "null";
            if (!literal(pos, word)) return undefined;
            tape.push(code === 116 ? TRUE : code === 102 ? FALSE : NULL, pos, key);
            pos += word.length;
        } else {
            const size = scanNumber(pos);
            if (size < 0) return undefined;
            const n = tape.push(NUMBER, pos, key);
            tape.values[n] = size;
            pos += size;
        }
        // After a value: a comma and the next value, or the end of containers.
        for (;;) {
            pos = skip(pos);
            if (pos < 0) return undefined;
            if (depth === 0) return pos === length ? new PolicyTape(text, tape, names) : undefined;
            const container = open[depth - 1];
            const inObject = tape.kinds[container] === OBJECT;
            const next = text.charCodeAt(pos);
            if (next === 44 /* , */) {
                pos = skip(pos + 1);
                if (pos < 0) return undefined;
                const after = text.charCodeAt(pos);
                // A trailing comma: the container closes right after it.
                if (after === (inObject ? 125 : 93)) {
                    tape.ends[container] = tape.count;
                    depth--;
                    pos++;
                    continue;
                }
                if (inObject) {
                    if (after !== 34) return undefined;
                    key = scanString(pos);
                    if (key < 0) return undefined;
                    pos = skip(pos);
                    if (pos < 0 || text.charCodeAt(pos) !== 58) return undefined;
                    pos = skip(pos + 1);
                    if (pos < 0) return undefined;
                } else {
                    key = NONE;
                }
                break;
            }
            if (next === (inObject ? 125 : 93)) {
                tape.ends[container] = tape.count;
                depth--;
                pos++;
                continue;
            }
            return undefined;
        }
    }
}

/**
 * The tape of a jsonc-parser syntax tree, for text scanTape does not take but the full parser reads
 * without errors (a byte order mark, other Unicode whitespace, deep nesting). Strings come decoded
 * from the tree; positions are the tree's offsets. Iterative, so deep nesting is no problem.
 */
export function tapeFromTree(text: string, root: Node): PolicyTape {
    const tape = new TapeArrays(64);
    const names = new NameTable(text);
    // Work list of [node, key] pairs, children pushed in reverse so they come off in document order;
    // a container's end is set when the marker pushed below its children comes off.
    const work: Array<{ node: Node; key: number } | { close: number }> = [{ node: root, key: NONE }];
    while (work.length > 0) {
        const item = work.pop()!;
        if ("close" in item) {
            tape.ends[item.close] = tape.count;
            continue;
        }
        const { node, key } = item;
        switch (node.type) {
            case "object": {
                const n = tape.push(OBJECT, node.offset, key);
                work.push({ close: n });
                const members = node.children ?? [];
                for (let i = members.length - 1; i >= 0; i--) {
                    const [keyNode, valueNode] = members[i].children ?? [];
                    if (keyNode === undefined || valueNode === undefined) continue;
                    work.push({ node: valueNode, key: names.internString(String(keyNode.value)) });
                }
                break;
            }
            case "array": {
                const n = tape.push(ARRAY, node.offset, key);
                work.push({ close: n });
                const elements = node.children ?? [];
                for (let i = elements.length - 1; i >= 0; i--) work.push({ node: elements[i], key: NONE });
                break;
            }
            case "string": {
                const n = tape.push(STRING, node.offset, key);
                tape.values[n] = names.internString(String(node.value));
                break;
            }
            case "number": {
                const n = tape.push(NUMBER, node.offset, key);
                tape.values[n] = node.length;
                break;
            }
            case "boolean":
                tape.push(node.value === true ? TRUE : FALSE, node.offset, key);
                break;
            default:
                tape.push(NULL, node.offset, key);
        }
    }
    return new PolicyTape(text, tape, names);
}

/**
 * The plain JavaScript value of a tape's subtree, equal to what JSON.parse gives, except that an
 * object's keys come in the order of their last occurrence (JSON.parse keeps a repeated key where it
 * first appeared). For tests, and for small parts of a policy a caller needs as plain values.
 */
export function tapeValue(tape: PolicyTape, n: number = 0): unknown {
    switch (tape.kind(n)) {
        case OBJECT: {
            const out: Record<string, unknown> = {};
            for (let child = tape.first(n); child !== NONE; child = tape.next(child)) {
                Object.defineProperty(out, tape.key(child), { value: tapeValue(tape, child), writable: true, enumerable: true, configurable: true });
            }
            return out;
        }
        case ARRAY: {
            const out: unknown[] = [];
            for (let child = tape.first(n); child !== NONE; child = tape.next(child)) out.push(tapeValue(tape, child));
            return out;
        }
        case STRING:
            return tape.string(n);
        case NUMBER:
            return tape.number(n);
        case TRUE:
            return true;
        case FALSE:
            return false;
        default:
            return null;
    }
}
