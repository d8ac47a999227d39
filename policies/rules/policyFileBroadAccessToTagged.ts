import { policyFileLintRule } from "../policyFileFindings";

export const policyFileBroadAccessToTagged = policyFileLintRule("broad-access-to-tagged", {
    name: "policy-file-no-broad-access-to-tagged",
    rationale:
        "autogroup:tagged includes every server and router; granting it to every member hands all of them to any user, whereas per-tag grants keep least privilege as servers are added.",
    remediationSteps: "Grant each group the specific tags (and ports) it needs instead of autogroup:tagged.",
});
