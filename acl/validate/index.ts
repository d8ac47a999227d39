/**
 * Validation of the whole policy file against the documented grammar
 * (https://tailscale.com/kb/1337/policy-syntax): every top-level section, its entries' keys and
 * types, selectors, ports and protocols. One pass over the document; defined names are collected
 * into Sets first, so the run is linear in the size of the policy.
 */
import type { PolicyFinding } from "../findings";
import { TOP_LEVEL_SECTIONS } from "../grammar/sections";
import type { ParsedPolicy } from "../parse";
import type { PolicyTape } from "../tape";
import { validateAutoApprovers, validateNodeAttrs } from "./attributes";
import {
    validateDefaultSrcPosture,
    validateGroups,
    validateHosts,
    validateIpsets,
    validatePostures,
    validateTagOwners,
} from "./definitions";
import { Validation } from "./report";
import { validateAcls, validateGrants } from "./rules";
import { validateSsh } from "./ssh";
import { validateSshTests, validateTests } from "./tests";

type SectionValidator = (v: Validation, value: never) => void;

/** The validator of each section, called only when the section has its documented JSON type. */
const SECTION_VALIDATORS: Readonly<Record<string, SectionValidator>> = {
    groups: validateGroups,
    tagOwners: validateTagOwners,
    hosts: validateHosts,
    ipsets: validateIpsets,
    postures: validatePostures,
    defaultSrcPosture: validateDefaultSrcPosture,
    acls: validateAcls,
    grants: validateGrants,
    ssh: validateSsh,
    nodeAttrs: validateNodeAttrs,
    autoApprovers: validateAutoApprovers,
    tests: validateTests,
    sshTests: validateSshTests,
};

/** What one validation pass over a policy found: grammar findings, and references to undefined names. */
export interface PolicyValidation {
    grammar: PolicyFinding[];
    references: PolicyFinding[];
}

/** Validates a policy that parsed to an object: one walk for the grammar and the references. */
export function validatePolicy(parsed: ParsedPolicy, doc: Record<string, unknown>): PolicyValidation {
    const v = new Validation(parsed, doc);
    v.keys(doc, [], Object.keys(TOP_LEVEL_SECTIONS), "the policy file");
    for (const [key, value] of Object.entries(doc)) {
        // null reads as an absent section.
        if (!Object.prototype.hasOwnProperty.call(TOP_LEVEL_SECTIONS, key) || value === null) continue;
        if (!v.expectType(value, [key], TOP_LEVEL_SECTIONS[key].type)) continue;
        const validate = SECTION_VALIDATORS[key] as ((v: Validation, value: unknown) => void) | undefined;
        validate?.(v, value);
    }
    return { grammar: v.findings, references: v.references.findings };
}

/** Grammar findings for a policy that parsed to an object (a PolicyCheck). */
export function checkGrammar(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    return validatePolicy(parsed, doc).grammar;
}

/** The grammar findings, then the undefined-reference findings, of one pass: the PolicyCheck the analysis runs. */
export function checkGrammarAndReferences(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    const { grammar, references } = validatePolicy(parsed, doc);
    return references.length === 0 ? grammar : [...grammar, ...references];
}

export { classifySelector, selectorProblem, type Classified, type SelectorKind } from "./selector";
export { portsProblem, grantIpProblem, splitDestination } from "./ports";
export { durationMinutes } from "./ssh";
export { isAppConnectorDomain } from "./attributes";
