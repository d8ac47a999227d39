import { policyFileRule } from "../policyFileFindings";

export const policyFileEmptyGroups = policyFileRule(
    {
        name: "policy-file-no-empty-groups",
        description: "Every group in the policy file has at least one member.",
        responsibility: "R5",
        severity: "low",
        enforcementLevel: "advisory",
        rationale:
            "A rule whose source is an empty group grants nothing, which usually means a provisioning step was missed or the rule is dead.",
        url: "https://tailscale.com/kb/1337/policy-syntax#groups",
        remediationSteps: "Add the group's members, or remove the group and the rules that use it.",
    },
    "empty-group",
);
