/**
 * Access rules from `acls` and `grants` in one shape, so lints about who reaches what need not know
 * the two syntaxes. Only well-formed parts are read; malformed parts are the validator's concern.
 */
import { destinationTarget } from "../selectors";
import { NONE, type PolicyTape } from "../tape";
import type { StringAt } from "../walk";

export interface AccessRule {
    section: "acls" | "grants";
    index: number;
    /** The rule's object on the tape. */
    record: number;
    /** The first source that stands for everyone in (or beyond) the tailnet. */
    everyone: string;
    /** The key of the destination list: "dst", or the legacy "ports" of an acls rule. */
    dstKey: string;
}

/** Sources that stand for everyone in (or beyond) the tailnet. */
export const EVERYONE: ReadonlySet<string> = new Set(["*", "autogroup:member", "autogroup:danger-all"]);

/** The rules of each policy's tape, computed once for the several lints that read them. */
const RULES_OF = new WeakMap<PolicyTape, AccessRule[]>();

/**
 * The access rules of a policy whose sources include everyone (EVERYONE): the only rules the breadth
 * lints read, so a policy of thousands of rules for named groups keeps no entry for each. The same
 * array for the same tape: treat it as read-only.
 */
export function rulesFromEveryone(tape: PolicyTape): AccessRule[] {
    let rules = RULES_OF.get(tape);
    if (rules === undefined) {
        rules = collectRulesFromEveryone(tape);
        RULES_OF.set(tape, rules);
    }
    return rules;
}

function collectRulesFromEveryone(tape: PolicyTape): AccessRule[] {
    const rules: AccessRule[] = [];
    // The numbers of the EVERYONE strings the file contains; without any, no rule is from everyone.
    const everyoneIds = new Set<number>();
    for (const source of EVERYONE) {
        const id = tape.names.idOf(source);
        if (id !== NONE) everyoneIds.add(id);
    }
    if (everyoneIds.size === 0) return rules;
    const acls = tape.member(0, "acls");
    if (tape.isArray(acls)) {
        for (let record = tape.first(acls), index = 0; record !== NONE; record = tape.next(record), index++) {
            if (!tape.isObject(record)) continue;
            const src = tape.member(record, "src");
            const everyone = everyoneIn(tape, src !== NONE ? src : tape.member(record, "users"), everyoneIds);
            if (everyone !== undefined) rules.push({ section: "acls", index, record, everyone, dstKey: tape.member(record, "dst") !== NONE ? "dst" : "ports" });
        }
    }
    const grants = tape.member(0, "grants");
    if (tape.isArray(grants)) {
        for (let record = tape.first(grants), index = 0; record !== NONE; record = tape.next(record), index++) {
            // A grant with only "app" capabilities opens no network path; its reach is not network access.
            if (!tape.isObject(record) || !tape.isArray(tape.member(record, "ip"))) continue;
            const everyone = everyoneIn(tape, tape.member(record, "src"), everyoneIds);
            if (everyone !== undefined) rules.push({ section: "grants", index, record, everyone, dstKey: "dst" });
        }
    }
    return rules;
}

/** The first string of a tape list of sources that stands for everyone (its number is in `everyoneIds`). */
function everyoneIn(tape: PolicyTape, sources: number, everyoneIds: ReadonlySet<number>): string | undefined {
    if (!tape.isArray(sources)) return undefined;
    for (let source = tape.first(sources); source !== NONE; source = tape.next(source)) {
        if (tape.isString(source) && everyoneIds.has(tape.stringId(source))) return tape.string(source);
    }
    return undefined;
}

/**
 * The first destination of the rule whose target (without ports, for acls: "tag:db" for "tag:db:5432")
 * is `target`, with the path of that destination.
 */
export function destinationWithTarget(tape: PolicyTape, rule: AccessRule, target: string): StringAt | undefined {
    const list = tape.member(rule.record, rule.dstKey);
    if (!tape.isArray(list)) return undefined;
    for (let element = tape.first(list), index = 0; element !== NONE; element = tape.next(element), index++) {
        if (!tape.isString(element)) continue;
        const value = tape.string(element);
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
