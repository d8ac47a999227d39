import { policyFileLintRule } from "../policyFileFindings";

export const policyFileTestsBothWays = policyFileLintRule("one-sided-tests", {
    name: "policy-file-tests-accept-and-deny",
    rationale:
        "Tests that only assert accepted connections never notice access that widens (and deny-only tests never notice access that breaks).",
    remediationSteps: "Add tests with \"deny\" lists (or \"accept\" lists) so both directions are covered.",
});
