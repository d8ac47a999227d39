import { policyFileLintRule } from "../policyFileFindings";

export const policyFileSshRootCheck = policyFileLintRule("ssh-root-without-check", {
    name: "policy-file-ssh-root-check",
    rationale:
        "An \"accept\" rule lets a stolen, unlocked laptop open a root shell on servers; \"check\" mode asks the user to " +
        "re-authenticate with the identity provider first.",
    remediationSteps: 'Change the SSH rule\'s action to "check", or restrict its source to tags.',
});
