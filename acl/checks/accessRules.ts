/**
 * Access rules from `acls` and `grants` in one shape, so lints about who reaches what need not know
 * the two syntaxes. Only well-formed parts are read; malformed parts are the validator's concern.
 */
import { destinationTarget } from "../selectors";
import { member, recordsOf, stringsOf, type JsonPath, type StringAt } from "../walk";

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

export function accessRules(doc: Record<string, unknown>): AccessRule[] {
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
            targets: stringsOf(record[dstKey], [...path, dstKey]).map((d) => ({ value: destinationTarget(d.value), path: d.path })),
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

/** `acls[2]`, `grants[0]`. */
export function ruleName(rule: { section: string; index: number }): string {
    return `${rule.section}[${rule.index}]`;
}

/** The first source of the rule that stands for everyone, if any. */
export function everyoneSource(rule: AccessRule): StringAt | undefined {
    return rule.sources.find((source) => EVERYONE.has(source.value));
}
