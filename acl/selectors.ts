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
    if (colon < 0 || !PORTS.test(dst.slice(colon + 1))) return dst;
    return dst.slice(0, colon);
}

/** Characters an IPv4 / IPv6 literal (with optional "/bits") can contain: a cheap test before ipaddr.js, which throws (slowly) on invalid input. */
const V4_CHARS = /^[\d.]+(\/\d+)?$/;
const V6_CHARS = /^[0-9a-fA-F:.]+(\/\d+)?$/;

function isIp(text: string): boolean {
    if (V4_CHARS.test(text)) return ipaddr.IPv4.isValidFourPartDecimal(text);
    return text.includes(":") && V6_CHARS.test(text) && ipaddr.IPv6.isValid(text);
}

function isCidr(text: string): boolean {
    if (V4_CHARS.test(text)) return ipaddr.IPv4.isValidCIDRFourPartDecimal(text);
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
