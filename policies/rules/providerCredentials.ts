import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { isNonEmptyString } from "../values";

export const providerCredentials: ResourceRule = {
    kind: "resource",
    name: "provider-scoped-credentials",
    description: "The Tailscale provider must authenticate with an OAuth client or a federated identity, not a personal API key.",
    responsibility: "R2",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "An API access key carries the full rights of the person who made it and lives until it expires; an OAuth client or " +
        "workload identity is scoped, belongs to the tailnet rather than a person, and survives that person leaving.",
    url: "https://tailscale.com/kb/1215/oauth-clients",
    remediationSteps:
        "Remove tailscale:apiKey; set tailscale:oauthClientId and (as a secret) tailscale:oauthClientSecret, or use identityToken with a federated identity.",
    resourceTypes: [TAILSCALE_TYPES.provider],
    check(resource) {
        // The key is never echoed; only the field is named.
        return isNonEmptyString(resource.props.apiKey)
            ? ["apiKey is set: authenticate with an OAuth client (oauthClientId/oauthClientSecret) or a federated identity instead."]
            : [];
    },
};
