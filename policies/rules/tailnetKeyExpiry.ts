import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { asNumber, show, patched } from "../values";

/** Tailscale accepts a device key expiry of 1 to 180 days (https://tailscale.com/kb/1028/key-expiry). */
export const TAILSCALE_MAX_DEVICE_KEY_DAYS = 180;

export const tailnetKeyExpiry: ResourceRule = {
    kind: "resource",
    name: "tailnet-key-expiry",
    description: "TailnetSettings must set devicesKeyDurationDays, no longer than the configured maximum (default 90 days).",
    responsibility: "R2",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "Node key expiry forces every user device to re-authenticate with the identity provider, so a person removed " +
        "there loses tailnet access within the period. Left unset, the tailnet keeps its current value (180 days for a new tailnet).",
    url: "https://tailscale.com/kb/1028/key-expiry",
    remediationSteps: "Set devicesKeyDurationDays to a value from 1 to the configured maximum.",
    config: {
        maxDays: {
            type: "integer",
            minimum: 1,
            maximum: TAILSCALE_MAX_DEVICE_KEY_DAYS,
            default: 90,
            description: "Longest device key expiry allowed, in days. 90 halves Tailscale's default while keeping re-logins rare.",
        },
    },
    resourceTypes: [TAILSCALE_TYPES.tailnetSettings],
    check(resource, config) {
        const max = config.maxDays as number;
        const raw = resource.props.devicesKeyDurationDays;
        const days = asNumber(raw);
        if (days === undefined) {
            return [`devicesKeyDurationDays is ${show(raw)}: set it explicitly, at most ${max} days.`];
        }
        if (days < 1 || days > max) {
            return [`devicesKeyDurationDays is ${days}: it must be from 1 to ${max} days.`];
        }
        return [];
    },
    remediate(resource, config) {
        const max = config.maxDays as number;
        const days = asNumber(resource.props.devicesKeyDurationDays);
        if (days !== undefined && days >= 1 && days <= max) {
            return undefined;
        }
        return patched(resource.props, { devicesKeyDurationDays: max });
    },
};
