/**
 * Skeletons of two designs for the policy analysis, for the growth benchmark (growthFloor.ts): the
 * same logical work, done over JSON.parse's object graph and over an off-heap token tape. Each reads
 * the whole text, gives every distinct string (keys and values) a number the first time it is seen,
 * then walks the document twice more reading those numbers, as later passes would look names up.
 *
 * - objectGraphSkeleton: JSON.parse, numbering in a Map<string, number>. This was the shape of the
 *   analysis until 2026-11-26: the parsed value is young in V8 and stays alive through every pass.
 * - tapeSkeleton: one scan of the text into an Int32Array of (kind, start, end) per token, with the
 *   strings numbered in an open-addressing table of Int32Arrays that compares spans of the text. Typed
 *   arrays keep their contents outside the garbage-collected heap, so young-generation collections
 *   have nothing of it to copy. The analysis has read such a tape since (acl/tape.ts).
 *
 * Neither is the product: they model what each design costs as the input grows, with no validation.
 * Both number the strings in document order, so on a text without duplicate keys, integer-like keys
 * or escapes (the generated policies) they return the same count and checksum; the benchmark checks
 * that before it trusts a timing.
 */
import { grown } from "../../acl/tape";

/** True for a character that ends a JSON number or literal: ",", "]", "}" or whitespace. */
function isDelimiter(code: number): boolean {
    return code === 44 || code === 93 || code === 125 || code === 32 || code === 10 || code === 13 || code === 9;
}

/** What a skeleton computed: how many distinct strings, and a checksum of the numbers read in order. */
export interface SkeletonResult {
    distinct: number;
    checksum: number;
}

/** JSON.parse, then every string numbered through a Map, then two more walks reading the numbers. */
export function objectGraphSkeleton(text: string): SkeletonResult {
    const value: unknown = JSON.parse(text);
    const numbers = new Map<string, number>();
    const numberOf = (name: string): number => {
        let number = numbers.get(name);
        if (number === undefined) {
            number = numbers.size + 1;
            numbers.set(name, number);
        }
        return number;
    };
    const lookUp = (name: string): number => numbers.get(name) ?? 0;
    let checksum = foldStrings(value, numberOf, 0);
    checksum = foldStrings(value, lookUp, checksum);
    checksum = foldStrings(value, lookUp, checksum);
    return { distinct: numbers.size, checksum };
}

/** Folds `number(s)` of every key and string in `value`, in document order, into `checksum`. */
function foldStrings(value: unknown, number: (name: string) => number, checksum: number): number {
    if (typeof value === "string") return fold(checksum, number(value));
    if (typeof value !== "object" || value === null) return checksum;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) checksum = foldStrings(value[i], number, checksum);
        return checksum;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
        checksum = fold(checksum, number(key));
        checksum = foldStrings(record[key], number, checksum);
    }
    return checksum;
}

function fold(checksum: number, number: number): number {
    return (Math.imul(checksum, 31) + number) | 0;
}

const STRING = 1;
const OTHER = 2;

/** One scan of the text into a tape, every string numbered in an off-heap table, then two walks of the tape. */
export function tapeSkeleton(text: string): SkeletonResult {
    const tape = tokenize(text);
    const names = new SpanNumbers(text);
    // One number per token (0 for tokens that are not strings), kept beside the tape.
    const numbers = new Int32Array(tape.count);
    let checksum = 0;
    for (let token = 0; token < tape.count; token++) {
        if (tape.kinds[token] !== STRING) continue;
        numbers[token] = names.numberOf(tape.starts[token], tape.ends[token]);
        checksum = fold(checksum, numbers[token]);
    }
    for (let walk = 0; walk < 2; walk++) {
        for (let token = 0; token < tape.count; token++) if (tape.kinds[token] === STRING) checksum = fold(checksum, numbers[token]);
    }
    return { distinct: names.count, checksum };
}

interface Tape {
    count: number;
    kinds: Int32Array;
    /** For a string, the offset after its opening quote; otherwise the token's first character. */
    starts: Int32Array;
    /** For a string, the offset of its closing quote; otherwise after the token. */
    ends: Int32Array;
}

/** Plain JSON to a tape of strings, brackets and other scalars (no validation: the skeleton reads valid JSON). */
function tokenize(text: string): Tape {
    const capacity = Math.max(16, text.length >> 3);
    let kinds: Int32Array = new Int32Array(capacity);
    let starts: Int32Array = new Int32Array(capacity);
    let ends: Int32Array = new Int32Array(capacity);
    let count = 0;
    const length = text.length;
    for (let i = 0; i < length; i++) {
        const code = text.charCodeAt(i);
        let kind: number;
        let start = i;
        let end: number;
        if (code === 34 /* " */) {
            start = i + 1;
            let j = start;
            for (let c = text.charCodeAt(j); c !== 34; c = text.charCodeAt(++j)) if (c === 92) j++;
            end = j;
            kind = STRING;
            i = j;
        } else if (code === 123 || code === 125 || code === 91 || code === 93) {
            kind = code;
            end = i + 1;
        } else if (code === 45 || (code >= 48 && code <= 57) || code === 116 || code === 102 || code === 110) {
            let j = i + 1;
            while (j < length && !isDelimiter(text.charCodeAt(j))) j++;
            kind = OTHER;
            end = j;
            i = j - 1;
        } else {
            continue; // whitespace, ":" and ","
        }
        if (count === kinds.length) {
            kinds = grown(kinds);
            starts = grown(starts);
            ends = grown(ends);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = end;
        count++;
    }
    return { count, kinds, starts, ends };
}

/**
 * Numbers spans of a text by their characters: an open-addressing hash table of Int32Arrays, sized
 * to the distinct spans (doubled at half full), so its size follows the names, not the bytes.
 */
class SpanNumbers {
    count = 0;
    private slots: Int32Array = new Int32Array(1024);
    private starts: Int32Array = new Int32Array(1024);
    private ends: Int32Array = new Int32Array(1024);
    private hashes: Int32Array = new Int32Array(1024);

    constructor(private readonly text: string) {}

    numberOf(start: number, end: number): number {
        const text = this.text;
        let hash = 0;
        for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
        const mask = this.slots.length - 1;
        for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
            const number = this.slots[slot];
            if (number === 0) return this.add(slot, start, end, hash);
            if (this.hashes[number] === hash && this.sameSpan(this.starts[number], this.ends[number], start, end)) return number;
        }
    }

    private sameSpan(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
        if (aEnd - aStart !== bEnd - bStart) return false;
        for (let i = 0; i < aEnd - aStart; i++) if (this.text.charCodeAt(aStart + i) !== this.text.charCodeAt(bStart + i)) return false;
        return true;
    }

    private add(slot: number, start: number, end: number, hash: number): number {
        const number = ++this.count;
        if (number === this.starts.length) {
            this.starts = grown(this.starts);
            this.ends = grown(this.ends);
            this.hashes = grown(this.hashes);
        }
        this.starts[number] = start;
        this.ends[number] = end;
        this.hashes[number] = hash;
        this.slots[slot] = number;
        if (number * 2 > this.slots.length) this.rehash(this.slots.length * 2);
        return number;
    }

    private rehash(size: number): void {
        const slots = new Int32Array(size);
        const mask = size - 1;
        for (let number = 1; number <= this.count; number++) {
            let slot = this.hashes[number] & mask;
            while (slots[slot] !== 0) slot = (slot + 1) & mask;
            slots[slot] = number;
        }
        this.slots = slots;
    }
}
