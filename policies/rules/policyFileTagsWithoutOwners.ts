import { policyFileRule } from "../policyFileFindings";

export const policyFileTagsWithoutOwners = policyFileRule(
    {
        name: "policy-file-tags-have-owners",
        description: "Every tag in tagOwners names who may apply it.",
        responsibility: "R5",
        severity: "low",
        enforcementLevel: "advisory",
        rationale:
            "A tag with an empty owner list can be applied only by admins; naming the owning group makes that intent explicit and reviewable.",
        url: "https://tailscale.com/kb/1068/tags",
        remediationSteps: 'List the group allowed to apply the tag, e.g. "tag:server": ["group:admins"].',
    },
    "tag-without-owner",
);
