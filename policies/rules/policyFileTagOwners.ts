import { policyFileLintRule } from "../policyFileFindings";

export const policyFileTagOwners = policyFileLintRule("tag-owner-too-broad", {
    name: "policy-file-tag-owners",
    rationale:
        "Whoever may apply a tag may give a device that tag's access: a tag every member can apply grants its access to every member.",
    remediationSteps: "Make a group (or autogroup:admin) the tag's owner.",
});
