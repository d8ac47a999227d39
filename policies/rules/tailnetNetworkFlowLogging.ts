import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { isTrue, patched, show } from "../values";

export const tailnetNetworkFlowLogging: ResourceRule = {
    kind: "resource",
    name: "tailnet-network-flow-logging",
    description: "TailnetSettings must turn on network flow logs (networkFlowLoggingOn: true).",
    responsibility: "R4",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "Under the shared responsibility model the customer provides logs when asked; network flow logs record which " +
        "devices talked to which, which configuration audit logs alone do not.",
    url: "https://tailscale.com/kb/1219/network-flow-logs",
    remediationSteps: "Set networkFlowLoggingOn: true and stream the logs to your SIEM with a LogstreamConfiguration.",
    resourceTypes: [TAILSCALE_TYPES.tailnetSettings],
    check(resource) {
        const value = resource.props.networkFlowLoggingOn;
        return isTrue(value) ? [] : [`networkFlowLoggingOn is ${show(value)}: set it to true.`];
    },
    remediate(resource) {
        return isTrue(resource.props.networkFlowLoggingOn) ? undefined : patched(resource.props, { networkFlowLoggingOn: true });
    },
};
