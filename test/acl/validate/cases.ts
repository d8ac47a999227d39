/** Table-driven validation cases: a policy, the one finding expected, where it points and what it says. */
import assert from "node:assert/strict";
import { analyzePolicy, POLICY_VALIDATION_IDS, type PolicyCheckId } from "../../../acl";
import { at, policyText, positionOf } from "../helpers";

/** A small valid policy the cases change one section of. Names here are all defined. */
export const BASE: Readonly<Record<string, unknown>> = {
    groups: { "group:eng": ["alice@example.com"], "group:ops": ["bob@example.com"] },
    tagOwners: { "tag:db": ["group:ops"], "tag:web": ["group:ops"], "tag:router": ["group:ops"], "tag:rec": ["group:ops"] },
    hosts: { nas: "100.64.0.7", office: "192.0.2.0/24" },
    ipsets: { "ipset:branches": ["198.51.100.0/24"] },
    postures: { "posture:latest": ["node:tsVersion >= '1.60'"] },
};

export interface ValidationCase {
    name: string;
    /** Sections replacing those of BASE. */
    policy: Record<string, unknown>;
    check: PolicyCheckId;
    /** The text the finding points at (its first character), e.g. '"tag:db:22"'. */
    at: string;
    /** Which occurrence of `at` (default the first). */
    occurrence?: number;
    /** Search for `at` only after the first occurrence of this text (e.g. the section's key). */
    after?: string;
    message: RegExp;
}

/** Runs one case: exactly one finding of the case's check, at the expected position, saying the expected thing. */
export function assertCase(c: ValidationCase): void {
    const text = policyText({ ...BASE, ...c.policy });
    const found = analyzePolicy(text, "policy.hujson").filter((f) => f.check === c.check);
    assert.equal(found.length, 1, `${c.name}: expected one ${c.check} finding, got ${JSON.stringify(found.map((f) => f.message))}`);
    assert.equal(at(found[0]), positionOf(text, c.at, c.occurrence, c.after), `${c.name}: position of ${found[0].message}`);
    assert.match(found[0].message, c.message, c.name);
}

/** The findings of the validation checks (not the lints) for a policy built on BASE. */
export function validationFindings(policy: Record<string, unknown>): string[] {
    // Every grammar check, syntax included.
    const validation: ReadonlySet<string> = new Set(POLICY_VALIDATION_IDS);
    return analyzePolicy(policyText({ ...BASE, ...policy }), "policy.hujson")
        .filter((f) => validation.has(f.check))
        .map((f) => `${f.check}: ${f.message}`);
}
