import { policyFileLintRule } from "../policyFileFindings";

export const policyFileTests = policyFileLintRule("missing-tests", {
    name: "policy-file-has-tests",
    rationale:
        "Policy tests run on every save and reject a change that breaks or widens access; without them a mistaken edit deploys silently.",
    remediationSteps: "Add a \"tests\" section with accept and deny cases for the access that matters.",
});
