import { policyFileLintRule } from "../policyFileFindings";

export const policyFileDevicePosture = policyFileLintRule("no-device-posture", {
    name: "policy-file-device-posture",
    rationale:
        "Device posture lets the policy refuse devices that are out of date or unmanaged, which backs the customer's duty to keep devices patched.",
    remediationSteps: "Define postures (e.g. a minimum Tailscale version) and apply them with defaultSrcPosture or srcPosture.",
});
