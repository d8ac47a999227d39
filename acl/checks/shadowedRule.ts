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
import { member, recordsOf } from "../walk";

const MAX_COMPARED = 32;

interface Candidate {
    index: number;
    /** Destinations (acls: "target:ports"; grants: targets) the rule allows. */
    destinations: ReadonlySet<string>;
    /** Grants: the ip capabilities; acls: empty. */
    ips: ReadonlySet<string>;
}

function sortedStrings(value: unknown): string[] | undefined {
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return undefined;
    return [...new Set(value as string[])].sort();
}

function aclCovers(earlier: Candidate, dst: string): boolean {
    if (earlier.destinations.has(dst) || earlier.destinations.has("*:*")) return true;
    return earlier.destinations.has(`${destinationTarget(dst)}:*`);
}

function grantCovers(earlier: Candidate, later: Candidate): boolean {
    const dstCovered = earlier.destinations.has("*") || [...later.destinations].every((d) => earlier.destinations.has(d));
    const ipCovered = earlier.ips.has("*") || [...later.ips].every((ip) => earlier.ips.has(ip));
    return dstCovered && ipCovered;
}

function shadowedIn(
    parsed: ParsedPolicy,
    doc: Record<string, unknown>,
    section: "acls" | "grants",
    keyOf: (record: Record<string, unknown>) => string | undefined,
    candidateOf: (record: Record<string, unknown>, index: number) => Candidate | undefined,
): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    const groups = new Map<string, Candidate[]>();
    for (const { index, record } of recordsOf(member(doc, section))) {
        const key = keyOf(record);
        const candidate = candidateOf(record, index);
        if (key === undefined || candidate === undefined) continue;
        const earlier = groups.get(key) ?? [];
        const covering = earlier.slice(0, MAX_COMPARED).find((e) =>
            section === "acls" ? [...candidate.destinations].every((d) => aclCovers(e, d)) : grantCovers(e, candidate),
        );
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
        groups.set(key, earlier);
    }
    return findings;
}

export function checkShadowedRule(parsed: ParsedPolicy, doc: Record<string, unknown>): PolicyFinding[] {
    const acls = shadowedIn(
        parsed,
        doc,
        "acls",
        (record) => {
            const src = sortedStrings(record.src ?? record.users);
            if (src === undefined || record.action !== "accept") return undefined;
            return JSON.stringify([src, record.proto ?? null]);
        },
        (record, index) => {
            const dst = sortedStrings(record.dst ?? record.ports);
            return dst === undefined || dst.length === 0 ? undefined : { index, destinations: new Set(dst), ips: new Set() };
        },
    );
    const grants = shadowedIn(
        parsed,
        doc,
        "grants",
        (record) => {
            const src = sortedStrings(record.src);
            if (src === undefined) return undefined;
            // Rules that differ in routing, posture or app capabilities are never compared.
            return JSON.stringify([src, sortedStrings(record.via) ?? null, sortedStrings(record.srcPosture) ?? null, record.app ?? null]);
        },
        (record, index) => {
            const dst = sortedStrings(record.dst);
            const ip = record.ip === undefined ? [] : sortedStrings(record.ip);
            return dst === undefined || dst.length === 0 || ip === undefined ? undefined : { index, destinations: new Set(dst), ips: new Set(ip) };
        },
    );
    return [...acls, ...grants];
}
