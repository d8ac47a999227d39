import { policyFileRule } from "../policyFileFindings";

export const policyFileTagOwners = policyFileRule(
    {
        name: "policy-file-tag-owners",
        description: 'tagOwners must not let every member ("autogroup:member" or "*") apply a tag.',
        responsibility: "R5",
        severity: "high",
        enforcementLevel: "mandatory",
        rationale:
            "Whoever may apply a tag may give a device that tag's access: a tag every member can apply grants its access to every member.",
        url: "https://tailscale.com/kb/1068/tags",
        remediationSteps: "Make a group (or autogroup:admin) the tag's owner.",
    },
    "tag-owner-too-broad",
);
