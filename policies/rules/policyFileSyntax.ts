import { policyFileRule } from "../policyFileFindings";

export const policyFileSyntax = policyFileRule(
    {
        name: "policy-file-parses",
        description: "The tailnet policy file must be valid HuJSON with an object at the top.",
        responsibility: "R5",
        severity: "high",
        enforcementLevel: "mandatory",
        rationale: "Tailscale rejects a policy file that does not parse; catching it at preview keeps a deploy from failing half-way.",
        url: "https://tailscale.com/kb/1337/policy-syntax",
        remediationSteps: "Fix the syntax error at the reported line and column.",
    },
    "syntax",
);
