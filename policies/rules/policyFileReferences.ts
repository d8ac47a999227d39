import { policyFileRule } from "../policyFileFindings";

export const policyFileReferences = policyFileRule(
    {
        name: "policy-file-references",
        description: "Every group, tag and host the policy file uses must be defined in it.",
        responsibility: "R5",
        severity: "high",
        enforcementLevel: "mandatory",
        rationale:
            "Tailscale refuses a policy that names an undefined group, tag or host; a typo in a selector is either a rejected " +
            "deploy or access that silently matches nobody.",
        url: "https://tailscale.com/kb/1337/policy-syntax",
        remediationSteps: "Define the name under groups, tagOwners or hosts, or fix the spelling.",
    },
    "undefined-reference",
);
