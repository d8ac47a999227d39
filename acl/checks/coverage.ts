/**
 * Lints about what the policy lacks: missing-tests, one-sided-tests, ssh-without-tests, no-groups,
 * legacy-acls and no-device-posture. Each reports once, at the section concerned.
 */
import type { PolicyCheckId, PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import type { PolicyTape } from "../tape";
import { forEachRecord, isRecord, member } from "../walk";

function nonEmptyList(value: unknown): value is unknown[] {
    return Array.isArray(value) && value.length > 0;
}

function nonEmptyObject(value: unknown): boolean {
    return isRecord(value) && Object.keys(value).length > 0;
}

/** The first non-empty access rule section, or undefined when the policy has no access rules. */
function rulesSection(doc: Record<string, unknown>): "grants" | "acls" | undefined {
    if (nonEmptyList(member(doc, "grants"))) return "grants";
    if (nonEmptyList(member(doc, "acls"))) return "acls";
    return undefined;
}

function finding(parsed: ParsedPolicy, check: PolicyCheckId, path: ReadonlyArray<string>, message: string): PolicyFinding {
    return { check, message, location: parsed.locate(path) };
}

export function checkMissingTests(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    const section = rulesSection(doc);
    if (section === undefined || nonEmptyList(member(doc, "tests"))) return [];
    return [
        finding(parsed, "missing-tests", [section], `the policy has ${section} but no "tests"; add tests that a connection which must work is accepted and one which must not is denied`),
    ];
}

export function checkOneSidedTests(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    let tests = 0;
    let accepts = false;
    let denies = false;
    forEachRecord(member(doc, "tests"), (test) => {
        tests++;
        accepts ||= nonEmptyList(test.accept) || nonEmptyList(test.allow);
        denies ||= nonEmptyList(test.deny);
    });
    if (tests === 0) return [];
    if (accepts && denies) return [];
    const missing = accepts ? "deny" : "accept";
    return [
        finding(parsed, "one-sided-tests", ["tests"], `no test has a non-empty "${missing}" list; add "${missing}" cases so the tests catch access that ${missing === "deny" ? "widens" : "breaks"}`),
    ];
}

export function checkSshWithoutTests(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    if (!nonEmptyList(member(doc, "ssh")) || nonEmptyList(member(doc, "sshTests"))) return [];
    return [finding(parsed, "ssh-without-tests", ["ssh"], 'the policy has ssh rules but no "sshTests"; add tests for who may SSH as which account, and who may not')];
}

export function checkNoGroups(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    const section = rulesSection(doc);
    if (section === undefined || nonEmptyObject(member(doc, "groups"))) return [];
    return [finding(parsed, "no-groups", [section], 'the policy defines no "groups"; grant access to groups of users (role-based access) so joiners and leavers change one list')];
}

export function checkLegacyAcls(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    if (!nonEmptyList(member(doc, "acls"))) return [];
    return [finding(parsed, "legacy-acls", ["acls"], 'the policy uses legacy "acls"; write them as "grants", which express the same rules and receive new features')];
}

export function checkNoDevicePosture(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    if (rulesSection(doc) === undefined) return [];
    if (nonEmptyObject(member(doc, "postures")) || nonEmptyList(member(doc, "defaultSrcPosture"))) return [];
    return [finding(parsed, "no-device-posture", [], 'the policy defines no "postures" or "defaultSrcPosture"; require e.g. a minimum Tailscale version so out-of-date devices are kept out')];
}
