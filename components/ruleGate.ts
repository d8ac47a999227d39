import * as pulumi from "@pulumi/pulumi";
import { resolveConfig, type ResourceRule } from "../policies/rule";

/**
 * Asks pack rules about the inputs a component is about to register and throws on the first violation.
 * Components use this for combinations no configuration of the pack allows, so the component and the
 * pack decide with the same code.
 */
export function refuseRuleViolations(
    resource: pulumi.Resource,
    component: string,
    rules: readonly ResourceRule[],
    probe: { type: string; name: string; props: Record<string, unknown> },
): void {
    for (const rule of rules) {
        if (!rule.resourceTypes.includes(probe.type)) {
            continue;
        }
        const [message] = rule.check({ ...probe, urn: "" }, resolveConfig(rule, undefined));
        if (message !== undefined) {
            throw new pulumi.ResourceError(`${component}: ${message} (policy ${rule.name})`, resource, true);
        }
    }
}
