import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { asStringList, patched } from "../values";
import { WEBHOOK_EVENTS } from "../webhookEvents";


function missingEvents(subscriptions: unknown, required: string[]): string[] {
    const subscribed = new Set(asStringList(subscriptions));
    return required.filter((event) => !subscribed.has(event));
}

export const webhookCriticalEvents: ResourceRule = {
    kind: "resource",
    name: "webhook-critical-events",
    description: "A webhook must subscribe to the security-critical events (policy changes, role changes, approvals).",
    responsibility: "R4",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "Webhooks are how people learn of a change as it happens; a hook that misses policy updates or role changes lets a " +
        "tailnet-wide change go unnoticed until the next audit.",
    url: "https://tailscale.com/kb/1213/webhooks",
    remediationSteps: "Add the missing events to subscriptions.",
    config: {
        requiredEvents: {
            type: "array",
            items: { type: "string", enum: [...WEBHOOK_EVENTS] },
            default: ["policyUpdate", "userRoleUpdated", "nodeNeedsApproval", "userNeedsApproval"],
            description: "Events every webhook must subscribe to.",
        },
    },
    resourceTypes: [TAILSCALE_TYPES.webhook],
    check(resource, config) {
        const missing = missingEvents(resource.props.subscriptions, asStringList(config.requiredEvents));
        return missing.length === 0 ? [] : [`subscriptions lack ${missing.join(", ")}: add them.`];
    },
    remediate(resource, config) {
        const missing = missingEvents(resource.props.subscriptions, asStringList(config.requiredEvents));
        return missing.length === 0
            ? undefined
            : patched(resource.props, { subscriptions: [...asStringList(resource.props.subscriptions), ...missing] });
    },
};
