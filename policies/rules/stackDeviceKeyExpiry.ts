import type { StackRule, StackViolation } from "../rule";
import { taggedDeviceIds } from "../deviceTrust";
import { TAILSCALE_TYPES } from "../resourceTypes";

export const stackDeviceKeyExpiry: StackRule = {
    kind: "stack",
    name: "device-key-expiry-tagged-only",
    description: "Key expiry may be disabled (DeviceKey keyExpiryDisabled) only for devices this stack tags with DeviceTags.",
    responsibility: "R2",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "Key expiry is what makes a user's device re-authenticate with the identity provider; disabling it on a user-owned " +
        "device keeps it in the tailnet after the user is removed there. Tagged servers have no user to re-authenticate.",
    url: "https://tailscale.com/kb/1028/key-expiry",
    remediationSteps: "Tag the device with tailscale.DeviceTags in the same stack, or keep key expiry on.",
    check(resources) {
        const tagged = taggedDeviceIds(resources);
        const violations: StackViolation[] = [];
        for (const key of resources.filter((r) => r.type === TAILSCALE_TYPES.deviceKey)) {
            if (key.props.keyExpiryDisabled !== true) continue;
            const id = key.props.deviceId;
            if (typeof id !== "string" || !tagged.has(id)) {
                violations.push({
                    message: `${key.name} disables key expiry for a device this stack does not tag: add tailscale.DeviceTags for the same deviceId, or keep expiry on.`,
                    urn: key.urn,
                });
            }
        }
        return violations;
    },
};
