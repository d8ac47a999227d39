/**
 * Port grammar (https://tailscale.com/kb/1337/policy-syntax#dst): "*", a port, a range "low-high",
 * or a comma-separated list of those; every port within 1..65535 and no range reversed.
 * (Tests name single ports and may use 0 for ICMP; see tests.ts.)
 */
import { PROTOCOLS_WITH_PORTS, protocolNumber } from "../grammar/protocols";
import { portNumberAt } from "../selectors";

const MAX_PORT = 65535;
const NUMBER = /^(0|[1-9]\d*)$/;

/** Why `ports` is not a valid port list, or undefined when it is. */
export function portsProblem(ports: string): string | undefined {
    if (ports === "*") return undefined;
    if (ports === "") return "the port list is empty; use \"*\" for every port or list the ports";
    for (const item of ports.split(",")) {
        const bounds = item.split("-");
        if (bounds.length > 2 || !bounds.every((bound) => NUMBER.test(bound))) {
            return `${JSON.stringify(item)} is not a port or a range "low-high"`;
        }
        const numbers = bounds.map(Number);
        // Port 0 is no real port (https://tailscale.com/kb/1337/policy-syntax): use "*" for every port.
        if (numbers[0] === 0) return `${JSON.stringify(item)} starts at port 0; ports start at 1 (use "*" for every port)`;
        const outside = numbers.find((n) => n > MAX_PORT);
        if (outside !== undefined) return `port ${outside} is outside 0-${MAX_PORT}`;
        if (numbers.length === 2 && numbers[0] > numbers[1]) return `the range ${JSON.stringify(item)} is reversed`;
    }
    return undefined;
}

/** A destination split into target and ports ("tag:db:5432" -> "tag:db", "5432"; "[fd7a::1]:22" -> "fd7a::1", "22"). */
export interface SplitDestination {
    target: string;
    ports: string;
}

/** Splits "target:ports"; undefined when there is no port part. */
export function splitDestination(dst: string): SplitDestination | undefined {
    const colon = portsColon(dst);
    return colon < 0 ? undefined : { target: destinationTargetBefore(dst, colon), ports: dst.slice(colon + 1) };
}

/**
 * The offset of the colon before the ports of "target:ports" ("[v6]:ports": the colon after the
 * bracket), or -1 when there is no port part: splitDestination without building its parts.
 */
export function portsColon(dst: string): number {
    if (dst.startsWith("[")) {
        const close = dst.indexOf("]");
        return close > 0 && dst.charCodeAt(close + 1) === 58 /* : */ ? close + 1 : -1;
    }
    return dst.lastIndexOf(":");
}

/** The target of a destination whose ports start after `colon` (from portsColon), without brackets. */
export function destinationTargetBefore(dst: string, colon: number): string {
    return dst.charCodeAt(0) === 91 /* [ */ ? dst.slice(1, colon - 1) : dst.slice(0, colon);
}

/**
 * The port a test destination names after `colon`: one decimal number 0-65535 without leading zeros
 * ("0" itself allowed), read in place; -1 for anything else.
 */
export function singlePortAfter(dst: string, colon: number): number {
    // The evaluator reads "022" as port 22; validation refuses the leading zero.
    if (dst.length - colon > 2 && dst.charCodeAt(colon + 1) === 48 /* 0 */) return -1;
    return portNumberAt(dst, colon + 1);
}

/** One entry of a grant's "ip" list: "*", ports, or "protocol:ports". Why it is invalid, or undefined. */
export function grantIpProblem(entry: string): string | undefined {
    if (entry === "*") return undefined;
    const colon = entry.indexOf(":");
    if (colon < 0) return portsProblem(entry);
    const protocol = entry.slice(0, colon);
    const number = protocolNumber(protocol);
    if (number === undefined) return `${JSON.stringify(protocol)} is not a protocol name or IANA number (0-255)`;
    const ports = entry.slice(colon + 1);
    const problem = portsProblem(ports);
    if (problem !== undefined) return problem;
    if (ports !== "*" && !PROTOCOLS_WITH_PORTS.has(number)) {
        return `protocol ${JSON.stringify(protocol)} has no ports; write "${protocol}:*"`;
    }
    return undefined;
}
