import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { isTrue, patched, show } from "../values";

export const tailnetPostureIdentity: ResourceRule = {
    kind: "resource",
    name: "tailnet-posture-identity-collection",
    description: "TailnetSettings must collect device identity for posture checks (postureIdentityCollectionOn: true).",
    responsibility: "R1",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "Device posture rules can only require a patched, managed device when Tailscale collects the device's identity " +
        "(serial number and similar attributes); without it, unpatched or unmanaged hardware is indistinguishable.",
    url: "https://tailscale.com/kb/1326/device-identity",
    remediationSteps: "Set postureIdentityCollectionOn: true, then use posture conditions in the policy file.",
    resourceTypes: [TAILSCALE_TYPES.tailnetSettings],
    check(resource) {
        const value = resource.props.postureIdentityCollectionOn;
        return isTrue(value) ? [] : [`postureIdentityCollectionOn is ${show(value)}: set it to true so posture rules can identify devices.`];
    },
    remediate(resource) {
        return isTrue(resource.props.postureIdentityCollectionOn) ? undefined : patched(resource.props, { postureIdentityCollectionOn: true });
    },
};
