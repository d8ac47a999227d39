/**
 * Helpers over the jsonc-parser syntax tree: building the plain value and finding the node at a path.
 * Both are iterative or path-bounded, so deeply nested input cannot overflow the call stack here.
 */
import type { Node } from "jsonc-parser";

/** Sets a property as JSON.parse would, so a "__proto__" key becomes an ordinary own property. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
    if (key === "__proto__") {
        Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    } else {
        target[key] = value;
    }
}

/**
 * The plain JavaScript value of a tree, like JSON.parse would give: ordinary objects and arrays,
 * and for a duplicate key the last occurrence wins.
 */
export function nodeToValue(root: Node): unknown {
    let result: unknown;
    type Task = { node: Node; assign: (value: unknown) => void };
    const stack: Task[] = [{ node: root, assign: (value) => (result = value) }];
    // Children are pushed in reverse so they are taken off the stack in document order; that keeps
    // "last duplicate key wins" true even when an earlier duplicate is itself a container.
    while (stack.length > 0) {
        const { node, assign } = stack.pop()!;
        const children = node.children ?? [];
        if (node.type === "object") {
            const obj: Record<string, unknown> = {};
            assign(obj);
            for (let i = children.length - 1; i >= 0; i--) {
                const [keyNode, valueNode] = children[i].children ?? [];
                if (keyNode === undefined || valueNode === undefined) continue;
                const key = String(keyNode.value);
                stack.push({ node: valueNode, assign: (value) => setOwn(obj, key, value) });
            }
        } else if (node.type === "array") {
            const arr: unknown[] = new Array<unknown>(children.length);
            assign(arr);
            for (let i = children.length - 1; i >= 0; i--) {
                const index = i;
                stack.push({ node: children[i], assign: (value) => (arr[index] = value) });
            }
        } else {
            assign(node.value);
        }
    }
    return result;
}

/**
 * Finds nodes by JSON path. Object members are indexed on first visit (last duplicate wins, matching
 * nodeToValue), so many look-ups into one large object stay linear overall.
 */
export class NodeLocator {
    private readonly members = new WeakMap<Node, Map<string, Node>>();

    constructor(private readonly root: Node | undefined) {}

    find(path: ReadonlyArray<string | number>): Node | undefined {
        let node = this.root;
        for (const segment of path) {
            if (node === undefined) return undefined;
            if (typeof segment === "number") {
                node = node.type === "array" ? node.children?.[segment] : undefined;
            } else {
                node = node.type === "object" ? this.membersOf(node).get(segment) : undefined;
            }
        }
        return node;
    }

    private membersOf(objectNode: Node): Map<string, Node> {
        let map = this.members.get(objectNode);
        if (map === undefined) {
            map = new Map();
            for (const property of objectNode.children ?? []) {
                const [keyNode, valueNode] = property.children ?? [];
                if (keyNode !== undefined && valueNode !== undefined) map.set(String(keyNode.value), valueNode);
            }
            this.members.set(objectNode, map);
        }
        return map;
    }
}

/**
 * Positions of the values of a JSON text, for a parser that did not build a syntax tree (the fast
 * path of parsePolicy uses JSON.parse for the value). One linear pass records, for each value in
 * document order, where it starts, where its key starts (for object members) and which value
 * follows its subtree; a container's members are listed on first visit, as in NodeLocator. The
 * text must be valid JSON (comments and trailing commas already blanked out, offsets unchanged);
 * `offsetOf` then gives the offset of the node NodeLocator finds in jsonc-parser's tree.
 */
export class JsonOffsetIndex {
    /** Number of values. */
    private count = 0;
    /** Offset of the first character of each value (the quote of a string, the "{" of an object). */
    private starts: Int32Array;
    /** For each value, the number of the first value after its subtree. */
    private ends: Int32Array;
    /** For an object member, the offset of the opening quote of its key; -1 otherwise. */
    private keyStarts: Int32Array;
    /** Offset where each line starts (line 1 at 0), counted as LineIndex counts lines; `lineCount` of them. */
    private lineStarts: Int32Array;
    private lineCount = 1;
    private readonly children = new Map<number, number[]>();
    private readonly members = new Map<number, Map<string, number>>();
    /** 1 for an object whose members were looked up once (see memberOf); made on the first look-up. */
    private visited: Uint8Array | undefined;

    constructor(private readonly json: string) {
        // A value takes at least two characters with its separator; grown if ever short.
        const capacity = Math.max(16, json.length >> 3);
        this.starts = new Int32Array(capacity);
        this.ends = new Int32Array(capacity);
        this.keyStarts = new Int32Array(capacity);
        this.lineStarts = new Int32Array(Math.max(16, json.length >> 5));
        this.index();
    }

    /** Offset of the value at `path`, or undefined when the path leads nowhere. */
    offsetOf(path: ReadonlyArray<string | number>): number | undefined {
        const value = this.find(path);
        return value === undefined ? undefined : this.starts[value];
    }

    /**
     * 1-based line and column of the value at `path`, or undefined. Line breaks ("\n", "\r\n",
     * a lone "\r") are counted in the indexing pass, so this needs no LineIndex; the text must
     * keep the original's line breaks (blanked comments keep theirs).
     */
    positionOf(path: ReadonlyArray<string | number>): { line: number; column: number } | undefined {
        const value = this.find(path);
        if (value === undefined) return undefined;
        // The last line starting at or before the value (lines are found only for located values).
        const offset = this.starts[value];
        let low = 0;
        let high = this.lineCount - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (this.lineStarts[middle] <= offset) low = middle;
            else high = middle - 1;
        }
        return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
    }

    private find(path: ReadonlyArray<string | number>): number | undefined {
        if (this.count === 0) return undefined;
        let value = 0;
        for (const segment of path) {
            const opening = this.json.charCodeAt(this.starts[value]);
            let next: number | undefined;
            if (typeof segment === "number") next = opening === 91 /* [ */ ? this.childrenOf(value)[segment] : undefined;
            else next = opening === 123 /* { */ ? this.memberOf(value, segment) : undefined;
            if (next === undefined) return undefined;
            value = next;
        }
        return value;
    }

    private index(): void {
        const json = this.json;
        const length = json.length;
        // Locals rather than fields in the loop: this runs once per character.
        let starts = this.starts;
        let ends = this.ends;
        let keyStarts = this.keyStarts;
        let lineStarts = this.lineStarts;
        let lineCount = 1;
        /** The containers open at the current position, innermost last. */
        const open: number[] = [];
        let inObject = false;
        let expectKey = false;
        let keyStart = -1;
        let count = 0;
        for (let i = 0; i < length; i++) {
            const code = json.charCodeAt(i);
            if (code === 32 || code === 9 || code === 58 /* : */) continue;
            if (code === 10 || code === 13) {
                // "\r\n" ends one line, at its "\n".
                if (code === 10 || json.charCodeAt(i + 1) !== 10) {
                    if (lineCount === lineStarts.length) lineStarts = grown(lineStarts);
                    lineStarts[lineCount++] = i + 1;
                }
                continue;
            }
            if (code === 44 /* , */) {
                expectKey = inObject;
                continue;
            }
            if (code === 125 /* } */ || code === 93 /* ] */) {
                const closed = open.pop()!;
                ends[closed] = count;
                inObject = open.length > 0 && json.charCodeAt(starts[open[open.length - 1]]) === 123;
                expectKey = false;
                continue;
            }
            if (code === 34 /* " */ && expectKey) {
                keyStart = i;
                // Skip to the closing quote inline (strings are short; an indexOf call costs more), stepping over escapes.
                for (let c = json.charCodeAt(++i); c !== 34; c = json.charCodeAt(++i)) if (c === 92) i++;
                expectKey = false;
                continue;
            }
            // A value starts here.
            if (count === starts.length) {
                starts = grown(starts);
                ends = grown(ends);
                keyStarts = grown(keyStarts);
            }
            starts[count] = i;
            ends[count] = count + 1;
            keyStarts[count] = inObject ? keyStart : -1;
            if (code === 34) {
                for (let c = json.charCodeAt(++i); c !== 34; c = json.charCodeAt(++i)) if (c === 92) i++;
            } else if (code === 123 /* { */ || code === 91 /* [ */) {
                open.push(count);
                inObject = code === 123;
                expectKey = inObject;
            } else {
                // A number, true, false or null: runs up to the next delimiter.
                while (i + 1 < length && !isDelimiter(json.charCodeAt(i + 1))) i++;
            }
            count++;
        }
        this.starts = starts;
        this.ends = ends;
        this.keyStarts = keyStarts;
        this.lineStarts = lineStarts;
        this.lineCount = lineCount;
        this.count = count;
    }

    private childrenOf(container: number): number[] {
        let list = this.children.get(container);
        if (list === undefined) {
            list = [];
            for (let child = container + 1; child < this.ends[container]; child = this.ends[child]) list.push(child);
            this.children.set(container, list);
        }
        return list;
    }

    /**
     * The value of `key` in `object` (the last one when the key repeats, as JSON.parse keeps), or
     * undefined. Most located objects are visited once (the rule a finding is about), so the first
     * visit compares the keys in place; an object visited again gets a table of its members.
     */
    private memberOf(object: number, key: string): number | undefined {
        const members = this.members.get(object);
        if (members !== undefined) return members.get(key);
        this.visited ??= new Uint8Array(this.count);
        if (this.visited[object] === 1) return this.membersOf(object).get(key);
        this.visited[object] = 1;
        let found: number | undefined;
        for (let child = object + 1; child < this.ends[object]; child = this.ends[child]) if (this.keyIs(child, key)) found = child;
        return found;
    }

    /**
     * True when the key of `member` is `key`, compared in the text; a key with an escape among its first
     * key.length characters is decoded first. (An escape after them makes the key longer than `key`.)
     */
    private keyIs(member: number, key: string): boolean {
        const json = this.json;
        const start = this.keyStarts[member] + 1;
        for (let i = 0; i < key.length; i++) {
            const code = json.charCodeAt(start + i);
            if (code === 92 /* \ */) return this.keyOf(member) === key;
            if (code !== key.charCodeAt(i)) return false;
        }
        return json.charCodeAt(start + key.length) === 34 /* " */;
    }

    private membersOf(object: number): Map<string, number> {
        let map = this.members.get(object);
        if (map === undefined) {
            map = new Map();
            // Later duplicates overwrite earlier ones: the last occurrence wins, as in JSON.parse.
            for (const child of this.childrenOf(object)) map.set(this.keyOf(child), child);
            this.members.set(object, map);
        }
        return map;
    }

    private keyOf(member: number): string {
        const start = this.keyStarts[member];
        const end = closingQuote(this.json, start);
        const raw = this.json.slice(start + 1, end);
        return raw.includes("\\") ? (JSON.parse(this.json.slice(start, end + 1)) as string) : raw;
    }
}

/** Offset of the quote closing the string that opens at `open` (the first '"' not escaped), or -1. */
export function closingQuote(text: string, open: number): number {
    let close = text.indexOf('"', open + 1);
    while (close > 0 && text.charCodeAt(close - 1) === 92 /* \ */) {
        let backslashes = 1;
        while (text.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
        if (backslashes % 2 === 0) break;
        close = text.indexOf('"', close + 1);
    }
    return close;
}

/** A copy of `from` twice as long. */
export function grown(from: Int32Array): Int32Array {
    const to = new Int32Array(from.length * 2);
    to.set(from);
    return to;
}

/** True for a character that ends a JSON number or literal: ",", "]", "}" or whitespace. */
export function isDelimiter(code: number): boolean {
    return code === 44 || code === 93 || code === 125 || code === 32 || code === 10 || code === 13 || code === 9;
}
