/**
 * Protocols and ports of access rules: the `proto` field of `acls`, the ports after the last colon
 * of an `acls` destination, the `ip` entries of `grants` and the `proto` of `tests`.
 */

import { PROTOCOL_NUMBERS, protocolNumber } from "../grammar/protocols";
import { NONE, type PolicyTape } from "../tape";

export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;
export const ICMPV6 = 58;

/** What a rule without `proto` (or a grant port without a protocol) covers: TCP, UDP and ICMP (v4 and v6). */
export const DEFAULT_PROTOCOLS: ReadonlySet<number> = new Set([TCP, UDP, ICMP, ICMPV6]);

export type PortRange = readonly [first: number, last: number];

/** Protocols ("all" for any) and the ports allowed on them. */
export interface PortSpec {
    protocols: ReadonlySet<number> | "all";
    ports: ReadonlyArray<PortRange>;
}

export const ALL_PORTS: ReadonlyArray<PortRange> = [[0, 65535]];

/** A protocol name ("tcp", case-insensitive) or IANA number ("6"); undefined when neither. */
export function parseProtocol(text: string): number | undefined {
    // One grammar for the validator and the evaluator: a protocol the validator rejects matches nothing here.
    return protocolNumber(text);
}

function parsePortNumber(text: string): number | undefined {
    if (!/^\d{1,5}$/.test(text)) return undefined;
    const value = Number(text);
    return value <= 65535 ? value : undefined;
}

/** "*", "22", "80,443", "1000-2000" or a list of those; undefined when malformed. */
export function parsePorts(text: string): PortRange[] | undefined {
    if (text === "*") return [[0, 65535]];
    const out: PortRange[] = [];
    for (const part of text.split(",")) {
        const dash = part.indexOf("-");
        if (dash < 0) {
            const port = parsePortNumber(part);
            if (port === undefined) return undefined;
            out.push([port, port]);
        } else {
            const first = parsePortNumber(part.slice(0, dash));
            const last = parsePortNumber(part.slice(dash + 1));
            if (first === undefined || last === undefined || first > last) return undefined;
            out.push([first, last]);
        }
    }
    return out;
}

/**
 * One grant `ip` entry: "*" (everything), "443" / "1-1024" / "80,443" (default protocols on those
 * ports), "tcp:443", "udp:53", "icmp:*", "6:22". Undefined when malformed.
 */
export function parseGrantIp(text: string): PortSpec | undefined {
    if (text === "*") return { protocols: "all", ports: ALL_PORTS };
    const colon = text.indexOf(":");
    if (colon < 0) {
        const ports = parsePorts(text);
        return ports === undefined ? undefined : { protocols: DEFAULT_PROTOCOLS, ports };
    }
    const protocol = parseProtocol(text.slice(0, colon));
    const ports = parsePorts(text.slice(colon + 1));
    if (protocol === undefined || ports === undefined) return undefined;
    return { protocols: new Set([protocol]), ports };
}

/**
 * The protocols of a legacy rule's `proto` field, the tape value `proto`: absent (NONE) means the
 * default set; undefined when unreadable (not a string, null included, or no protocol).
 */
export function aclProtocols(tape: PolicyTape, proto: number): ReadonlySet<number> | undefined {
    if (proto === NONE) return DEFAULT_PROTOCOLS;
    if (!tape.isString(proto)) return undefined;
    const number = parseProtocol(tape.string(proto));
    return number === undefined ? undefined : new Set([number]);
}

/** True when the spec allows `port` over `protocol`. */
export function specAllows(spec: PortSpec, protocol: number, port: number): boolean {
    if (spec.protocols !== "all" && !spec.protocols.has(protocol)) return false;
    for (const [first, last] of spec.ports) if (first <= port && port <= last) return true;
    return false;
}

/** Name of a protocol number for messages ("tcp", "udp", "icmp", else the number). */
export function protocolName(protocol: number): string {
    switch (protocol) {
        case TCP:
            return "tcp";
        case UDP:
            return "udp";
        case ICMP:
            return "icmp";
        case ICMPV6:
            return "ipv6-icmp";
        default:
            for (const [name, value] of Object.entries(PROTOCOL_NUMBERS)) if (value === protocol) return name;
            return String(protocol);
    }
}
