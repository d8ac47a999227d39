import { policyFileLintRule } from "../policyFileFindings";

export const policyFileExitNodes = policyFileLintRule("exit-node-to-everyone", {
    name: "policy-file-exit-nodes-restricted",
    rationale:
        "Exit-node use routes members' internet traffic through tailnet devices; granting it to everyone widens who can reach the internet from the exit node's network position.",
    remediationSteps: "Grant autogroup:internet to the groups that need exit nodes.",
});
