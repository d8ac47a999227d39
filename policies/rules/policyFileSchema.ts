import { policyFileRule } from "../policyFileFindings";

export const policyFileSchema = policyFileRule(
    {
        name: "policy-file-schema",
        description: "Every section, key, value, selector, port and protocol in the policy file follows Tailscale's documented grammar.",
        responsibility: "R5",
        severity: "high",
        enforcementLevel: "mandatory",
        rationale:
            "Tailscale rejects a policy with unknown keys, wrong types or malformed selectors, ports and protocols; a selector in a place " +
            "it is not allowed (autogroup:internet as a source, \"*\" as an SSH destination) either fails the deploy or does not mean what it says.",
        url: "https://tailscale.com/kb/1337/policy-syntax",
        remediationSteps: "Fix the value at the reported line and column as the message says.",
    },
    ["unknown-key", "wrong-type", "missing-field", "invalid-value", "invalid-selector", "invalid-ports", "invalid-protocol"],
);
