import { policyFileLintRule } from "../policyFileFindings";

export const policyFileShadowedRules = policyFileLintRule("shadowed-rule", {
    name: "policy-file-no-shadowed-rules",
    rationale:
        "A rule wholly covered by an earlier one does nothing; it misleads reviewers about what grants access and survives when the earlier rule is tightened.",
    remediationSteps: "Remove the covered rule, or merge it into the earlier rule.",
});
