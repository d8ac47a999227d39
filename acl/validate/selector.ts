/**
 * Selector grammar: what kind of selector a string is, and whether that kind may appear at a given
 * position. See https://tailscale.com/kb/1396/targets and https://tailscale.com/kb/1337/policy-syntax.
 */
import { AUTOGROUPS_DOC, autogroupSpec, CONTEXT_NAMES, type SelectorContext } from "../grammar/autogroups";
import { isCidr, isIp } from "../selectors";

export type SelectorKind =
    | "wildcard"
    | "user"
    | "user-domain"
    | "group"
    | "tag"
    | "autogroup"
    | "host"
    | "ip"
    | "cidr"
    | "ip-range"
    | "ipset"
    | "service"
    | "posture"
    | "localpart"
    | "local-user";

export type Classified = { readonly kind: SelectorKind } | { readonly error: string };

/** One shared answer per kind (a policy's selectors are classified by the thousand: no object per call). */
const OF_KIND = new Map<SelectorKind, Classified>();

function ofKind(kind: SelectorKind): Classified {
    let classified = OF_KIND.get(kind);
    if (classified === undefined) {
        classified = Object.freeze({ kind });
        OF_KIND.set(kind, classified);
    }
    return classified;
}

/** Tag names: a letter, then letters, digits or dashes (https://tailscale.com/kb/1068/tags). */
const TAG_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;
/** Names of groups, IP sets, postures and services. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** A login: one "@" with text on both sides, no spaces or colons ("alice@example.com", "bob@github"). */
const LOGIN = /^[^@\s:]+@[^@\s:]+$/;
/** "user:*@domain" / "localpart:*@domain": a domain after "*@". */
const DOMAIN_PATTERN = /^\*@[A-Za-z0-9][A-Za-z0-9.-]*$/;
/** A host alias, optionally narrowed with "/bits". */
const HOST = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/\d{1,3})?$/;
/** A local account name for SSH users. */
const LOCAL_USER = /^[^\s:@]+$/;

/** Characters an IPv4 / IPv6 literal (with optional "/bits") can contain. */
const V4_CHARS = /^[\d.]+(\/\d+)?$/;
const V6_CHARS = /^[0-9a-fA-F:.]+(\/\d+)?$/;

/** An IP address literal (v4 dotted quad or v6). */
export function isIpAddress(text: string): boolean {
    return isIp(text);
}

/** A CIDR prefix (v4 or v6). */
export function isCidrPrefix(text: string): boolean {
    return isCidr(text);
}

/** The name after `prefix` matched against `pattern` (a sticky form of it, read from the prefix's end: no substring per selector). */
function named(prefix: string, text: string, kind: SelectorKind, pattern: RegExp, what: string): Classified {
    const sticky = stickyOf(pattern);
    sticky.lastIndex = prefix.length;
    return sticky.test(text) ? ofKind(kind) : { error: `${JSON.stringify(text)} is not a valid ${what}` };
}

const STICKY = new Map<RegExp, RegExp>();

/** `pattern` (anchored with ^) as a sticky regular expression, which matches from its lastIndex. */
function stickyOf(pattern: RegExp): RegExp {
    let sticky = STICKY.get(pattern);
    if (sticky === undefined) {
        sticky = new RegExp(pattern.source.replace(/^\^/, ""), `${pattern.flags}y`);
        STICKY.set(pattern, sticky);
    }
    return sticky;
}

function classifyAddress(text: string): Classified | undefined {
    if (isIp(text)) return ofKind("ip");
    if (isCidr(text)) return ofKind("cidr");
    const dash = text.indexOf("-");
    if (dash > 0 && isIp(text.slice(0, dash)) && isIp(text.slice(dash + 1))) return ofKind("ip-range");
    if (V4_CHARS.test(text) || (text.includes(":") && V6_CHARS.test(text))) {
        return { error: `${JSON.stringify(text)} looks like an IP address or CIDR but is not a valid one` };
    }
    return undefined;
}

/** The kind of a selector string, or why it is malformed. */
export function classifySelector(text: string): Classified {
    if (text === "") return { error: "an empty string is not a selector" };
    if (text !== text.trim()) return { error: `${JSON.stringify(text)} has leading or trailing spaces` };
    if (text === "*") return ofKind("wildcard");
    if (text.startsWith("group:")) return named("group:", text, "group", NAME, 'group name (letters, digits, ".", "_", "-")');
    if (text.startsWith("tag:")) return named("tag:", text, "tag", TAG_NAME, "tag (a letter, then letters, digits or dashes)");
    if (text.startsWith("ipset:")) return named("ipset:", text, "ipset", NAME, "IP set name");
    if (text.startsWith("svc:")) return named("svc:", text, "service", NAME, "service name");
    if (text.startsWith("posture:")) return named("posture:", text, "posture", NAME, "posture name");
    if (text.startsWith("user:")) return named("user:", text, "user-domain", DOMAIN_PATTERN, 'user pattern ("user:*@example.com")');
    if (text.startsWith("localpart:")) {
        return named("localpart:", text, "localpart", DOMAIN_PATTERN, 'localpart pattern ("localpart:*@example.com")');
    }
    if (text.startsWith("autogroup:")) {
        return autogroupSpec(text) !== undefined
            ? ofKind("autogroup")
            : { error: `${JSON.stringify(text)} is not an autogroup Tailscale defines (see ${AUTOGROUPS_DOC})` };
    }
    const address = classifyAddress(text);
    if (address !== undefined) return address;
    if (text.includes("@")) {
        if (text.includes("*")) {
            return {
                error: `${JSON.stringify(text)} is a wildcard login, which no user has; use "user:*@example.com" for everyone in a domain or "autogroup:member" for every member`,
            };
        }
        return LOGIN.test(text) ? ofKind("user") : { error: `${JSON.stringify(text)} is not a valid user login ("name@example.com")` };
    }
    if (text.includes(":")) {
        const prefix = text.slice(0, text.indexOf(":") + 1);
        return { error: `${JSON.stringify(text)} has an unknown prefix ${JSON.stringify(prefix)}; check the spelling (group:, tag:, autogroup:, ipset:, svc:)` };
    }
    if (HOST.test(text)) return ofKind("host");
    return { error: `${JSON.stringify(text)} is not a valid selector` };
}

/** The selector kinds each position accepts (autogroups are further limited by their own table). */
const KINDS_ALLOWED: Readonly<Record<SelectorContext, ReadonlySet<SelectorKind>>> = {
    src: new Set(["wildcard", "user", "user-domain", "group", "tag", "autogroup", "host", "ip", "cidr", "ip-range", "ipset"]),
    dst: new Set(["wildcard", "user", "user-domain", "group", "tag", "autogroup", "host", "ip", "cidr", "ip-range", "ipset", "service"]),
    sshSrc: new Set(["wildcard", "user", "user-domain", "group", "tag", "autogroup"]),
    // "*" is no SSH destination; groups are not either (https://tailscale.com/kb/1193/tailscale-ssh).
    sshDst: new Set(["user", "tag", "autogroup", "host", "ip"]),
    sshUser: new Set(["local-user", "autogroup", "localpart"]),
    // "*" parses here (and is flagged by the tag-owner-too-broad lint rather than rejected).
    tagOwner: new Set(["wildcard", "user", "group", "tag", "autogroup"]),
    groupMember: new Set(["user"]),
    autoApprover: new Set(["user", "group", "tag", "autogroup"]),
    nodeAttrTarget: new Set(["wildcard", "user", "user-domain", "group", "tag", "autogroup", "host", "ip", "cidr"]),
    via: new Set(["tag"]),
    testSrc: new Set(["user", "group", "tag", "autogroup", "host", "ip"]),
    testDst: new Set(["user", "group", "tag", "autogroup", "host", "ip", "cidr", "ipset", "service"]),
    sshTestSrc: new Set(["user", "tag", "ip"]),
    sshTestDst: new Set(["user", "tag", "host", "ip"]),
    posture: new Set(["posture"]),
    ipsetMember: new Set(["ip", "cidr", "ip-range", "host", "ipset"]),
    recorder: new Set(["tag"]),
    appConnector: new Set(["tag"]),
};

const KIND_NAMES: Readonly<Record<SelectorKind, string>> = {
    wildcard: '"*"',
    user: "a user",
    "user-domain": "a user:*@domain pattern",
    group: "a group",
    tag: "a tag",
    autogroup: "an autogroup",
    host: "a host alias",
    ip: "an IP address",
    cidr: "a CIDR prefix",
    "ip-range": "an IP range",
    ipset: "an IP set",
    service: "a service",
    posture: "a posture",
    localpart: "a localpart:*@domain pattern",
    "local-user": "a local account name",
};

/**
 * Why `text` may not appear in `context`, or undefined when it may. In an SSH users list any plain
 * account name is allowed; everywhere else it is read as a selector.
 */
export function selectorProblem(text: string, context: SelectorContext): string | undefined {
    let classified = classifySelector(text);
    if (context === "sshUser" && ("error" in classified || classified.kind === "host")) {
        classified = LOCAL_USER.test(text) ? ofKind("local-user") : classified;
    }
    if ("error" in classified) return classified.error;
    const where = CONTEXT_NAMES[context];
    if (!KINDS_ALLOWED[context].has(classified.kind)) {
        return `${JSON.stringify(text)} is ${KIND_NAMES[classified.kind]}, which is not allowed in ${where}`;
    }
    if (classified.kind === "autogroup" && !autogroupSpec(text)!.allowedIn.includes(context)) {
        return `${JSON.stringify(text)} is not allowed in ${where} (see ${AUTOGROUPS_DOC})`;
    }
    return undefined;
}
