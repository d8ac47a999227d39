/**
 * Reading selectors (the strings in src, dst, owners and approver lists): which part names the
 * target, and whether that target refers to a group, a tag or a host alias.
 */
import * as ipaddr from "ipaddr.js";

/** One port, a range, a comma-separated list of those, or "*". */
const PORTS = /^(\*|\d+(-\d+)?(,\d+(-\d+)?)*)$/;

/**
 * The target part of an `acls` destination ("target:ports"): everything before the last colon, or
 * the address inside brackets for "[v6]:ports". When what follows the last colon is not a port
 * list (a malformed entry such as "tag:db" with no ports), the whole string is the target.
 */
export function destinationTarget(dst: string): string {
    if (dst.startsWith("[")) {
        const close = dst.indexOf("]");
        if (close > 0) return dst.slice(1, close);
    }
    const colon = dst.lastIndexOf(":");
    if (colon < 0 || !isPortListAt(dst, colon + 1)) return dst;
    return dst.slice(0, colon);
}

/**
 * The number written from `start` to the end of `text`: one to five decimal digits, at most 65535, read
 * in place; -1 for anything else. Leading zeros are read ("022" is 22): whether to refuse them is the caller's.
 */
export function portNumberAt(text: string, start: number): number {
    if (text.length === start || text.length - start > 5) return -1;
    let port = 0;
    for (let i = start; i < text.length; i++) {
        const digit = text.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) return -1;
        port = port * 10 + digit;
    }
    return port <= 65535 ? port : -1;
}

/** PORTS_AT tests from its lastIndex: the port list after a colon is read in place, without a copy. */
const PORTS_AT = new RegExp(PORTS.source.slice(1), "y");

/** True when `text` from `start` to its end is a port list (PORTS). */
function isPortListAt(text: string, start: number): boolean {
    PORTS_AT.lastIndex = start;
    return PORTS_AT.test(text);
}

/**
 * The target a reference check looks up: for a tag or group, its name even when the ports after it are
 * malformed ("tag:web:-1" names tag:web; the validator reports the ports), else destinationTarget.
 */
export function referencedTarget(dst: string): string {
    const prefix = dst.startsWith("tag:") ? 4 : dst.startsWith("group:") ? 6 : -1;
    if (prefix < 0) return destinationTarget(dst);
    const colon = dst.indexOf(":", prefix);
    return colon < 0 ? dst : dst.slice(0, colon);
}

/**
 * A dotted-quad IPv4 address in plain decimal ("192.0.2.1": four parts 0-255, no leading zeros),
 * the same test as ipaddr.js's IPv4.isValidFourPartDecimal, without its cost: ipaddr.js reports
 * an invalid address by throwing (and catching) an Error, which dominated the analysis of policies
 * with thousands of CIDR selectors. `end` limits the test to text.slice(0, end).
 */
export function isIpv4DottedQuad(text: string, end: number = text.length): boolean {
    let parts = 0;
    let value = 0;
    let digits = 0;
    for (let i = 0; i <= end; i++) {
        const code = i < end ? text.charCodeAt(i) : 46; /* a "." after the last part */
        if (code === 46) {
            if (digits === 0 || value > 255) return false;
            parts++;
            value = 0;
            digits = 0;
        } else {
            if (code < 48 || code > 57 || digits === 3 || (digits === 1 && value === 0)) return false;
            value = value * 10 + (code - 48);
            digits++;
        }
    }
    return parts === 4;
}

/** A dotted-quad IPv4 prefix with a length 0-32 ("10.0.0.0/8"), as ipaddr.js's IPv4.isValidCIDRFourPartDecimal. */
export function isIpv4DottedQuadCidr(text: string): boolean {
    const slash = text.lastIndexOf("/");
    if (slash < 0 || slash === text.length - 1) return false;
    for (let i = slash + 1; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code < 48 || code > 57) return false;
    }
    return Number(text.slice(slash + 1)) <= 32 && isIpv4DottedQuad(text, slash);
}

/** Characters an IPv4 / IPv6 literal (with optional "/bits") can contain: a cheap test before ipaddr.js, which throws (slowly) on invalid input. */
const V4_CHARS = /^[\d.]+(\/\d+)?$/;
const V6_CHARS = /^[0-9a-fA-F:.]+(\/\d+)?$/;

/** An IPv4 address (dotted quad) or an IPv6 address. */
export function isIp(text: string): boolean {
    if (V4_CHARS.test(text)) return isIpv4DottedQuad(text);
    return text.includes(":") && V6_CHARS.test(text) && ipaddr.IPv6.isValid(text);
}

/** An IPv4 (dotted quad) or IPv6 prefix with its length. */
export function isCidr(text: string): boolean {
    if (V4_CHARS.test(text)) return isIpv4DottedQuadCidr(text);
    return text.includes(":") && V6_CHARS.test(text) && ipaddr.IPv6.isValidCIDR(text);
}

/** An IP address, a CIDR prefix, or an address range "first-last". */
export function isAddressLiteral(text: string): boolean {
    if (isIp(text) || isCidr(text)) return true;
    const dash = text.indexOf("-");
    return dash > 0 && isIp(text.slice(0, dash)) && isIp(text.slice(dash + 1));
}

export type ReferenceKind = "group" | "tag" | "host";

export interface Reference {
    kind: ReferenceKind;
    /** The name as it must appear as a key of its section: "group:eng", "tag:db", "db". */
    name: string;
}

/** Prefixes of selectors that are neither host aliases nor references checked here. */
const OTHER_PREFIXES = ["autogroup:", "ipset:", "svc:"];

/**
 * What a target refers to, or undefined when it refers to nothing that must be defined:
 * "*", users (containing "@"), autogroups, IP sets, services, addresses and other prefixed forms.
 * A bare name (optionally with "/prefix-length") is a host alias.
 */
export function referenceOf(target: string): Reference | undefined {
    if (target.startsWith("group:")) return { kind: "group", name: target };
    if (target.startsWith("tag:")) return { kind: "tag", name: target };
    if (target === "*" || target === "" || target.includes("@")) return undefined;
    if (OTHER_PREFIXES.some((prefix) => target.startsWith(prefix))) return undefined;
    if (isAddressLiteral(target)) return undefined;
    // Host names cannot contain ":"; anything else with a colon is a selector kind not checked here.
    if (target.includes(":")) return undefined;
    // "host/16" narrows a host alias to a prefix; the alias itself is what must be defined.
    const slash = target.indexOf("/");
    const name = slash >= 0 ? target.slice(0, slash) : target;
    return name === "" || isIp(name) ? undefined : { kind: "host", name };
}
