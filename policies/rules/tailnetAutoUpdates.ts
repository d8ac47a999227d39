import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { isTrue, show, patched } from "../values";

export const tailnetAutoUpdates: ResourceRule = {
    kind: "resource",
    name: "tailnet-auto-updates",
    description: "TailnetSettings must turn on automatic client updates for new devices (devicesAutoUpdatesOn: true).",
    responsibility: "R3",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "Keeping clients on supported versions is the customer's job under the shared responsibility model; " +
        "auto-updates apply Tailscale's security fixes without waiting for someone to notice.",
    url: "https://tailscale.com/kb/1067/update",
    remediationSteps: "Set devicesAutoUpdatesOn: true on the TailnetSettings resource.",
    resourceTypes: [TAILSCALE_TYPES.tailnetSettings],
    check(resource) {
        const value = resource.props.devicesAutoUpdatesOn;
        return isTrue(value) ? [] : [`devicesAutoUpdatesOn is ${show(value)}: set it to true so clients install security fixes.`];
    },
    remediate(resource) {
        return isTrue(resource.props.devicesAutoUpdatesOn) ? undefined : patched(resource.props, { devicesAutoUpdatesOn: true });
    },
};
