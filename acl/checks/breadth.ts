/**
 * Lints about rules that reach too far: near-allow-all, broad-access-to-tagged,
 * exit-node-to-everyone, danger-all and funnel-too-broad.
 */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { NONE, type PolicyTape } from "../tape";
import { forEachObject, formatPath, isStringId, listHas, listHasId } from "../walk";
import { destinationWithTarget, rulesFromEveryone, ruleName, type AccessRule } from "./accessRules";

/** The exact allow-all shape is reported by allow-all; near-allow-all covers the rest. */
function isExactAllowAll(tape: PolicyTape, rule: AccessRule): boolean {
    const { record } = rule;
    const src = tape.member(record, "src");
    if (rule.section === "acls") {
        return isStringId(tape, tape.member(record, "action"), tape.names.idOf("accept")) && listHas(tape, src, "*") && listHas(tape, tape.member(record, "dst"), "*:*");
    }
    return listHas(tape, src, "*") && listHas(tape, tape.member(record, "dst"), "*") && listHas(tape, tape.member(record, "ip"), "*");
}

export function checkNearAllowAll(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const rule of rulesFromEveryone(tape)) {
        const everyone = rule.everyone;
        const anywhere = destinationWithTarget(tape, rule, "*");
        if (anywhere === undefined || isExactAllowAll(tape, rule)) continue;
        findings.push({
            check: "near-allow-all",
            message:
                `${ruleName(rule)} lets ${JSON.stringify(everyone)} reach every destination ("*"); ` +
                "name the tags or hosts they need instead of all of them",
            location: parsed.locate(anywhere.path),
        });
    }
    return findings;
}

export function checkBroadAccessToTagged(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const rule of rulesFromEveryone(tape)) {
        const everyone = rule.everyone;
        const tagged = destinationWithTarget(tape, rule, "autogroup:tagged");
        if (tagged === undefined) continue;
        findings.push({
            check: "broad-access-to-tagged",
            message:
                `${ruleName(rule)} lets ${JSON.stringify(everyone)} reach every tagged device (autogroup:tagged), ` +
                "servers included; grant each group the specific tags it needs",
            location: parsed.locate(tagged.path),
        });
    }
    return findings;
}

export function checkExitNodeToEveryone(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const rule of rulesFromEveryone(tape)) {
        const everyone = rule.everyone;
        const internet = destinationWithTarget(tape, rule, "autogroup:internet");
        if (internet === undefined) continue;
        findings.push({
            check: "exit-node-to-everyone",
            message:
                `${ruleName(rule)} lets ${JSON.stringify(everyone)} use exit nodes (autogroup:internet); ` +
                "grant exit-node use to the groups that need it",
            location: parsed.locate(internet.path),
        });
    }
    return findings;
}

/** The sections and keys of the selector lists where autogroup:danger-all could appear. */
const DANGER_ALL_LISTS: ReadonlyArray<readonly [string, readonly string[]]> = [
    ["acls", ["src", "dst", "users"]],
    ["grants", ["src", "dst", "users"]],
    ["ssh", ["src", "dst"]],
    ["nodeAttrs", ["target"]],
];

const DANGER_ALL = "autogroup:danger-all";

export function checkDangerAll(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    // Compared by number; a file without the string has nothing to report.
    const dangerAll = tape.names.idOf(DANGER_ALL);
    if (dangerAll === NONE) return findings;
    for (const [section, keys] of DANGER_ALL_LISTS) {
        const records = tape.member(0, section);
        if (!tape.isArray(records)) continue;
        for (let record = tape.first(records), index = 0; record !== NONE; record = tape.next(record), index++) {
            if (!tape.isObject(record)) continue;
            for (const key of keys) {
                const list = tape.member(record, key);
                if (!tape.isArray(list)) continue;
                // A path is built only for an element that holds the value.
                for (let element = tape.first(list), at = 0; element !== NONE; element = tape.next(element), at++) {
                    if (!isStringId(tape, element, dangerAll)) continue;
                    const path = [section, index, key, at];
                    findings.push({
                        check: "danger-all",
                        message:
                            `${formatPath(path)} uses autogroup:danger-all, which matches every device including ones outside the tailnet; ` +
                            'use "autogroup:member", groups or tags',
                        location: parsed.locate(path),
                    });
                }
            }
        }
    }
    return findings;
}

/** Targets that hand an attribute to (nearly) every device. */
const BROAD_TARGETS: ReadonlySet<string> = new Set(["*", "autogroup:member", "autogroup:tagged", "autogroup:shared", "autogroup:danger-all"]);

export function checkFunnelTooBroad(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    // Compared by number; a file without the string gives no funnel attribute.
    const funnel = tape.names.idOf("funnel");
    if (funnel === NONE) return findings;
    forEachObject(tape, tape.member(0, "nodeAttrs"), (record, index) => {
        if (!listHasId(tape, tape.member(record, "attr"), funnel)) return;
        const targets = tape.member(record, "target");
        if (!tape.isArray(targets)) return;
        for (let element = tape.first(targets), at = 0; element !== NONE; element = tape.next(element), at++) {
            if (!tape.isString(element)) continue;
            const target = tape.string(element);
            if (!BROAD_TARGETS.has(target)) continue;
            findings.push({
                check: "funnel-too-broad",
                message:
                    `nodeAttrs[${index}] gives the "funnel" attribute to ${JSON.stringify(target)}, so any of those devices can ` +
                    "publish a service to the public internet; give it to a specific tag or group",
                location: parsed.locate(["nodeAttrs", index, "target", at]),
            });
        }
    });
    return findings;
}
