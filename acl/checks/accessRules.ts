/**
 * Access rules from `acls` and `grants` in one shape, so lints about who reaches what need not know
 * the two syntaxes. Only well-formed parts are read; malformed parts are the validator's concern.
 */
import { destinationTarget } from "../selectors";
import { ListString, member, recordsOf, stringsOf, type JsonPath, type StringAt } from "../walk";

export interface AccessRule {
    section: "acls" | "grants";
    index: number;
    path: JsonPath;
    record: Record<string, unknown>;
    sources: StringAt[];
    /** Destination targets without ports ("tag:db" for the acls entry "tag:db:5432"). */
    targets: StringAt[];
}

/** Sources that stand for everyone in (or beyond) the tailnet. */
export const EVERYONE: ReadonlySet<string> = new Set(["*", "autogroup:member", "autogroup:danger-all"]);

/** The rules of each document, computed once for the several lints that read them. */
const RULES_OF = new WeakMap<Record<string, unknown>, AccessRule[]>();

/** The access rules of a policy (the same array for the same document: treat it as read-only). */
export function accessRules(doc: Record<string, unknown>): AccessRule[] {
    let rules = RULES_OF.get(doc);
    if (rules === undefined) {
        rules = collectAccessRules(doc);
        RULES_OF.set(doc, rules);
    }
    return rules;
}

function collectAccessRules(doc: Record<string, unknown>): AccessRule[] {
    const rules: AccessRule[] = [];
    for (const { index, record } of recordsOf(member(doc, "acls"))) {
        const path = ["acls", index];
        const srcKey = record.src !== undefined ? "src" : "users";
        const dstKey = record.dst !== undefined ? "dst" : "ports";
        rules.push({
            section: "acls",
            index,
            path,
            record,
            sources: stringsOf(record[srcKey], [...path, srcKey]),
            targets: targetsOf(record[dstKey], [...path, dstKey]),
        });
    }
    for (const { index, record } of recordsOf(member(doc, "grants"))) {
        const path = ["grants", index];
        // A grant with only "app" capabilities opens no network path; its reach is not network access.
        if (!Array.isArray(record.ip)) continue;
        rules.push({ section: "grants", index, path, record, sources: stringsOf(record.src, [...path, "src"]), targets: stringsOf(record.dst, [...path, "dst"]) });
    }
    return rules;
}

/** The targets of an acls destination list ("tag:db" for "tag:db:5432"), at the destinations' paths. */
function targetsOf(list: unknown, path: JsonPath): StringAt[] {
    if (!Array.isArray(list)) return [];
    const out: StringAt[] = [];
    for (let index = 0; index < list.length; index++) {
        const value: unknown = list[index];
        if (typeof value === "string") out.push(new ListString(destinationTarget(value), path, index));
    }
    return out;
}

/** `acls[2]`, `grants[0]`. */
export function ruleName(rule: { section: string; index: number }): string {
    return `${rule.section}[${rule.index}]`;
}

/** The first source of the rule that stands for everyone, if any. */
export function everyoneSource(rule: AccessRule): StringAt | undefined {
    return rule.sources.find((source) => EVERYONE.has(source.value));
}
