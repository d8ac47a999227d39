import type { StackRule, StackViolation } from "../rule";
import { taggedDeviceIds } from "../deviceTrust";
import { TAILSCALE_TYPES } from "../resourceTypes";

export const stackDeviceAuthorization: StackRule = {
    kind: "stack",
    name: "device-authorization-tagged-only",
    description: "Devices may be approved in code (DeviceAuthorization authorized: true) only when this stack also tags them.",
    responsibility: "R2",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "Device approval is an admin's check that a user's device is trusted; approving by code is right for servers the " +
        "stack tags and provisions, and skips that check for anything else.",
    url: "https://tailscale.com/kb/1099/device-approval",
    remediationSteps: "Tag the device with tailscale.DeviceTags in the same stack, or approve user devices in the admin console.",
    check(resources) {
        const tagged = taggedDeviceIds(resources);
        const violations: StackViolation[] = [];
        for (const auth of resources.filter((r) => r.type === TAILSCALE_TYPES.deviceAuthorization)) {
            if (auth.props.authorized !== true) continue;
            const id = auth.props.deviceId;
            if (typeof id !== "string" || !tagged.has(id)) {
                violations.push({
                    message: `${auth.name} approves a device this stack does not tag: add tailscale.DeviceTags for the same deviceId.`,
                    urn: auth.urn,
                });
            }
        }
        return violations;
    },
};
