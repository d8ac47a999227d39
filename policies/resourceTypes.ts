/**
 * Type tokens the rules match on. Matching on strings (not on SDK classes) keeps the pack from
 * loading @pulumi/tailscale or @pulumi/aws at start-up.
 */
export const TAILSCALE_TYPES = {
    acl: "tailscale:index/acl:Acl",
    tailnetSettings: "tailscale:index/tailnetSettings:TailnetSettings",
    tailnetKey: "tailscale:index/tailnetKey:TailnetKey",
    webhook: "tailscale:index/webhook:Webhook",
} as const;

export const AWS_TYPES = {
    instance: "aws:ec2/instance:Instance",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
} as const;

/** Tailscale's hardening guide, the reference for R6. */
export const HARDENING_GUIDE = "https://tailscale.com/kb/1196/security-hardening";
