import { policyFileRule } from "../policyFileFindings";

export const policyFileTestsPass = policyFileRule(
    {
        name: "policy-file-tests-pass",
        description: "Every assertion of the policy file's own tests and sshTests must hold.",
        responsibility: "R5",
        severity: "high",
        enforcementLevel: "mandatory",
        rationale:
            "The tests state the access the authors intend; Tailscale refuses to save a policy whose tests fail, so a " +
            "failing test found at preview is a deploy that would fail half-way, or access that differs from the intent.",
        url: "https://tailscale.com/kb/1337/policy-syntax#tests",
        remediationSteps: "Fix the rule the report names as deciding (or the test, if the intent changed) and run tailnet-guard audit again.",
    },
    "test-failed",
);
