import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { asNumber, patched } from "../values";

/** Provider default when expiry is unset or 0: 90 days (see @pulumi/tailscale TailnetKeyArgs.expiry). */
export const PROVIDER_DEFAULT_KEY_EXPIRY_SECONDS = 90 * 24 * 3600;

export const authKeyExpiry: ResourceRule = {
    kind: "resource",
    name: "auth-key-expiry",
    description: "An auth key must expire within the configured maximum (default 7 days).",
    responsibility: "R2",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "An auth key is a bearer credential for joining the tailnet; a short life limits how long a copy left in a " +
        "CI log, a state file or an image stays useful. Unset means the provider's 90 days.",
    url: "https://tailscale.com/kb/1085/auth-keys",
    remediationSteps: "Set expiry (seconds) to at most the configured maximum; create keys close to when they are used.",
    config: {
        maxSeconds: {
            type: "integer",
            minimum: 60,
            maximum: PROVIDER_DEFAULT_KEY_EXPIRY_SECONDS,
            default: 7 * 24 * 3600,
            description: "Longest auth key life, in seconds. A week covers a deploy window; anything longer is a standing credential.",
        },
    },
    resourceTypes: [TAILSCALE_TYPES.tailnetKey],
    check(resource, config) {
        const max = config.maxSeconds as number;
        const raw = asNumber(resource.props.expiry);
        const effective = raw === undefined || raw === 0 ? PROVIDER_DEFAULT_KEY_EXPIRY_SECONDS : raw;
        if (effective > max) {
            const what = raw === undefined || raw === 0 ? "unset (the provider default of 90 days)" : `${raw} seconds`;
            return [`expiry is ${what}: set it to at most ${max} seconds.`];
        }
        return [];
    },
    remediate(resource, config) {
        const max = config.maxSeconds as number;
        const raw = asNumber(resource.props.expiry);
        const effective = raw === undefined || raw === 0 ? PROVIDER_DEFAULT_KEY_EXPIRY_SECONDS : raw;
        return effective > max ? patched(resource.props, { expiry: max }) : undefined;
    },
};
