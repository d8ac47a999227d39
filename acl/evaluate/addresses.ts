/**
 * Addresses as closed integer intervals: an IP, a CIDR prefix and a "first-last" range all become
 * one interval per address family, so "is this address inside that selector" is two comparisons.
 */
import * as ipaddr from "ipaddr.js";

export interface AddressRange {
    family: 4 | 6;
    first: bigint;
    last: bigint;
}

function toBigInt(bytes: number[]): bigint {
    let out = 0n;
    for (const byte of bytes) out = (out << 8n) | BigInt(byte);
    return out;
}

/**
 * A dotted-quad IPv4 address (text.slice(0, end)) as a number, without a regular expression or
 * allocation; undefined otherwise.
 */
function parseIpv4(text: string, end: number = text.length): number | undefined {
    let value = 0;
    let part = 0;
    let digits = 0;
    let dots = 0;
    for (let i = 0; i < end; i++) {
        const code = text.charCodeAt(i);
        if (code === 46 /* . */) {
            if (digits === 0 || dots === 3) return undefined;
            value = value * 256 + part;
            part = 0;
            digits = 0;
            dots++;
        } else if (code >= 48 && code <= 57) {
            if (digits > 0 && part === 0) return undefined; // no leading zeros ("01" could read as octal)
            part = part * 10 + (code - 48);
            digits++;
            if (digits > 3 || part > 255) return undefined;
        } else {
            return undefined;
        }
    }
    if (dots !== 3 || digits === 0) return undefined;
    return value * 256 + part;
}

function parseIp(text: string): { family: 4 | 6; value: bigint } | undefined {
    const v4 = parseIpv4(text);
    if (v4 !== undefined) return { family: 4, value: BigInt(v4) };
    if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
        return { family: 4, value: toBigInt(ipaddr.IPv4.parse(text).toByteArray()) };
    }
    if (ipaddr.IPv6.isValid(text)) {
        return { family: 6, value: toBigInt(ipaddr.IPv6.parse(text).toByteArray()) };
    }
    return undefined;
}

/** The prefix length after the slash at `start`: one to three digits; -1 otherwise. */
function parsePrefixLength(text: string, start: number): number {
    const length = text.length - start;
    if (length < 1 || length > 3) return -1;
    let value = 0;
    for (let i = start; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code < 48 || code > 57) return -1;
        value = value * 10 + (code - 48);
    }
    return value;
}

function parseCidr(text: string): AddressRange | undefined {
    const slash = text.indexOf("/");
    // Fast path, plain IPv4 prefixes (most of them): exact doubles, no slicing; the same result as below.
    const v4 = parseIpv4(text, slash);
    if (v4 !== undefined) {
        const bits = parsePrefixLength(text, slash + 1);
        if (bits < 0 || bits > 32) return undefined;
        const size = 2 ** (32 - bits);
        const first = Math.floor(v4 / size) * size;
        return { family: 4, first: BigInt(first), last: BigInt(first + size - 1) };
    }
    const base = parseIp(text.slice(0, slash));
    const bitsText = text.slice(slash + 1);
    if (base === undefined || !/^\d{1,3}$/.test(bitsText)) return undefined;
    const width = base.family === 4 ? 32n : 128n;
    const bits = BigInt(bitsText);
    if (bits > width) return undefined;
    const hostBits = width - bits;
    const first = (base.value >> hostBits) << hostBits;
    const last = first + (1n << hostBits) - 1n;
    return { family: base.family, first, last };
}

/** An IP ("100.64.0.1", "fd7a::1"), a CIDR ("10.0.0.0/8") or a range ("10.0.0.1-10.0.0.9"); undefined otherwise. */
export function parseAddress(text: string): AddressRange | undefined {
    if (text.includes("/")) return parseCidr(text);
    const dash = text.indexOf("-");
    if (dash > 0) {
        const first = parseIp(text.slice(0, dash));
        const last = parseIp(text.slice(dash + 1));
        if (first === undefined || last === undefined || first.family !== last.family) return undefined;
        if (first.value > last.value) return undefined;
        return { family: first.family, first: first.value, last: last.value };
    }
    const ip = parseIp(text);
    return ip === undefined ? undefined : { family: ip.family, first: ip.value, last: ip.value };
}

/** True when `inner` lies entirely inside `outer`. */
export function rangeContains(outer: AddressRange, inner: AddressRange): boolean {
    return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

/** True when the interval covers more than one address. */
export function isWide(range: AddressRange): boolean {
    return range.last > range.first;
}

function fromBigInt(family: 4 | 6, value: bigint): string {
    const count = family === 4 ? 4 : 16;
    const bytes: number[] = new Array<number>(count);
    let rest = value;
    for (let i = count - 1; i >= 0; i--) {
        bytes[i] = Number(rest & 0xffn);
        rest >>= 8n;
    }
    return ipaddr.fromByteArray(bytes).toString();
}

/** IPv4 blocks that are not public unicast (RFC 6890 special-purpose, private, CGNAT, multicast, reserved). */
const NON_PUBLIC_V4: ReadonlyArray<AddressRange> = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.88.99.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/3",
].map((cidr) => parseCidr(cidr) as AddressRange);

/**
 * True when every address of the interval is public unicast (internet traffic that only an exit
 * node carries): not private, not Tailscale's CGNAT or ULA space, not loopback or reserved.
 */
export function isInternetRange(range: AddressRange): boolean {
    if (range.family === 4) {
        return NON_PUBLIC_V4.every((block) => range.last < block.first || range.first > block.last);
    }
    const ends = [range.first, range.last].map((value) => ipaddr.parse(fromBigInt(range.family, value)).range());
    return ends.every((kind) => kind === "unicast");
}
