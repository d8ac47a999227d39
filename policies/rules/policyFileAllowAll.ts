import { policyFileLintRule } from "../policyFileFindings";

export const policyFileAllowAll = policyFileLintRule("allow-all", {
    name: "policy-file-no-allow-all",
    rationale:
        "Tailscale's default policy allows all traffic; least privilege means listing which groups and tags reach which " +
        "destinations and ports.",
    remediationSteps: "Replace the allow-all rule with grants from groups and tags to the tags and ports they need.",
});
