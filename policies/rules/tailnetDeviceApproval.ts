import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { isTrue, show, patched } from "../values";

export const tailnetDeviceApproval: ResourceRule = {
    kind: "resource",
    name: "tailnet-device-approval",
    description: "TailnetSettings must require an admin to approve each new device (devicesApprovalOn: true).",
    responsibility: "R2",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "Without device approval any device that completes the identity provider's login joins at once; " +
        "approval lets only trusted, managed devices in.",
    url: "https://tailscale.com/kb/1099/device-approval",
    remediationSteps: "Set devicesApprovalOn: true on the TailnetSettings resource.",
    resourceTypes: [TAILSCALE_TYPES.tailnetSettings],
    check(resource) {
        const value = resource.props.devicesApprovalOn;
        return isTrue(value) ? [] : [`devicesApprovalOn is ${show(value)}: set it to true so new devices wait for admin approval.`];
    },
    remediate(resource) {
        return isTrue(resource.props.devicesApprovalOn) ? undefined : patched(resource.props, { devicesApprovalOn: true });
    },
};
