/**
 * Argument checks shared by the components. Each returns nothing and throws `badArgument` (a
 * `pulumi.ResourceError` naming the component, the field, the value and the fix) on bad input, so a
 * component can check everything before it registers its first child resource.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ipaddr from "ipaddr.js";
import { badArgument, TAG_PATTERN } from "./errors";

/** A validation context: the component resource and its human name ("AuthKey server-key"). */
export interface Checker {
    resource: pulumi.Resource;
    component: string;
}

/** An address mailbox as admin consoles accept it: local@domain.tld, no spaces. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A dotted-quad IPv4 or an IPv6 address; legacy IPv4 forms such as "10.1" or "0x0a.0.0.1" are refused. */
function isStrictIp(value: string): boolean {
    return value.includes(":") ? ipaddr.IPv6.isValid(value) : ipaddr.IPv4.isValidFourPartDecimal(value);
}

/** True when the value is a plain value the component can check now (not an Output or a Promise). */
export function isKnown<T>(value: pulumi.Input<T> | undefined): value is T {
    return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

export function checkBoolean(c: Checker, field: string, value: unknown): void {
    if (value !== undefined && typeof value !== "boolean" && isKnown(value)) {
        badArgument(c.resource, c.component, field, value, "give true or false");
    }
}

/** One or more tags, each "tag:name". */
export function checkTags(c: Checker, field: string, tags: unknown, opts: { required: boolean }): void {
    if (tags === undefined && !opts.required) {
        return;
    }
    if (!Array.isArray(tags) || (opts.required && tags.length === 0)) {
        badArgument(c.resource, c.component, field, tags, 'give at least one tag, e.g. ["tag:server"], owned in the policy file\'s tagOwners');
    }
    for (const tag of tags) {
        if (typeof tag !== "string" || !TAG_PATTERN.test(tag)) {
            badArgument(c.resource, c.component, field, tag, 'each tag is "tag:" then a letter, then letters, digits or dashes (e.g. "tag:web-server")');
        }
    }
}

export function checkEmail(c: Checker, field: string, value: unknown): void {
    if (typeof value !== "string" || !EMAIL_PATTERN.test(value)) {
        badArgument(c.resource, c.component, field, value, 'give an email address that a person reads, e.g. "security@example.com"');
    }
}

/** An IPv4 or IPv6 address (no prefix). */
export function checkIpAddress(c: Checker, field: string, value: unknown): void {
    if (typeof value !== "string" || !isStrictIp(value)) {
        badArgument(c.resource, c.component, field, value, 'give an IPv4 or IPv6 address, e.g. "1.1.1.1" or "2606:4700:4700::1111"');
    }
}

/**
 * A CIDR in canonical form (no host bits set, e.g. "10.0.0.0/16", not "10.0.0.1/16"): Tailscale
 * stores routes canonically, so a non-canonical route would never match its auto-approver.
 */
export function checkCidr(c: Checker, field: string, value: unknown, opts: { allowDefaultRoute: boolean }): void {
    if (typeof value !== "string" || !ipaddr.isValidCIDR(value) || !isStrictIp(value.split("/")[0])) {
        badArgument(c.resource, c.component, field, value, 'give a CIDR such as "10.0.0.0/16" or "fd00::/64"');
    }
    const [addr, prefix] = ipaddr.parseCIDR(value);
    const network = addr.kind() === "ipv4"
        ? ipaddr.IPv4.networkAddressFromCIDR(value).toString()
        : ipaddr.IPv6.networkAddressFromCIDR(value).toString();
    if (network !== addr.toString()) {
        badArgument(c.resource, c.component, field, value, `host bits are set: use "${network}/${prefix}"`);
    }
    if (prefix === 0 && !opts.allowDefaultRoute) {
        badArgument(c.resource, c.component, field, value, "a default route makes this device an exit node: use the exit-node mode instead of advertising 0.0.0.0/0 or ::/0 as a subnet");
    }
}

/** A DNS domain name such as "corp.example.com" (no scheme, no trailing dot needed). */
export function checkDomain(c: Checker, field: string, value: unknown): void {
    const label = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    if (typeof value !== "string" || !new RegExp(`^${label}(?:\\.${label})*\\.?$`).test(value) || value.length > 253) {
        badArgument(c.resource, c.component, field, value, 'give a domain name such as "corp.example.com"');
    }
}

export function checkIntegerRange(c: Checker, field: string, value: unknown, min: number, max: number, unit: string): void {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        badArgument(c.resource, c.component, field, value, `give whole ${unit} from ${min} to ${max}`);
    }
}

export function checkOneOf<T extends string>(c: Checker, field: string, value: unknown, allowed: readonly T[]): asserts value is T {
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
        badArgument(c.resource, c.component, field, value, `give one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
    }
}

/** A description Tailscale accepts for keys and clients: letters, digits, spaces, '-' and '_', at most 50. */
const DESCRIPTION_PATTERN = /^[A-Za-z0-9 _-]{1,50}$/;

export function checkDescription(c: Checker, field: string, value: unknown): void {
    if (typeof value !== "string" || !DESCRIPTION_PATTERN.test(value)) {
        badArgument(c.resource, c.component, field, value, "describe the purpose in 1 to 50 letters, digits, spaces, '-' or '_'");
    }
}

/**
 * The component's arguments must be an object: null, undefined, a list or a primitive is refused as
 * `args`, before any field is read. `fix` shows the shape to give, e.g. "give { tags, description }".
 */
export function checkArgsObject<T>(c: Checker, args: T, fix: string): asserts args is NonNullable<T> {
    if (typeof args !== "object" || args === null || Array.isArray(args)) {
        badArgument(c.resource, c.component, "args", args, fix);
    }
}

/** A list (a JS array); anything else, null and unset included, is refused naming `field`. */
export function checkList(c: Checker, field: string, value: unknown, fix: string): asserts value is unknown[] {
    if (!Array.isArray(value)) {
        badArgument(c.resource, c.component, field, value, fix);
    }
}

/**
 * An optional list: unset gives an empty list, a list is returned as is, anything else (a string, an
 * object, null) is refused naming `field`. Use it before iterating so a bad value is never a TypeError.
 */
export function optionalList<T>(c: Checker, field: string, value: readonly T[] | undefined, fix: string): readonly T[] {
    if (value === undefined) return [];
    checkList(c, field, value, fix);
    return value;
}

/** A list of strings; a non-list is refused naming `field`, a non-string item naming `field[i]`. */
export function checkStringList(c: Checker, field: string, value: unknown, fix: string): asserts value is string[] {
    checkList(c, field, value, fix);
    value.forEach((item, i) => {
        if (typeof item !== "string") badArgument(c.resource, c.component, `${field}[${i}]`, item, fix);
    });
}

/** A plain object (not null, not a list), e.g. one item of a list of settings. */
export function checkObject(c: Checker, field: string, value: unknown, fix: string): asserts value is Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        badArgument(c.resource, c.component, field, value, fix);
    }
}
