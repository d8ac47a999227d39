/**
 * Lints about what the policy lacks: missing-tests, one-sided-tests, ssh-without-tests, no-groups,
 * legacy-acls and no-device-posture. Each reports once, at the section concerned.
 */
import type { PolicyCheckId, PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import type { PolicyTape } from "../tape";
import { forEachObject } from "../walk";

/** True when tape value `n` is a list with elements. */
function nonEmptyList(tape: PolicyTape, n: number): boolean {
    return tape.isArray(n) && tape.length(n) > 0;
}

/** True when tape value `n` is an object with members. */
function nonEmptyObject(tape: PolicyTape, n: number): boolean {
    return tape.isObject(n) && tape.length(n) > 0;
}

/** True when the top-level section `key` is a non-empty list. */
function hasListSection(tape: PolicyTape, key: string): boolean {
    return nonEmptyList(tape, tape.member(0, key));
}

/** The first non-empty access rule section, or undefined when the policy has no access rules. */
function rulesSection(tape: PolicyTape): "grants" | "acls" | undefined {
    if (hasListSection(tape, "grants")) return "grants";
    if (hasListSection(tape, "acls")) return "acls";
    return undefined;
}

function finding(parsed: ParsedPolicy, check: PolicyCheckId, path: ReadonlyArray<string>, message: string): PolicyFinding {
    return { check, message, location: parsed.locate(path) };
}

export function checkMissingTests(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const section = rulesSection(tape);
    if (section === undefined || hasListSection(tape, "tests")) return [];
    return [
        finding(parsed, "missing-tests", [section], `the policy has ${section} but no "tests"; add tests that a connection which must work is accepted and one which must not is denied`),
    ];
}

export function checkOneSidedTests(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    let tests = 0;
    let accepts = false;
    let denies = false;
    forEachObject(tape, tape.member(0, "tests"), (test) => {
        tests++;
        accepts ||= nonEmptyList(tape, tape.member(test, "accept")) || nonEmptyList(tape, tape.member(test, "allow"));
        denies ||= nonEmptyList(tape, tape.member(test, "deny"));
    });
    if (tests === 0) return [];
    if (accepts && denies) return [];
    const missing = accepts ? "deny" : "accept";
    return [
        finding(parsed, "one-sided-tests", ["tests"], `no test has a non-empty "${missing}" list; add "${missing}" cases so the tests catch access that ${missing === "deny" ? "widens" : "breaks"}`),
    ];
}

export function checkSshWithoutTests(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    if (!hasListSection(tape, "ssh") || hasListSection(tape, "sshTests")) return [];
    return [finding(parsed, "ssh-without-tests", ["ssh"], 'the policy has ssh rules but no "sshTests"; add tests for who may SSH as which account, and who may not')];
}

export function checkNoGroups(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const section = rulesSection(tape);
    if (section === undefined || nonEmptyObject(tape, tape.member(0, "groups"))) return [];
    return [finding(parsed, "no-groups", [section], 'the policy defines no "groups"; grant access to groups of users (role-based access) so joiners and leavers change one list')];
}

export function checkLegacyAcls(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    if (!hasListSection(tape, "acls")) return [];
    return [finding(parsed, "legacy-acls", ["acls"], 'the policy uses legacy "acls"; write them as "grants", which express the same rules and receive new features')];
}

export function checkNoDevicePosture(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    if (rulesSection(tape) === undefined) return [];
    if (nonEmptyObject(tape, tape.member(0, "postures")) || hasListSection(tape, "defaultSrcPosture")) return [];
    return [finding(parsed, "no-device-posture", [], 'the policy defines no "postures" or "defaultSrcPosture"; require e.g. a minimum Tailscale version so out-of-date devices are kept out')];
}
