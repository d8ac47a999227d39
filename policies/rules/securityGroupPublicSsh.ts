import type { ResourceRule } from "../rule";
import { AWS_TYPES } from "../resourceTypes";
import { asNumber, asStringList } from "../values";

const ANYWHERE = new Set(["0.0.0.0/0", "::/0"]);

interface Ingress {
    where: string;
    protocol: unknown;
    fromPort: unknown;
    toPort: unknown;
    cidrs: string[];
}

/** Ingress entries of the three AWS resource shapes that open a security group. */
function ingresses(type: string, props: Record<string, unknown>): Ingress[] {
    if (type === AWS_TYPES.securityGroup) {
        const list = Array.isArray(props.ingress) ? props.ingress : [];
        return list.map((rule: unknown, i: number) => {
            const r = (rule ?? {}) as Record<string, unknown>;
            return {
                where: `ingress[${i}]`,
                protocol: r.protocol,
                fromPort: r.fromPort,
                toPort: r.toPort,
                cidrs: [...asStringList(r.cidrBlocks), ...asStringList(r.ipv6CidrBlocks)],
            };
        });
    }
    if (type === AWS_TYPES.securityGroupRule) {
        if (props.type !== "ingress") return [];
        return [{ where: "rule", protocol: props.protocol, fromPort: props.fromPort, toPort: props.toPort, cidrs: [...asStringList(props.cidrBlocks), ...asStringList(props.ipv6CidrBlocks)] }];
    }
    const cidrs = [props.cidrIpv4, props.cidrIpv6].filter((c): c is string => typeof c === "string");
    return [{ where: "rule", protocol: props.ipProtocol, fromPort: props.fromPort, toPort: props.toPort, cidrs }];
}

/** True when the entry admits TCP traffic to `port`. Protocol "-1"/"all" admits every port. */
function admits(entry: Ingress, port: number): boolean {
    const protocol = String(entry.protocol ?? "").toLowerCase();
    if (protocol === "-1" || protocol === "all") return true;
    if (protocol !== "tcp" && protocol !== "6") return false;
    const from = asNumber(entry.fromPort);
    const to = asNumber(entry.toPort);
    if (from === undefined || to === undefined) return true;
    return from <= port && port <= to;
}

export const securityGroupPublicSsh: ResourceRule = {
    kind: "resource",
    name: "security-group-no-public-ssh",
    description: "Security groups must not open SSH (or the configured admin ports) to 0.0.0.0/0 or ::/0; reach machines over Tailscale.",
    responsibility: "R5",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "With Tailscale SSH or SSH over the tailnet, the policy file decides who reaches port 22; a public ingress rule skips " +
        "the identity provider, the policy file and its logs altogether.",
    url: "https://tailscale.com/kb/1193/tailscale-ssh",
    remediationSteps: "Delete the public ingress rule and reach the machine over the tailnet (its 100.x address or Tailscale SSH).",
    config: {
        ports: {
            type: "array",
            items: { type: "integer" },
            default: [22],
            description: "TCP ports that must never be open to the whole internet.",
        },
    },
    resourceTypes: [AWS_TYPES.securityGroup, AWS_TYPES.securityGroupRule, AWS_TYPES.securityGroupIngressRule],
    check(resource, config) {
        const ports = (config.ports as unknown[]).filter((p): p is number => typeof p === "number");
        const messages: string[] = [];
        for (const entry of ingresses(resource.type, resource.props)) {
            const open = entry.cidrs.filter((cidr) => ANYWHERE.has(cidr));
            if (open.length === 0) continue;
            const exposed = ports.filter((port) => admits(entry, port));
            if (exposed.length > 0) {
                messages.push(`${entry.where} opens port ${exposed.join(", ")} to ${open.join(" and ")}: remove it and use the tailnet.`);
            }
        }
        return messages;
    },
};
