/** Deterministic HuJSON text for a policy document. */
import type { PolicyDocument } from "./document";

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
    const members: string[] = [];
    for (const key of orderedKeys(doc)) {
        const json = JSON.stringify((doc as Record<string, unknown>)[key], null, INDENT.length);
        if (json === undefined) continue; // undefined, functions and symbols are not JSON
        members.push(`${INDENT}${JSON.stringify(key)}: ${json.replace(/\n/g, `\n${INDENT}`)}`);
    }
    const body = members.length === 0 ? "{}" : `{\n${members.join(",\n")}\n}`;
    const header = opts?.header !== undefined && opts.header.length > 0 ? `${renderHeader(opts.header)}\n` : "";
    return `${header}${body}\n`;
}
