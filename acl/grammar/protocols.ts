/**
 * IP protocols a policy may name, and their IANA numbers.
 *
 * Sources: https://tailscale.com/kb/1337/policy-syntax ("proto" in acls, protocol prefixes in grants
 * "ip"), the IANA protocol-numbers registry
 * (https://www.iana.org/assignments/protocol-numbers/protocol-numbers.xhtml), cross-checked with
 * headscale's policy v2 protocol list (hscontrol/policy/v2/types.go).
 */

export const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
    icmp: 1,
    igmp: 2,
    ipv4: 4,
    "ip-in-ip": 4,
    tcp: 6,
    egp: 8,
    igp: 9,
    udp: 17,
    gre: 47,
    esp: 50,
    ah: 51,
    "ipv6-icmp": 58,
    sctp: 132,
    fc: 133,
};

/** Protocols whose traffic has ports; any other protocol may only be paired with the port "*". */
export const PROTOCOLS_WITH_PORTS: ReadonlySet<number> = new Set([6, 17, 132]);

/** Protocols an ACL test may use (https://tailscale.com/kb/1337/policy-syntax#tests). */
export const TEST_PROTOCOLS: ReadonlySet<number> = new Set([1, 6, 17, 58, 132]);

/** ICMP (v4 or v6): a test destination must then use port 0. */
export const ICMP_PROTOCOLS: ReadonlySet<number> = new Set([1, 58]);

export const PROTOCOLS_DOC = "https://tailscale.com/kb/1337/policy-syntax#proto";

/**
 * The IANA number of a protocol written by name (case-insensitive) or number (0-255, no leading
 * zero), or undefined when it is neither.
 */
export function protocolNumber(text: string): number | undefined {
    if (/^(0|[1-9]\d{0,2})$/.test(text)) {
        const value = Number(text);
        return value <= 255 ? value : undefined;
    }
    const lower = text.toLowerCase();
    return Object.prototype.hasOwnProperty.call(PROTOCOL_NUMBERS, lower) ? PROTOCOL_NUMBERS[lower] : undefined;
}
