import { policyFileLintRule } from "../policyFileFindings";

export const policyFileSshRecorder = policyFileLintRule("ssh-recorder-not-enforced", {
    name: "policy-file-ssh-recorder-enforced",
    rationale:
        "Without enforceRecorder, Tailscale lets an SSH session proceed unrecorded when no recorder is reachable, so the audit trail has gaps exactly when something is wrong.",
    remediationSteps: "Add \"enforceRecorder\": true to every SSH rule that names a recorder.",
});
