/**
 * Webhook event names Tailscale accepts in a webhook's `subscriptions`
 * (https://tailscale.com/kb/1213/webhooks#events): one list for the pack's config schema and for the
 * components' argument checks. Data only, safe to load at pack start-up.
 */
export const WEBHOOK_EVENTS = [
    "nodeCreated",
    "nodeNeedsApproval",
    "nodeApproved",
    "nodeKeyExpiringInOneDay",
    "nodeKeyExpired",
    "nodeDeleted",
    "nodeSigned",
    "nodeNeedsSignature",
    "policyUpdate",
    "userCreated",
    "userNeedsApproval",
    "userSuspended",
    "userRestored",
    "userDeleted",
    "userApproved",
    "userRoleUpdated",
    "subnetIPForwardingNotEnabled",
    "exitNodeIPForwardingNotEnabled",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
