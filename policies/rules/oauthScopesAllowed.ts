import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { KNOWN_SCOPES } from "../scopes";
import { asStringList } from "../values";

export const oauthScopesAllowed: ResourceRule = {
    kind: "resource",
    name: "oauth-scopes-allowed",
    description: 'OAuth clients and federated identities may only hold scopes from the allowed list (default: every scope but "all").',
    responsibility: "R2",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        'A credential with the "all" scope can rewrite the policy file, mint keys and delete devices: a leak is a tailnet ' +
        "takeover. Least privilege grants each automation only the scopes it uses.",
    url: "https://tailscale.com/kb/1623/trust-credentials",
    remediationSteps: "Replace broad scopes with the narrow ones the client needs (for example auth_keys and devices:core for a CI runner).",
    config: {
        allowedScopes: {
            type: "array",
            items: { type: "string" },
            default: [...KNOWN_SCOPES],
            description: "Scopes a credential created by the stack may hold.",
        },
    },
    resourceTypes: [TAILSCALE_TYPES.oauthClient, TAILSCALE_TYPES.federatedIdentity],
    check(resource, config) {
        const allowed = new Set(asStringList(config.allowedScopes));
        const scopes = resource.props.scopes;
        if (!Array.isArray(scopes) || scopes.length === 0) {
            return ["scopes is empty or unset: list the narrow scopes this credential needs."];
        }
        // A scope that is not a string is no scope Tailscale knows: refused like any other unlisted value.
        return scopes.flatMap((scope, i) =>
            typeof scope !== "string"
                ? [`scopes[${i}] is ${JSON.stringify(scope) ?? String(scope)}, not a scope name: list scope names such as "auth_keys".`]
                : allowed.has(scope)
                  ? []
                  : [`scope ${JSON.stringify(scope)} is not in allowedScopes: grant a narrower scope.`],
        );
    },
};
