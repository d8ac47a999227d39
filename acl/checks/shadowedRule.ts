/**
 * shadowed-rule: an access rule that adds nothing because an earlier rule with the same sources
 * (and the same protocol, via, posture and app capabilities) already allows all it allows.
 *
 * Sound and simple: rules are compared only with earlier rules of the same section whose sources
 * are the same set; a destination counts as covered only by an identical entry, by "*" / "*:*", or
 * (acls) by the same target with ports "*". Rules are grouped by a canonical key, and each rule is
 * compared with at most MAX_COMPARED earlier rules of its group, so the check stays linear.
 */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { destinationTarget } from "../selectors";
import { ARRAY, FALSE, NONE, NUMBER, OBJECT, STRING, TRUE, type PolicyTape } from "../tape";
import { forEachObject, isStringId } from "../walk";

const MAX_COMPARED = 32;

interface Candidate {
    index: number;
    /** The tape list of destinations (acls: "target:ports"; grants: targets) the rule allows: strings, at least one. */
    destinations: number;
    /** Grants: the tape list of ip capabilities (strings), or NONE when the rule has none; acls: NONE. */
    ips: number;
    /** The numbers of the same strings as sets, built when the candidate is first compared with a later rule. */
    destinationSet?: ReadonlySet<number>;
    ipSet?: ReadonlySet<number>;
    /** Acls: the targets of the destinations with ports "*" ("tag:db" for "tag:db:*"), built on first use. */
    anyPortTargets?: ReadonlySet<string>;
}

/** The tape being read and the numbers of the wildcards (NONE when the file does not contain them). */
interface Scan {
    tape: PolicyTape;
    /** "*": every grant destination, or every ip capability. */
    star: number;
    /** "*:*": every acls destination. */
    starPorts: number;
}

const NO_TARGETS: ReadonlySet<string> = new Set();

/** True when tape value `n` is a list whose elements are all strings. */
function isStringList(tape: PolicyTape, n: number): boolean {
    if (!tape.isArray(n)) return false;
    for (let element = tape.first(n); element !== NONE; element = tape.next(element)) if (!tape.isString(element)) return false;
    return true;
}

/** Work space for setKey, grown as needed, so keying a rule sorts without allocating. */
let sortSpace = new Int32Array(16);

/**
 * The numbers of the strings of a list of strings, sorted, without repeats and joined by ",": two
 * lists have the same key exactly when they hold the same set of strings ("" for an empty list).
 */
function setKey(tape: PolicyTape, list: number): string {
    const count = tape.length(list);
    // Most lists have one entry: nothing to sort.
    if (count === 1) return String(tape.stringId(tape.first(list)));
    if (count > sortSpace.length) sortSpace = new Int32Array(count * 2);
    const ids = sortSpace;
    let length = 0;
    for (let element = tape.first(list); element !== NONE; element = tape.next(element)) ids[length++] = tape.stringId(element);
    if (length > 16) {
        ids.subarray(0, length).sort();
    } else {
        // Short lists (nearly all): insertion sort in place.
        for (let i = 1; i < length; i++) {
            const id = ids[i];
            let j = i - 1;
            for (; j >= 0 && ids[j] > id; j--) ids[j + 1] = ids[j];
            ids[j + 1] = id;
        }
    }
    let key = "";
    for (let i = 0; i < length; i++) {
        if (i === 0) key += ids[i];
        else if (ids[i] !== ids[i - 1]) key += `,${ids[i]}`;
    }
    return key;
}

/** setKey in brackets for a list of strings, "null" for anything else (absent, null, or not only strings). */
function optionalSetKey(tape: PolicyTape, n: number): string {
    return isStringList(tape, n) ? `[${setKey(tape, n)}]` : "null";
}

/** Integer keys come first in an object's JSON text, in numeric order (an array index: 0 to 2^32 - 2). */
function isArrayIndex(key: string): boolean {
    const index = Number(key) >>> 0;
    return index !== 4294967295 && String(index) === key;
}

/**
 * JSON.stringify of the JSON.parse value of tape value `n`, without building the value: the part of
 * a rule's key for a field compared as a whole ("proto", "app"). Numbers print as JavaScript prints
 * them, and an object's array-index keys come first in numeric order, as in the value.
 */
function jsonText(tape: PolicyTape, n: number): string {
    switch (tape.kind(n)) {
        case STRING:
            return JSON.stringify(tape.string(n));
        case NUMBER:
            return JSON.stringify(tape.number(n));
        case TRUE:
            return "true";
        case FALSE:
            return "false";
        case ARRAY: {
            let text = "[";
            for (let element = tape.first(n); element !== NONE; element = tape.next(element)) text += (text === "[" ? "" : ",") + jsonText(tape, element);
            return `${text}]`;
        }
        case OBJECT:
            return objectText(tape, n);
        default:
            return "null";
    }
}

function objectText(tape: PolicyTape, n: number): string {
    let text = "";
    const indexed: number[] = [];
    for (let member = tape.first(n); member !== NONE; member = tape.next(member)) {
        const key = tape.key(member);
        if (isArrayIndex(key)) indexed.push(member);
        else text += `,${JSON.stringify(key)}:${jsonText(tape, member)}`;
    }
    if (indexed.length > 0) {
        indexed.sort((a, b) => Number(tape.key(a)) - Number(tape.key(b)));
        let first = "";
        for (const member of indexed) first += `,${JSON.stringify(tape.key(member))}:${jsonText(tape, member)}`;
        text = first + text;
    }
    return `{${text.slice(1)}}`;
}

/** The string numbers of a tape list of strings (none for NONE). */
function idSet(tape: PolicyTape, list: number): Set<number> {
    const ids = new Set<number>();
    for (let element = tape.first(list); element !== NONE; element = tape.next(element)) ids.add(tape.stringId(element));
    return ids;
}

/** True when every string of the tape list `list` (none for NONE) has its number in `ids`. */
function allIn(tape: PolicyTape, list: number, ids: ReadonlySet<number>): boolean {
    for (let element = tape.first(list); element !== NONE; element = tape.next(element)) if (!ids.has(tape.stringId(element))) return false;
    return true;
}

function destinationsOf(tape: PolicyTape, candidate: Candidate): ReadonlySet<number> {
    candidate.destinationSet ??= idSet(tape, candidate.destinations);
    return candidate.destinationSet;
}

function anyPortTargetsOf(tape: PolicyTape, candidate: Candidate): ReadonlySet<string> {
    if (candidate.anyPortTargets === undefined) {
        let targets: Set<string> | undefined;
        for (let element = tape.first(candidate.destinations); element !== NONE; element = tape.next(element)) {
            const destination = tape.string(element);
            if (destination.endsWith(":*")) (targets ??= new Set()).add(destination.slice(0, -2));
        }
        candidate.anyPortTargets = targets ?? NO_TARGETS;
    }
    return candidate.anyPortTargets;
}

/** True when the earlier acls rule allows destination `dst` (a string on the tape). */
function aclCovers(scan: Scan, earlier: Candidate, dst: number): boolean {
    const { tape } = scan;
    const destinations = destinationsOf(tape, earlier);
    if (destinations.has(tape.stringId(dst)) || destinations.has(scan.starPorts)) return true;
    // The same target with ports "*": most rules have none, and then the target is not read.
    const targets = anyPortTargetsOf(tape, earlier);
    return targets.size > 0 && targets.has(destinationTarget(tape.string(dst)));
}

function grantCovers(scan: Scan, earlier: Candidate, later: Candidate): boolean {
    const { tape, star } = scan;
    const destinations = destinationsOf(tape, earlier);
    earlier.ipSet ??= idSet(tape, earlier.ips);
    const ips = earlier.ipSet;
    const dstCovered = destinations.has(star) || allIn(tape, later.destinations, destinations);
    return dstCovered && (ips.has(star) || allIn(tape, later.ips, ips));
}

/** True when the earlier rule allows all that the later one allows. */
function covers(scan: Scan, section: "acls" | "grants", earlier: Candidate, later: Candidate): boolean {
    if (section === "grants") return grantCovers(scan, earlier, later);
    for (let dst = scan.tape.first(later.destinations); dst !== NONE; dst = scan.tape.next(dst)) if (!aclCovers(scan, earlier, dst)) return false;
    return true;
}

function shadowedIn(
    parsed: ParsedPolicy,
    scan: Scan,
    section: "acls" | "grants",
    keyOf: (record: number) => string | undefined,
    candidateOf: (record: number, index: number) => Candidate | undefined,
): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    // Most rules have sources of their own: a group of one is kept as its candidate, not as a list.
    const groups = new Map<string, Candidate | Candidate[]>();
    forEachObject(scan.tape, scan.tape.member(0, section), (record, index) => {
        const key = keyOf(record);
        if (key === undefined) return;
        const candidate = candidateOf(record, index);
        if (candidate === undefined) return;
        const group = groups.get(key);
        if (group === undefined) {
            groups.set(key, candidate);
            return;
        }
        const earlier = Array.isArray(group) ? group : [group];
        let covering: Candidate | undefined;
        for (let i = 0; i < earlier.length && i < MAX_COMPARED && covering === undefined; i++) {
            if (covers(scan, section, earlier[i], candidate)) covering = earlier[i];
        }
        if (covering !== undefined) {
            findings.push({
                check: "shadowed-rule",
                message:
                    `${section}[${index}] allows nothing that ${section}[${covering.index}] (same sources) does not already allow; ` +
                    "remove it, or merge the two rules",
                location: parsed.locate([section, index]),
            });
        }
        earlier.push(candidate);
        if (earlier !== group) groups.set(key, earlier);
    });
    return findings;
}

/** `key` of a rule unless it is absent or null, else `fallback`: the rule's `key ?? fallback`. */
function fieldOr(tape: PolicyTape, record: number, key: string, fallback: string): number {
    const value = tape.field(record, key);
    return value !== NONE ? value : tape.field(record, fallback);
}

export function checkShadowedRule(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const scan: Scan = { tape, star: tape.names.idOf("*"), starPorts: tape.names.idOf("*:*") };
    const accept = tape.names.idOf("accept");
    const acls = shadowedIn(
        parsed,
        scan,
        "acls",
        (record) => {
            const src = fieldOr(tape, record, "src", "users");
            if (!isStringList(tape, src) || !isStringId(tape, tape.member(record, "action"), accept)) return undefined;
            // The plain form, the sources alone, is digits and commas; a key with more adds "|".
            const proto = tape.field(record, "proto");
            return proto === NONE ? setKey(tape, src) : `${setKey(tape, src)}|${jsonText(tape, proto)}`;
        },
        (record, index) => {
            const dst = fieldOr(tape, record, "dst", "ports");
            return !isStringList(tape, dst) || tape.length(dst) === 0 ? undefined : { index, destinations: dst, ips: NONE };
        },
    );
    const grants = shadowedIn(
        parsed,
        scan,
        "grants",
        (record) => {
            const src = tape.member(record, "src");
            if (!isStringList(tape, src)) return undefined;
            // Rules that differ in routing, posture or app capabilities are never compared. Most grants
            // have none of them: their key is the sources alone (see the acls key).
            const via = tape.member(record, "via");
            const posture = tape.member(record, "srcPosture");
            const app = tape.field(record, "app");
            if (!isStringList(tape, via) && !isStringList(tape, posture) && app === NONE) return setKey(tape, src);
            return `${setKey(tape, src)}|${optionalSetKey(tape, via)}|${optionalSetKey(tape, posture)}|${app === NONE ? "null" : jsonText(tape, app)}`;
        },
        (record, index) => {
            const dst = tape.member(record, "dst");
            const ip = tape.member(record, "ip");
            if (!isStringList(tape, dst) || tape.length(dst) === 0 || (ip !== NONE && !isStringList(tape, ip))) return undefined;
            return { index, destinations: dst, ips: ip };
        },
    );
    return [...acls, ...grants];
}
