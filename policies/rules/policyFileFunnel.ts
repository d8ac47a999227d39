import { policyFileLintRule } from "../policyFileFindings";

export const policyFileFunnel = policyFileLintRule("funnel-too-broad", {
    name: "policy-file-funnel-restricted",
    rationale:
        "The funnel attribute lets a device publish a local service on the public internet; given to every member (Tailscale's starter policy does this) any laptop can expose a service without review.",
    remediationSteps: "Give the funnel attribute only to a tag for the devices meant to serve the public, or to a small group.",
});
