import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";

export const tailnetHttpsCertificates: ResourceRule = {
    kind: "resource",
    name: "tailnet-https-certificate-transparency",
    description: "Turning on HTTPS certificates publishes machine names in public Certificate Transparency logs: name machines accordingly.",
    responsibility: "R6",
    severity: "low",
    enforcementLevel: "advisory",
    rationale:
        "Every certificate Tailscale obtains for a machine is recorded in the public Certificate Transparency ledger, so the " +
        "tailnet's DNS name and the names of machines with certificates become public.",
    url: "https://tailscale.com/kb/1153/enabling-https",
    remediationSteps:
        "Keep httpsEnabled only if machine names reveal nothing sensitive (rename them first), or set httpsEnabled: false.",
    resourceTypes: [TAILSCALE_TYPES.tailnetSettings],
    check(resource) {
        return resource.props.httpsEnabled === true
            ? ["httpsEnabled is true: machine names that get certificates will appear in public Certificate Transparency logs."]
            : [];
    },
};
