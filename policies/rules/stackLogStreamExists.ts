import type { StackRule, StackViolation } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { byTailnet, tailscaleResources } from "../stackQueries";
import { asStringList } from "../values";

export const stackLogStreamExists: StackRule = {
    kind: "stack",
    name: "log-stream-configured",
    description: "Each tailnet the stack manages must stream its configuration audit logs (and other configured log types) to a SIEM.",
    responsibility: "R4",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "Tailscale keeps configuration audit logs for a limited time; the shared responsibility model leaves providing logs " +
        "to the customer, which needs a copy the customer retains.",
    url: "https://tailscale.com/kb/1255/log-streaming",
    remediationSteps: 'Add a tailscale.LogstreamConfiguration with logType "configuration" (and "network" if required) for the tailnet.',
    config: {
        requiredLogTypes: {
            type: "array",
            items: { type: "string", enum: ["configuration", "network"] },
            default: ["configuration"],
            description: "Log types that must be streamed.",
        },
    },
    check(resources, config) {
        const required = asStringList(config.requiredLogTypes);
        const violations: StackViolation[] = [];
        for (const [tailnet, group] of byTailnet(tailscaleResources(resources))) {
            const streamed = new Set(group.filter((r) => r.type === TAILSCALE_TYPES.logstreamConfiguration).map((r) => r.props.logType));
            for (const logType of required.filter((t) => !streamed.has(t))) {
                violations.push({ message: `${tailnet} streams no ${logType} logs: add a LogstreamConfiguration with logType "${logType}".` });
            }
        }
        return violations;
    },
};
