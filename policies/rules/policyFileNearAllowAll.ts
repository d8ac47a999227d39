import { policyFileLintRule } from "../policyFileFindings";

export const policyFileNearAllowAll = policyFileLintRule("near-allow-all", {
    name: "policy-file-no-near-allow-all",
    rationale:
        "Letting everyone reach every destination is the allow-all policy in all but name: one compromised laptop can then probe every device and subnet in the tailnet.",
    remediationSteps: "Replace the \"*\" destination with the tags, hosts or subnets the sources need, and narrow the sources to groups.",
});
