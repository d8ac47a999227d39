import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { isNonEmptyString } from "../values";
import { secretnessProblem } from "./logStreamCredentials";

export const postureIntegrationSecret: ResourceRule = {
    kind: "resource",
    name: "posture-integration-secret",
    description: "A posture integration's client secret must be set and kept secret.",
    responsibility: "R1",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "The posture integration reads device compliance from the MDM/EDR; its client secret, if exposed, lets others read " +
        "or impersonate that inventory, which is the evidence devices are patched.",
    url: "https://tailscale.com/kb/1288/device-posture",
    remediationSteps: "Set clientSecret from `pulumi config set --secret` and register the resource with @pulumi/tailscale.",
    resourceTypes: [TAILSCALE_TYPES.postureIntegration],
    check(resource) {
        if (!isNonEmptyString(resource.props.clientSecret)) {
            return ["clientSecret is not set: give the posture provider's client secret from secret config."];
        }
        const problem = secretnessProblem(resource, "clientSecret");
        return problem ? [problem] : [];
    },
};
