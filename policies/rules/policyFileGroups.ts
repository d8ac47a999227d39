import { policyFileLintRule } from "../policyFileFindings";

export const policyFileGroups = policyFileLintRule("no-groups", {
    name: "policy-file-uses-groups",
    rationale:
        "Role-based access (groups of users) keeps rules stable as people join and leave; rules naming individual users drift.",
    remediationSteps: "Define groups under \"groups\" and use them as sources.",
});
