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
import type { PolicyTape } from "../tape";
import { destinationTarget } from "../selectors";
import { forEachRecord, member } from "../walk";

const MAX_COMPARED = 32;

interface Candidate {
    index: number;
    /** Destinations (acls: "target:ports"; grants: targets) the rule allows, sorted and without repeats. */
    destinations: readonly string[];
    /** Grants: the ip capabilities, sorted and without repeats; acls: empty. */
    ips: readonly string[];
    /** The same as sets, built when the candidate is first compared with a later rule. */
    destinationSet?: ReadonlySet<string>;
    ipSet?: ReadonlySet<string>;
}

const NONE: readonly string[] = [];

/** The strings of a list, sorted, without repeats; undefined when it is not a list of strings. */
function sortedStrings(value: unknown): readonly string[] | undefined {
    if (!Array.isArray(value)) return undefined;
    for (const element of value) if (typeof element !== "string") return undefined;
    // Most lists have one entry: nothing to sort.
    if (value.length < 2) return value as string[];
    const sorted = (value as string[]).slice();
    if (sorted.length > 16) {
        sorted.sort();
    } else {
        // Short lists (nearly all): insertion sort, same order as sort(), which would allocate a work copy each time.
        for (let i = 1; i < sorted.length; i++) {
            const item = sorted[i];
            let j = i - 1;
            for (; j >= 0 && sorted[j] > item; j--) sorted[j + 1] = sorted[j];
            sorted[j + 1] = item;
        }
    }
    let kept = 1;
    for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[kept - 1]) sorted[kept++] = sorted[i];
    sorted.length = kept;
    return sorted;
}

function destinationsOf(candidate: Candidate): ReadonlySet<string> {
    candidate.destinationSet ??= new Set(candidate.destinations);
    return candidate.destinationSet;
}

function aclCovers(earlier: Candidate, dst: string): boolean {
    const destinations = destinationsOf(earlier);
    if (destinations.has(dst) || destinations.has("*:*")) return true;
    return destinations.has(`${destinationTarget(dst)}:*`);
}

function grantCovers(earlier: Candidate, later: Candidate): boolean {
    const destinations = destinationsOf(earlier);
    earlier.ipSet ??= new Set(earlier.ips);
    const ips = earlier.ipSet;
    const dstCovered = destinations.has("*") || later.destinations.every((d) => destinations.has(d));
    const ipCovered = ips.has("*") || later.ips.every((ip) => ips.has(ip));
    return dstCovered && ipCovered;
}

/** True when the earlier rule allows all that the later one allows. */
function covers(section: "acls" | "grants", earlier: Candidate, later: Candidate): boolean {
    if (section === "grants") return grantCovers(earlier, later);
    for (const dst of later.destinations) if (!aclCovers(earlier, dst)) return false;
    return true;
}

function shadowedIn(
    parsed: ParsedPolicy,
    doc: Record<string, unknown>,
    section: "acls" | "grants",
    keyOf: (record: Record<string, unknown>) => string | undefined,
    candidateOf: (record: Record<string, unknown>, index: number) => Candidate | undefined,
): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    // Most rules have sources of their own: a group of one is kept as its candidate, not as a list.
    const groups = new Map<string, Candidate | Candidate[]>();
    forEachRecord(member(doc, section), (record, index) => {
        const key = keyOf(record);
        const candidate = candidateOf(record, index);
        if (key === undefined || candidate === undefined) return;
        const group = groups.get(key);
        if (group === undefined) {
            groups.set(key, candidate);
            return;
        }
        const earlier = Array.isArray(group) ? group : [group];
        let covering: Candidate | undefined;
        for (let i = 0; i < earlier.length && i < MAX_COMPARED && covering === undefined; i++) {
            if (covers(section, earlier[i], candidate)) covering = earlier[i];
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

export function checkShadowedRule(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    const acls = shadowedIn(
        parsed,
        doc,
        "acls",
        (record) => {
            const src = sortedStrings(record.src ?? record.users);
            if (src === undefined || record.action !== "accept") return undefined;
            // The plain form, the sources alone, starts '["' or '[]'; a key with more starts '[['.
            return record.proto === undefined || record.proto === null ? JSON.stringify(src) : JSON.stringify([src, record.proto]);
        },
        (record, index) => {
            const dst = sortedStrings(record.dst ?? record.ports);
            return dst === undefined || dst.length === 0 ? undefined : { index, destinations: dst, ips: NONE };
        },
    );
    const grants = shadowedIn(
        parsed,
        doc,
        "grants",
        (record) => {
            const src = sortedStrings(record.src);
            if (src === undefined) return undefined;
            // Rules that differ in routing, posture or app capabilities are never compared. Most grants
            // have none of them: their key is the sources alone (see the acls key).
            const via = sortedStrings(record.via) ?? null;
            const posture = sortedStrings(record.srcPosture) ?? null;
            const app = record.app ?? null;
            return via === null && posture === null && app === null ? JSON.stringify(src) : JSON.stringify([src, via, posture, app]);
        },
        (record, index) => {
            const dst = sortedStrings(record.dst);
            const ip = record.ip === undefined ? NONE : sortedStrings(record.ip);
            return dst === undefined || dst.length === 0 || ip === undefined ? undefined : { index, destinations: dst, ips: ip };
        },
    );
    return [...acls, ...grants];
}
