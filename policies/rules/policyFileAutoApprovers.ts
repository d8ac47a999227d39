import { policyFileLintRule } from "../policyFileFindings";

export const policyFileAutoApprovers = policyFileLintRule("auto-approver-not-tag", {
    name: "policy-file-auto-approvers-tags",
    rationale:
        "An auto-approved route or exit node carries other devices' traffic; if a user can approve it, any device that user logs into can start intercepting that traffic without an admin noticing.",
    remediationSteps: "List only tags (applied to dedicated router devices) as approvers under autoApprovers routes, exitNode and services.",
});
