import type { StackRule, StackViolation } from "../rule";
import { TAILSCALE_DNS_PART_TYPES, TAILSCALE_TYPES } from "../resourceTypes";
import { byTailnet, tailscaleResources } from "../stackQueries";

export const stackDnsSingleOwner: StackRule = {
    kind: "stack",
    name: "dns-single-owner",
    description: "A tailnet's DNS must be managed either by one DnsConfiguration or by the per-part Dns* resources, never both.",
    responsibility: "R6",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "DnsConfiguration replaces the whole DNS configuration; a DnsNameservers or DnsPreferences beside it rewrites part of " +
        "it on every deploy, so which resolvers devices use depends on apply order.",
    url: "https://tailscale.com/kb/1054/dns",
    remediationSteps: "Keep one DnsConfiguration and fold the per-part resources into it (or drop DnsConfiguration).",
    check(resources) {
        const violations: StackViolation[] = [];
        for (const [tailnet, group] of byTailnet(tailscaleResources(resources))) {
            const whole = group.filter((r) => r.type === TAILSCALE_TYPES.dnsConfiguration);
            const parts = group.filter((r) => TAILSCALE_DNS_PART_TYPES.includes(r.type));
            if (whole.length > 1) {
                for (const extra of whole.slice(1)) {
                    violations.push({ message: `${tailnet} has ${whole.length} DnsConfiguration resources: keep one.`, urn: extra.urn });
                }
            }
            if (whole.length > 0) {
                for (const part of parts) {
                    violations.push({ message: `${part.name} (${part.type.split(":").pop()}) overlaps DnsConfiguration ${whole[0].name} in ${tailnet}: manage DNS in one place.`, urn: part.urn });
                }
            }
        }
        return violations;
    },
};
