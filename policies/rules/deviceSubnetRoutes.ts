import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { asStringList } from "../values";

const EXIT_ROUTES = new Set(["0.0.0.0/0", "::/0"]);

export const deviceSubnetRoutes: ResourceRule = {
    kind: "resource",
    name: "device-routes-bounded",
    description: "Approved device routes must not make an exit node unless allowed, and must be no broader than the configured prefixes.",
    responsibility: "R5",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "An approved route sends tailnet traffic for that range through the device; a /8 or an exit route turns one machine " +
        "into a gateway for far more than the policy file was written for.",
    url: "https://tailscale.com/kb/1019/subnets",
    remediationSteps: "Approve only the specific subnets the router serves; approve exit nodes only where allowExitNode is set.",
    config: {
        allowExitNode: {
            type: "boolean",
            default: false,
            description: "Allow approving 0.0.0.0/0 and ::/0 (using the device as an exit node).",
        },
        minIpv4PrefixLength: {
            type: "integer",
            minimum: 1,
            maximum: 32,
            default: 16,
            description: "Shortest IPv4 prefix that may be approved (16 allows a /16, refuses a /8).",
        },
        minIpv6PrefixLength: {
            type: "integer",
            minimum: 1,
            maximum: 128,
            default: 48,
            description: "Shortest IPv6 prefix that may be approved.",
        },
    },
    resourceTypes: [TAILSCALE_TYPES.deviceSubnetRoutes],
    check(resource, config) {
        const messages: string[] = [];
        for (const route of asStringList(resource.props.routes)) {
            if (EXIT_ROUTES.has(route)) {
                if (config.allowExitNode !== true) {
                    messages.push(`route ${route} makes the device an exit node: remove it or set allowExitNode in policy config.`);
                }
                continue;
            }
            const match = /^([^/]+)\/(\d{1,3})$/.exec(route);
            if (!match) {
                messages.push(`route ${JSON.stringify(route)} is not in CIDR form (address/prefix).`);
                continue;
            }
            const v6 = match[1].includes(":");
            const min = (v6 ? config.minIpv6PrefixLength : config.minIpv4PrefixLength) as number;
            if (Number(match[2]) < min) {
                messages.push(`route ${route} is broader than /${min}: approve narrower subnets.`);
            }
        }
        return messages;
    },
};
