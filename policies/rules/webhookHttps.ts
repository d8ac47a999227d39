import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { asString } from "../values";

export const webhookHttps: ResourceRule = {
    kind: "resource",
    name: "webhook-https",
    description: "A webhook must deliver events over https.",
    responsibility: "R4",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "Webhook payloads describe the tailnet's security events (new devices, policy changes, expiring keys); " +
        "over plain http anyone on the path can read or forge them.",
    url: "https://tailscale.com/kb/1213/webhooks",
    remediationSteps: "Use an https:// endpointUrl.",
    resourceTypes: [TAILSCALE_TYPES.webhook],
    check(resource) {
        const url = asString(resource.props.endpointUrl);
        if (url === undefined) {
            return ["endpointUrl is not set: give an https:// URL."];
        }
        let scheme: string;
        try {
            scheme = new URL(url).protocol;
        } catch {
            return [`endpointUrl ${JSON.stringify(url)} is not a valid URL: give an https:// URL.`];
        }
        return scheme === "https:" ? [] : [`endpointUrl uses ${scheme.replace(/:$/, "")}: use an https:// URL.`];
    },
};
