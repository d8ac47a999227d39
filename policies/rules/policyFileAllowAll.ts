import { policyFileRule } from "../policyFileFindings";

export const policyFileAllowAll = policyFileRule(
    {
        name: "policy-file-no-allow-all",
        description: 'The policy file must not let every source reach every destination ("*" -> "*:*").',
        responsibility: "R5",
        severity: "critical",
        enforcementLevel: "mandatory",
        rationale:
            "Tailscale's default policy allows all traffic; least privilege means listing which groups and tags reach which " +
            "destinations and ports.",
        url: "https://tailscale.com/kb/1192/acl-samples",
        remediationSteps: "Replace the allow-all rule with grants from groups and tags to the tags and ports they need.",
    },
    "allow-all",
);
