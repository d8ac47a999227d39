import type { StackRule, StackViolation } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { byTailnet, tailscaleResources } from "../stackQueries";

export const stackSecurityContacts: StackRule = {
    kind: "stack",
    name: "security-contacts-managed",
    description: "Each tailnet the stack manages must set its security contact with a tailscale.Contacts resource.",
    responsibility: "R6",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "Security bulletins and incident notices go to the security contact; managing it in code keeps it a team address " +
        "reviewed with everything else instead of the first admin's personal email.",
    url: "https://tailscale.com/kb/1224/contact-preferences",
    remediationSteps: "Add tailscale.Contacts with securities: [{ email: \"security@your-domain\" }].",
    check(resources) {
        const violations: StackViolation[] = [];
        for (const [tailnet, group] of byTailnet(tailscaleResources(resources))) {
            const contacts = group.filter((r) => r.type === TAILSCALE_TYPES.contacts);
            const withSecurity = contacts.filter((r) => Array.isArray(r.props.securities) && r.props.securities.length > 0);
            if (withSecurity.length === 0) {
                violations.push({ message: `${tailnet} has no Contacts resource with a security contact: add one.` });
            }
        }
        return violations;
    },
};
