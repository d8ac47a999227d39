import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { asStringList, show } from "../values";

/** A subject made only of wildcards and separators matches every workload of the issuer. */
function isWildcardOnly(subject: string): boolean {
    return /^[*:/\s-]*$/.test(subject);
}

export const federatedIdentityTrust: ResourceRule = {
    kind: "resource",
    name: "federated-identity-trust",
    description: "A federated identity must trust an https issuer from the allowed list and a specific subject, not a bare wildcard.",
    responsibility: "R2",
    severity: "critical",
    enforcementLevel: "mandatory",
    rationale:
        'A public issuer such as GitHub Actions signs tokens for every repository on it; a subject of "*" would let any of ' +
        "them exchange its token for Tailscale API access.",
    url: "https://tailscale.com/kb/1581/workload-identity-federation",
    remediationSteps: "Set issuer to your identity provider's https URL and subject to the exact workload (for example repo:org/repo:ref:refs/heads/main).",
    config: {
        allowedIssuers: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Issuer URLs that may be trusted; empty allows any https issuer.",
        },
    },
    resourceTypes: [TAILSCALE_TYPES.federatedIdentity],
    check(resource, config) {
        const messages: string[] = [];
        const issuer = resource.props.issuer;
        const allowed = asStringList(config.allowedIssuers);
        if (typeof issuer !== "string" || !issuer.startsWith("https://")) {
            messages.push(`issuer is ${show(issuer)}: use the identity provider's https:// issuer URL.`);
        } else if (allowed.length > 0 && !allowed.includes(issuer)) {
            messages.push(`issuer ${JSON.stringify(issuer)} is not in allowedIssuers.`);
        }
        const subject = resource.props.subject;
        if (typeof subject !== "string" || isWildcardOnly(subject)) {
            messages.push(`subject is ${show(subject)}: name the workload; a bare wildcard trusts every token the issuer signs.`);
        }
        return messages;
    },
};
