import type { PolicyCheckId, PolicyFinding } from "../acl";
import type { ResourceRule, RuleMetadata } from "./rule";
import { TAILSCALE_TYPES } from "./resourceTypes";

type AclModule = typeof import("../acl");
let aclModule: AclModule | undefined;
/** Loaded on first use so the pack's start-up does not pay for the parser. */
function acl(): AclModule {
    aclModule ??= require("../acl") as AclModule;
    return aclModule;
}

/** Every rule over the same Acl resource asks for the same text: analyse it once. */
let cached: { text: string; file: string; findings: PolicyFinding[] } | undefined;

export function policyFileFindings(text: string, file: string): PolicyFinding[] {
    if (cached === undefined || cached.text !== text || cached.file !== file) {
        cached = { text, file, findings: acl().analyzePolicy(text, file) };
    }
    return cached.findings;
}

/** How a finding reads in a violation: `file:line:col: message`. */
export function describeFinding(finding: PolicyFinding): string {
    return finding.location ? `${acl().formatLocation(finding.location)}: ${finding.message}` : finding.message;
}

/** The name used as the "file" of an inline policy: the resource and its property. */
export function inlinePolicyFileName(resourceName: string): string {
    return `${resourceName}.acl`;
}

/** A resource rule over `tailscale.Acl` that reports the findings of one policy-file check. */
export function policyFileRule(meta: RuleMetadata, check: PolicyCheckId): ResourceRule {
    return {
        ...meta,
        kind: "resource",
        resourceTypes: [TAILSCALE_TYPES.acl],
        check(resource) {
            const text = resource.props.acl;
            if (typeof text !== "string") {
                return check === "syntax" ? ["the acl property is not a string: pass the policy file's HuJSON text."] : [];
            }
            return policyFileFindings(text, inlinePolicyFileName(resource.name))
                .filter((finding) => finding.check === check)
                .map(describeFinding);
        },
    };
}
