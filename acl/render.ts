/** Deterministic HuJSON text for a policy document. */
import type { PolicyDocument } from "./document";

/**
 * Deepest nesting of objects and lists renderPolicy accepts (the document itself is level 1). Real
 * policies nest a handful of levels; the limit keeps JSON.stringify, which recurses per level, far
 * from the stack limit (it overflows at a few thousand levels on Node 20).
 */
export const MAX_RENDER_DEPTH = 256;

/** One step of a JSON path: a member name or a list index. */
export type JsonPathSegment = string | number;

/**
 * The document cannot be rendered as JSON: a value JSON has no form for (a BigInt), a cycle, or
 * nesting deeper than MAX_RENDER_DEPTH. `path` names where, from the document's top level.
 */
export class PolicyRenderError extends Error {
    /** Where the problem is, e.g. ["acls", 0, "src"]. */
    public readonly path: readonly JsonPathSegment[];
    /** The problem, without the path, e.g. "is a BigInt (5n), which JSON cannot represent". */
    public readonly problem: string;

    constructor(path: readonly JsonPathSegment[], problem: string) {
        super(`${formatJsonPath(path)} ${problem}`);
        this.name = "PolicyRenderError";
        this.path = path;
        this.problem = problem;
    }
}

/** Path segments shown before a long path is shortened with an ellipsis. */
const MAX_SHOWN_SEGMENTS = 8;

/**
 * A JSON path as JavaScript accessors from `root`: `policy.acls[0].src`, `policy.groups["group:eng"]`.
 * Paths longer than a few segments show their start, an ellipsis and how many levels they span.
 */
export function formatJsonPath(path: readonly JsonPathSegment[], root = "policy"): string {
    const shown = path.length > MAX_SHOWN_SEGMENTS ? path.slice(0, MAX_SHOWN_SEGMENTS) : path;
    const text = shown
        .map((segment) => (typeof segment === "number" ? `[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`))
        .join("");
    return path.length > MAX_SHOWN_SEGMENTS ? `${root}${text}… (${path.length} levels)` : `${root}${text}`;
}

/** One value still to visit: where it is (as a parent link, so paths are built only on error) and how deep. */
interface Visit {
    value: unknown;
    key: JsonPathSegment | undefined;
    parent: Visit | undefined;
    depth: number;
    /** Set once the value's members have been queued; the visit is then done when popped again. */
    leaving?: object;
}

function describeError(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

function pathOf(visit: Visit): JsonPathSegment[] {
    const path: JsonPathSegment[] = [];
    for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) path.push(at.key);
    return path.reverse();
}

/** The value JSON.stringify writes for `value` under `key`: the result of its toJSON method, if it has one. */
function jsonValueOf(value: unknown, key: JsonPathSegment | undefined): unknown {
    if ((typeof value === "object" && value !== null) || typeof value === "bigint") {
        const toJSON = (value as { toJSON?: unknown }).toJSON;
        if (typeof toJSON === "function") return toJSON.call(value, key === undefined ? "" : String(key));
    }
    return value;
}

/**
 * Walks the document as JSON.stringify would, without recursion, and throws PolicyRenderError at the
 * first BigInt, cycle (an object inside itself; the same object in two places is fine) or level past
 * MAX_RENDER_DEPTH.
 */
function checkRenderable(doc: PolicyDocument): void {
    const onPath = new Set<object>();
    const stack: Visit[] = [{ value: doc, key: undefined, parent: undefined, depth: 1 }];
    while (stack.length > 0) {
        const visit = stack.pop()!;
        if (visit.leaving !== undefined) {
            onPath.delete(visit.leaving);
            continue;
        }
        let value: unknown;
        try {
            value = jsonValueOf(visit.value, visit.key);
        } catch (error) {
            throw new PolicyRenderError(pathOf(visit), `cannot be written as JSON (${describeError(error)})`);
        }
        if (typeof value === "bigint") {
            throw new PolicyRenderError(pathOf(visit), `is a BigInt (${value}n), which JSON cannot represent: give a number or a string`);
        }
        if (typeof value !== "object" || value === null) continue;
        if (onPath.has(value)) {
            throw new PolicyRenderError(pathOf(visit), "refers back to an object that contains it (a cycle): a policy file is a tree, so copy the value instead");
        }
        if (visit.depth > MAX_RENDER_DEPTH) {
            throw new PolicyRenderError(pathOf(visit), `is nested more than ${MAX_RENDER_DEPTH} levels deep: a Tailscale policy needs only a few levels, so remove the extra nesting`);
        }
        onPath.add(value);
        stack.push({ ...visit, leaving: value });
        let members: Array<[JsonPathSegment, unknown]>;
        try {
            members = Array.isArray(value)
                ? value.map((item, i) => [i, item] as [number, unknown])
                : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]] as [string, unknown]);
        } catch (error) {
            // A getter or a proxy that throws.
            throw new PolicyRenderError(pathOf(visit), `cannot be read (${describeError(error)})`);
        }
        for (let i = members.length - 1; i >= 0; i--) {
            const [key, member] = members[i];
            stack.push({ value: member, key, parent: visit, depth: visit.depth + 1 });
        }
    }
}

/**
 * Order of the known top-level sections in rendered output: definitions first (groups, tags,
 * hosts, sets, postures), then the rules that use them, then approvals and tests. Keys not listed
 * here follow in the caller's insertion order.
 */
export const TOP_LEVEL_ORDER: readonly string[] = [
    "groups",
    "tagOwners",
    "hosts",
    "ipsets",
    "postures",
    "defaultSrcPosture",
    "grants",
    "acls",
    "ssh",
    "nodeAttrs",
    "autoApprovers",
    "tests",
    "sshTests",
];

const INDENT = "  ";

function orderedKeys(doc: object): string[] {
    const present = Object.keys(doc);
    const known = new Set(TOP_LEVEL_ORDER);
    return [...TOP_LEVEL_ORDER.filter((key) => present.includes(key)), ...present.filter((key) => !known.has(key))];
}

/** Each header line as a `//` comment; embedded line breaks start new comment lines. */
function renderHeader(header: readonly string[]): string {
    return header
        .flatMap((line) => line.split(/\r\n|\r|\n/))
        .map((line) => (line === "" ? "//" : `// ${line}`))
        .join("\n");
}

/**
 * Renders the document as HuJSON: the header lines as `//` comments, then the document with
 * 2-space indentation, top-level sections in TOP_LEVEL_ORDER (sections' own contents keep the
 * caller's order), fields that are undefined omitted, and a trailing newline.
 */
export function renderPolicy(doc: PolicyDocument, opts?: { header?: string[] }): string {
    checkRenderable(doc);
    const members: string[] = [];
    for (const key of orderedKeys(doc)) {
        let json: string | undefined;
        try {
            json = JSON.stringify((doc as Record<string, unknown>)[key], null, INDENT.length);
        } catch (error) {
            // What checkRenderable cannot foresee, e.g. a toJSON method that throws.
            throw new PolicyRenderError([key], `cannot be written as JSON (${describeError(error)})`);
        }
        if (json === undefined) continue; // undefined, functions and symbols are not JSON
        members.push(`${INDENT}${JSON.stringify(key)}: ${json.replace(/\n/g, `\n${INDENT}`)}`);
    }
    const body = members.length === 0 ? "{}" : `{\n${members.join(",\n")}\n}`;
    const header = opts?.header !== undefined && opts.header.length > 0 ? `${renderHeader(opts.header)}\n` : "";
    return `${header}${body}\n`;
}
