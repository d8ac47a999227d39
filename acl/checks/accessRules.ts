/**
 * Access rules from `acls` and `grants` in one shape, so lints about who reaches what need not know
 * the two syntaxes. Only well-formed parts are read; malformed parts are the validator's concern.
 */
import { destinationTarget } from "../selectors";
import { isRecord, member, type StringAt } from "../walk";

export interface AccessRule {
    section: "acls" | "grants";
    index: number;
    record: Record<string, unknown>;
    /** The first source that stands for everyone in (or beyond) the tailnet. */
    everyone: string;
    /** The key of the destination list: "dst", or the legacy "ports" of an acls rule. */
    dstKey: string;
}

/** Sources that stand for everyone in (or beyond) the tailnet. */
export const EVERYONE: ReadonlySet<string> = new Set(["*", "autogroup:member", "autogroup:danger-all"]);

/** The rules of each document, computed once for the several lints that read them. */
const RULES_OF = new WeakMap<Record<string, unknown>, AccessRule[]>();

/**
 * The access rules of a policy whose sources include everyone (EVERYONE): the only rules the breadth
 * lints read, so a policy of thousands of rules for named groups keeps no entry for each. The same
 * array for the same document: treat it as read-only.
 */
export function rulesFromEveryone(doc: Record<string, unknown>): AccessRule[] {
    let rules = RULES_OF.get(doc);
    if (rules === undefined) {
        rules = collectRulesFromEveryone(doc);
        RULES_OF.set(doc, rules);
    }
    return rules;
}

function collectRulesFromEveryone(doc: Record<string, unknown>): AccessRule[] {
    const rules: AccessRule[] = [];
    const acls = member(doc, "acls");
    if (Array.isArray(acls)) {
        for (let index = 0; index < acls.length; index++) {
            const record: unknown = acls[index];
            if (!isRecord(record)) continue;
            const everyone = everyoneIn(record.src !== undefined ? record.src : record.users);
            if (everyone !== undefined) rules.push({ section: "acls", index, record, everyone, dstKey: record.dst !== undefined ? "dst" : "ports" });
        }
    }
    const grants = member(doc, "grants");
    if (Array.isArray(grants)) {
        for (let index = 0; index < grants.length; index++) {
            const record: unknown = grants[index];
            // A grant with only "app" capabilities opens no network path; its reach is not network access.
            if (!isRecord(record) || !Array.isArray(record.ip)) continue;
            const everyone = everyoneIn(record.src);
            if (everyone !== undefined) rules.push({ section: "grants", index, record, everyone, dstKey: "dst" });
        }
    }
    return rules;
}

/** The first string of a source list that stands for everyone. */
function everyoneIn(sources: unknown): string | undefined {
    if (!Array.isArray(sources)) return undefined;
    for (const source of sources) if (typeof source === "string" && EVERYONE.has(source)) return source;
    return undefined;
}

/**
 * The first destination of the rule whose target (without ports, for acls: "tag:db" for "tag:db:5432")
 * is `target`, with the path of that destination.
 */
export function destinationWithTarget(rule: AccessRule, target: string): StringAt | undefined {
    const list = rule.record[rule.dstKey];
    if (!Array.isArray(list)) return undefined;
    for (let index = 0; index < list.length; index++) {
        const value: unknown = list[index];
        if (typeof value !== "string") continue;
        if ((rule.section === "acls" ? destinationTarget(value) : value) === target) {
            return { value: target, path: [rule.section, rule.index, rule.dstKey, index] };
        }
    }
    return undefined;
}

/** `acls[2]`, `grants[0]`. */
export function ruleName(rule: { section: string; index: number }): string {
    return `${rule.section}[${rule.index}]`;
}
