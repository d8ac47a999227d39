/**
 * Validation of the whole policy file against the documented grammar
 * (https://tailscale.com/kb/1337/policy-syntax): every top-level section, its entries' keys and
 * types, selectors, ports and protocols. One pass over the document; defined names are collected
 * into Sets first, so the run is linear in the size of the policy.
 */
import type { PolicyFinding } from "../findings";
import { TOP_LEVEL_SECTIONS } from "../grammar/sections";
import type { ParsedPolicy } from "../parse";
import { NONE, NULL, type PolicyTape } from "../tape";
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

type SectionValidator = (v: Validation, section: number) => void;

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

/** Validates a policy that parsed to an object (node 0 of its tape): one walk for the grammar and the references. */
export function validatePolicy(parsed: ParsedPolicy, tape: PolicyTape): PolicyValidation {
    const v = new Validation(parsed, tape);
    v.keys(0, [], TOP_LEVEL_KEYS, "the policy file");
    for (let section = tape.first(0); section !== NONE; section = tape.next(section)) {
        const key = tape.key(section);
        // null reads as absent.
        if (!Object.prototype.hasOwnProperty.call(TOP_LEVEL_SECTIONS, key) || tape.kind(section) === NULL) continue;
        if (!v.expectType(section, [key], TOP_LEVEL_SECTIONS[key].type)) continue;
        SECTION_VALIDATORS[key]?.(v, section);
    }
    return { grammar: v.findings, references: v.references.findings };
}

const TOP_LEVEL_KEYS = Object.keys(TOP_LEVEL_SECTIONS);

/** Grammar findings for a policy that parsed to an object (a PolicyCheck). */
export function checkGrammar(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    return validatePolicy(parsed, tape).grammar;
}

/** The grammar findings, then the undefined-reference findings, of one pass: the PolicyCheck the analysis runs. */
export function checkGrammarAndReferences(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const { grammar, references } = validatePolicy(parsed, tape);
    return references.length === 0 ? grammar : [...grammar, ...references];
}

export { classifySelector, selectorProblem, type Classified, type SelectorKind } from "./selector";
export { portsProblem, grantIpProblem, splitDestination } from "./ports";
export { durationMinutes } from "./ssh";
export { isAppConnectorDomain } from "./attributes";
