import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { asStringList } from "../values";

const EMAIL = /^[^\s@]+@([^\s@]+\.[^\s@]+)$/;

export const contactsSecurityEmail: ResourceRule = {
    kind: "resource",
    name: "contacts-security-email",
    description: "Contacts must name a security contact email (in an allowed domain, if configured).",
    responsibility: "R6",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "Tailscale sends security bulletins and incident notices to the security contact; a missing or personal address " +
        "means nobody who can act receives them.",
    url: "https://tailscale.com/kb/1224/contact-preferences",
    remediationSteps: "Set securities: [{ email: \"security@your-domain\" }] to a monitored team mailbox.",
    config: {
        allowedDomains: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Domains the security email may use; empty allows any.",
        },
    },
    resourceTypes: [TAILSCALE_TYPES.contacts],
    check(resource, config) {
        const securities = resource.props.securities;
        if (!Array.isArray(securities) || securities.length === 0) {
            return ["securities is empty: set a security contact email."];
        }
        const domains = asStringList(config.allowedDomains).map((d) => d.toLowerCase());
        const messages: string[] = [];
        securities.forEach((entry: unknown, i: number) => {
            const email = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>).email : undefined;
            const match = typeof email === "string" ? EMAIL.exec(email) : null;
            if (!match) {
                messages.push(`securities[${i}].email is not an email address.`);
            } else if (domains.length > 0 && !domains.includes(match[1].toLowerCase())) {
                messages.push(`securities[${i}].email is outside allowedDomains (${domains.join(", ")}).`);
            }
        });
        return messages;
    },
};
