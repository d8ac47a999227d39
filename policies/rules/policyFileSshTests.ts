import { policyFileLintRule } from "../policyFileFindings";

export const policyFileSshTests = policyFileLintRule("ssh-without-tests", {
    name: "policy-file-has-ssh-tests",
    rationale:
        "SSH rules decide who gets shells on which accounts; sshTests catch an edit that widens them before it is saved.",
    remediationSteps: "Add \"sshTests\" asserting who may (accept/check) and who may not (deny) log in as each account.",
});
