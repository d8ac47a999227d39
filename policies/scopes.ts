/**
 * Tailscale API scopes for OAuth clients and federated identities (https://tailscale.com/kb/1623/trust-credentials).
 * A scope without ":read" grants writes; "all" grants every write.
 */

/** Scopes Tailscale documents; every one of them except "all" passes oauth-scopes-allowed by default. */
export const KNOWN_SCOPES: readonly string[] = [
    "all:read",
    "account_settings",
    "account_settings:read",
    "auth_keys",
    "auth_keys:read",
    "devices:core",
    "devices:core:read",
    "devices:posture_attributes",
    "devices:posture_attributes:read",
    "devices:routes",
    "devices:routes:read",
    "dns",
    "dns:read",
    "feature_settings",
    "feature_settings:read",
    "log_streaming",
    "log_streaming:read",
    "logs:configuration:read",
    "logs:network:read",
    "oauth_keys",
    "oauth_keys:read",
    "policy_file",
    "policy_file:read",
    "posture_integrations",
    "posture_integrations:read",
    "services",
    "services:read",
    "user_invites",
    "user_invites:read",
    "users",
    "users:read",
    "webhooks",
    "webhooks:read",
];

/** Scopes whose tokens create auth keys or change devices, so Tailscale needs tags to give the devices. */
export const SCOPES_NEEDING_TAGS: readonly string[] = ["all", "auth_keys", "devices:core"];
