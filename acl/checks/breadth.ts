/**
 * Lints about rules that reach too far: near-allow-all, broad-access-to-tagged,
 * exit-node-to-everyone, danger-all and funnel-too-broad.
 */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { formatPath, listIncludes, member, recordsOf, stringsOf, type JsonPath } from "../walk";
import { accessRules, everyoneSource, ruleName, type AccessRule } from "./accessRules";

/** The exact allow-all shape is reported by allow-all; near-allow-all covers the rest. */
function isExactAllowAll(rule: AccessRule): boolean {
    const { record } = rule;
    if (rule.section === "acls") return record.action === "accept" && listIncludes(record.src, "*") && listIncludes(record.dst, "*:*");
    return listIncludes(record.src, "*") && listIncludes(record.dst, "*") && listIncludes(record.ip, "*");
}

export function checkNearAllowAll(parsed: ParsedPolicy, doc: Record<string, unknown>): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const rule of accessRules(doc)) {
        const everyone = everyoneSource(rule);
        const anywhere = rule.targets.find((target) => target.value === "*");
        if (everyone === undefined || anywhere === undefined || isExactAllowAll(rule)) continue;
        findings.push({
            check: "near-allow-all",
            message:
                `${ruleName(rule)} lets ${JSON.stringify(everyone.value)} reach every destination ("*"); ` +
                "name the tags or hosts they need instead of all of them",
            location: parsed.locate(anywhere.path),
        });
    }
    return findings;
}

export function checkBroadAccessToTagged(parsed: ParsedPolicy, doc: Record<string, unknown>): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const rule of accessRules(doc)) {
        const everyone = everyoneSource(rule);
        const tagged = rule.targets.find((target) => target.value === "autogroup:tagged");
        if (everyone === undefined || tagged === undefined) continue;
        findings.push({
            check: "broad-access-to-tagged",
            message:
                `${ruleName(rule)} lets ${JSON.stringify(everyone.value)} reach every tagged device (autogroup:tagged), ` +
                "servers included; grant each group the specific tags it needs",
            location: parsed.locate(tagged.path),
        });
    }
    return findings;
}

export function checkExitNodeToEveryone(parsed: ParsedPolicy, doc: Record<string, unknown>): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const rule of accessRules(doc)) {
        const everyone = everyoneSource(rule);
        const internet = rule.targets.find((target) => target.value === "autogroup:internet");
        if (everyone === undefined || internet === undefined) continue;
        findings.push({
            check: "exit-node-to-everyone",
            message:
                `${ruleName(rule)} lets ${JSON.stringify(everyone.value)} use exit nodes (autogroup:internet); ` +
                "grant exit-node use to the groups that need it",
            location: parsed.locate(internet.path),
        });
    }
    return findings;
}

/** Every selector list where autogroup:danger-all could appear, with its path. */
function selectorLists(doc: Record<string, unknown>): Array<{ list: unknown; path: JsonPath }> {
    const out: Array<{ list: unknown; path: JsonPath }> = [];
    for (const section of ["acls", "grants", "ssh"]) {
        for (const { index, record } of recordsOf(member(doc, section))) {
            for (const key of ["src", "dst", "users"]) {
                if (section === "ssh" && key === "users") continue;
                out.push({ list: record[key], path: [section, index, key] });
            }
        }
    }
    for (const { index, record } of recordsOf(member(doc, "nodeAttrs"))) out.push({ list: record.target, path: ["nodeAttrs", index, "target"] });
    return out;
}

export function checkDangerAll(parsed: ParsedPolicy, doc: Record<string, unknown>): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const { list, path } of selectorLists(doc)) {
        // indexOf first: the element paths are built only for lists that hold the value.
        if (!Array.isArray(list) || list.indexOf("autogroup:danger-all") < 0) continue;
        for (const entry of stringsOf(list, path)) {
            if (entry.value !== "autogroup:danger-all") continue;
            findings.push({
                check: "danger-all",
                message:
                    `${formatPath(entry.path)} uses autogroup:danger-all, which matches every device including ones outside the tailnet; ` +
                    'use "autogroup:member", groups or tags',
                location: parsed.locate(entry.path),
            });
        }
    }
    return findings;
}

/** Targets that hand an attribute to (nearly) every device. */
const BROAD_TARGETS: ReadonlySet<string> = new Set(["*", "autogroup:member", "autogroup:tagged", "autogroup:shared", "autogroup:danger-all"]);

export function checkFunnelTooBroad(parsed: ParsedPolicy, doc: Record<string, unknown>): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const { index, record } of recordsOf(member(doc, "nodeAttrs"))) {
        if (!listIncludes(record.attr, "funnel")) continue;
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
    }
    return findings;
}
