import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { asStringList } from "../values";

type IpAddr = typeof import("ipaddr.js");
let ipaddrModule: IpAddr | undefined;
/** Loaded on first use so that the pack's start-up does not pay for it. */
function ipaddr(): IpAddr {
    ipaddrModule ??= require("ipaddr.js") as IpAddr;
    return ipaddrModule;
}

/**
 * Public resolvers that Tailscale clients reach over DNS-over-HTTPS automatically
 * (https://tailscale.com/kb/1054/dns#global-nameservers): Cloudflare, Google, Quad9.
 */
export const DOH_UPGRADED_RESOLVERS = [
    "1.1.1.1",
    "1.0.0.1",
    "2606:4700:4700::1111",
    "2606:4700:4700::1001",
    "8.8.8.8",
    "8.8.4.4",
    "2001:4860:4860::8888",
    "2001:4860:4860::8844",
    "9.9.9.9",
    "149.112.112.112",
    "2620:fe::fe",
    "2620:fe::9",
];

/** Address ranges reached inside the network or over the tailnet, never across the internet in clear. */
const INTERNAL_RANGES = new Set(["private", "loopback", "carrierGradeNat", "uniqueLocal", "linkLocal"]);

/** Every nameserver address a DNS resource sets, with where it is set. */
function nameservers(type: string, props: Record<string, unknown>): Array<{ where: string; address: string }> {
    const found: Array<{ where: string; address: string }> = [];
    const add = (where: string, value: unknown) => {
        if (typeof value === "string") found.push({ where, address: value });
    };
    if (type === TAILSCALE_TYPES.dnsConfiguration) {
        const list = Array.isArray(props.nameservers) ? props.nameservers : [];
        list.forEach((n: unknown, i: number) => add(`nameservers[${i}].address`, (n as Record<string, unknown> | null)?.address));
        const split = Array.isArray(props.splitDns) ? props.splitDns : [];
        split.forEach((s: unknown, i: number) => {
            const inner = (s as Record<string, unknown> | null)?.nameservers;
            (Array.isArray(inner) ? inner : []).forEach((n: unknown, j: number) =>
                add(`splitDns[${i}].nameservers[${j}]`, typeof n === "string" ? n : (n as Record<string, unknown> | null)?.address),
            );
        });
    } else {
        asStringList(props.nameservers).forEach((n, i) => add(`nameservers[${i}]`, n));
    }
    return found;
}

export const dnsNameserversTrusted: ResourceRule = {
    kind: "resource",
    name: "dns-nameservers-encrypted",
    description: "Tailnet DNS must use internal resolvers, DNS-over-HTTPS, or public resolvers Tailscale upgrades to DNS-over-HTTPS.",
    responsibility: "R6",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "Every device sends its queries to the tailnet's nameservers; a public resolver reached in plain DNS exposes and lets " +
        "the path tamper with every lookup, while internal resolvers travel inside WireGuard and known public ones over DoH.",
    url: "https://tailscale.com/kb/1054/dns",
    remediationSteps: "Use a resolver on a private or tailnet address, an https:// DoH URL, or add a vetted public resolver to trustedPublicResolvers.",
    config: {
        trustedPublicResolvers: {
            type: "array",
            items: { type: "string" },
            default: DOH_UPGRADED_RESOLVERS,
            description: "Public resolver addresses accepted as they are (by default those Tailscale reaches over DoH).",
        },
    },
    resourceTypes: [TAILSCALE_TYPES.dnsConfiguration, TAILSCALE_TYPES.dnsNameservers, TAILSCALE_TYPES.dnsSplitNameservers],
    check(resource, config) {
        const trusted = new Set(asStringList(config.trustedPublicResolvers));
        const messages: string[] = [];
        for (const { where, address } of nameservers(resource.type, resource.props)) {
            if (address.startsWith("https://") || trusted.has(address)) {
                continue;
            }
            const ip = ipaddr();
            if (!ip.isValid(address)) {
                messages.push(`${where} ${JSON.stringify(address)} is neither an IP address nor an https:// DoH URL.`);
                continue;
            }
            const parsed = ip.process(address);
            if (!INTERNAL_RANGES.has(parsed.range())) {
                messages.push(`${where} ${address} is a public resolver reached in plain DNS: use DoH or an internal resolver, or trust it in config.`);
            }
        }
        return messages;
    },
};
