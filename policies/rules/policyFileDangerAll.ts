import { policyFileLintRule } from "../policyFileFindings";

export const policyFileDangerAll = policyFileLintRule("danger-all", {
    name: "policy-file-no-danger-all",
    rationale:
        "autogroup:danger-all matches every device, including devices outside the tailnet that reach it through sharing or subnet routes.",
    remediationSteps: "Use autogroup:member, a group, or tags instead of autogroup:danger-all.",
});
