import type { WebhookEvent } from "../policies/webhookEvents";

export { WEBHOOK_EVENTS, type WebhookEvent } from "../policies/webhookEvents";

/**
 * The events a security team acts on: devices and users waiting for approval (R2), node keys about
 * to expire or expired, devices awaiting a tailnet-lock signature, policy edits and role changes (R5),
 * and new or removed members.
 */
export const SECURITY_WEBHOOK_EVENTS: readonly WebhookEvent[] = [
    "nodeCreated",
    "nodeNeedsApproval",
    "nodeKeyExpiringInOneDay",
    "nodeKeyExpired",
    "nodeNeedsSignature",
    "policyUpdate",
    "userCreated",
    "userNeedsApproval",
    "userRoleUpdated",
    "userSuspended",
    "userDeleted",
];

/** Payload formats Tailscale can send besides its own JSON (WebhookArgs.providerType). */
export const WEBHOOK_PROVIDER_TYPES = ["slack", "mattermost", "googlechat", "discord"] as const;
export type WebhookProviderType = (typeof WEBHOOK_PROVIDER_TYPES)[number];
