import { policyFileLintRule } from "../policyFileFindings";

export const policyFileSshNonrootCheck = policyFileLintRule("ssh-nonroot-without-check", {
    name: "policy-file-ssh-nonroot-check",
    rationale:
        "autogroup:nonroot lets the source log in as any non-root account on the destination; with \"accept\" a stolen, unlocked device is enough to do so.",
    remediationSteps: "Use \"action\": \"check\" for the rule, or list the specific local accounts instead of autogroup:nonroot.",
});
