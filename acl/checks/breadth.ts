/**
 * Lints about rules that reach too far: near-allow-all, broad-access-to-tagged,
 * exit-node-to-everyone, danger-all and funnel-too-broad.
 */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import type { PolicyTape } from "../tape";
import { forEachRecord, formatPath, isRecord, listIncludes, member, stringsOf } from "../walk";
import { destinationWithTarget, rulesFromEveryone, ruleName, type AccessRule } from "./accessRules";

/** The exact allow-all shape is reported by allow-all; near-allow-all covers the rest. */
function isExactAllowAll(rule: AccessRule): boolean {
    const { record } = rule;
    if (rule.section === "acls") return record.action === "accept" && listIncludes(record.src, "*") && listIncludes(record.dst, "*:*");
    return listIncludes(record.src, "*") && listIncludes(record.dst, "*") && listIncludes(record.ip, "*");
}

export function checkNearAllowAll(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    const findings: PolicyFinding[] = [];
    for (const rule of rulesFromEveryone(doc)) {
        const everyone = rule.everyone;
        const anywhere = destinationWithTarget(rule, "*");
        if (anywhere === undefined || isExactAllowAll(rule)) continue;
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
    const doc = parsed.value as Record<string, unknown>;
    const findings: PolicyFinding[] = [];
    for (const rule of rulesFromEveryone(doc)) {
        const everyone = rule.everyone;
        const tagged = destinationWithTarget(rule, "autogroup:tagged");
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
    const doc = parsed.value as Record<string, unknown>;
    const findings: PolicyFinding[] = [];
    for (const rule of rulesFromEveryone(doc)) {
        const everyone = rule.everyone;
        const internet = destinationWithTarget(rule, "autogroup:internet");
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
    const doc = parsed.value as Record<string, unknown>;
    const findings: PolicyFinding[] = [];
    for (const [section, keys] of DANGER_ALL_LISTS) {
        const records = member(doc, section);
        if (!Array.isArray(records)) continue;
        for (let index = 0; index < records.length; index++) {
            const record: unknown = records[index];
            if (!isRecord(record)) continue;
            for (const key of keys) {
                const list = record[key];
                // indexOf first: a path is built only for a list that holds the value.
                if (!Array.isArray(list) || list.indexOf(DANGER_ALL) < 0) continue;
                for (let at = 0; at < list.length; at++) {
                    if (list[at] !== DANGER_ALL) continue;
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
    const doc = parsed.value as Record<string, unknown>;
    const findings: PolicyFinding[] = [];
    forEachRecord(member(doc, "nodeAttrs"), (record, index) => {
        if (!listIncludes(record.attr, "funnel")) return;
        for (const target of stringsOf(record.target, ["nodeAttrs", index, "target"])) {
            if (!BROAD_TARGETS.has(target.value)) continue;
            findings.push({
                check: "funnel-too-broad",
                message:
                    `nodeAttrs[${index}] gives the "funnel" attribute to ${JSON.stringify(target.value)}, so any of those devices can ` +
                    "publish a service to the public internet; give it to a specific tag or group",
                location: parsed.locate(target.path),
            });
        }
    });
    return findings;
}
