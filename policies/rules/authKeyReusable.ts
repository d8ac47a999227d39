import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { isTrue, patched } from "../values";

export const authKeyReusable: ResourceRule = {
    kind: "resource",
    name: "auth-key-reusable-ephemeral",
    description: "A reusable auth key must be ephemeral; durable devices get single-use keys.",
    responsibility: "R2",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "A reusable, non-ephemeral key lets whoever holds it add any number of permanent devices until it expires. " +
        "Ephemeral devices are removed when they go offline, which bounds what a leaked fleet key can leave behind.",
    url: "https://tailscale.com/kb/1085/auth-keys",
    remediationSteps: "Set reusable: false, or ephemeral: true for an autoscaling fleet.",
    resourceTypes: [TAILSCALE_TYPES.tailnetKey],
    check(resource) {
        const { reusable, ephemeral } = resource.props;
        return isTrue(reusable) && !isTrue(ephemeral)
            ? ["the key is reusable but not ephemeral: set reusable: false, or ephemeral: true for an autoscaling fleet."]
            : [];
    },
    remediate(resource) {
        const { reusable, ephemeral } = resource.props;
        return isTrue(reusable) && !isTrue(ephemeral) ? patched(resource.props, { ephemeral: true }) : undefined;
    },
};
