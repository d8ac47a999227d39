import type { StackRule, StackViolation } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { byTailnet, tailscaleResources } from "../stackQueries";

const SINGLETONS = [
    { type: TAILSCALE_TYPES.tailnetSettings, what: "TailnetSettings", why: "the tailnet's settings stay whatever the admin console holds" },
    { type: TAILSCALE_TYPES.acl, what: "Acl (policy file)", why: "the policy file stays whatever the admin console holds" },
];

export const stackTailnetSingletons: StackRule = {
    kind: "stack",
    name: "tailnet-single-settings-and-policy",
    description: "Each tailnet the stack manages must have exactly one TailnetSettings and exactly one Acl.",
    responsibility: "R5",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "Settings and the policy file are single objects per tailnet: without a resource they drift unreviewed in the console, " +
        "and two resources overwrite each other on every deploy, so the effective policy depends on ordering.",
    url: "https://tailscale.com/kb/1196/security-hardening",
    remediationSteps: "Manage the tailnet's settings and policy file once each (HardenedTailnet creates both); remove duplicates.",
    check(resources) {
        const violations: StackViolation[] = [];
        for (const [tailnet, group] of byTailnet(tailscaleResources(resources))) {
            for (const singleton of SINGLETONS) {
                const found = group.filter((r) => r.type === singleton.type);
                if (found.length === 0) {
                    violations.push({ message: `${tailnet} has no ${singleton.what} resource: ${singleton.why}.` });
                } else if (found.length > 1) {
                    for (const extra of found.slice(1)) {
                        violations.push({
                            message: `${tailnet} has ${found.length} ${singleton.what} resources (${found.map((r) => r.name).join(", ")}): they overwrite each other; keep one.`,
                            urn: extra.urn,
                        });
                    }
                }
            }
        }
        return violations;
    },
};
