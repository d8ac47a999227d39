/**
 * The access rules: legacy `acls` (https://tailscale.com/kb/1337/policy-syntax#acls) and `grants`
 * (https://tailscale.com/kb/1538/grants-syntax).
 */
import { ACL_ACTIONS, ENTRY_KEYS } from "../grammar/sections";
import { PROTOCOLS_DOC, PROTOCOLS_WITH_PORTS, protocolNumber } from "../grammar/protocols";
import { isRecord, type JsonPath } from "../walk";
import { grantIpProblem, portsProblem, splitDestination } from "./ports";
import { ALL_KINDS, GROUPS_AND_TAGS, TAGS } from "./references";
import { has, pathTo, validTable, type Validation } from "./report";
import { reachesSelf, validateSelfSources } from "./selfSources";

/** The protocol number of an acls "proto" (string or number), recording "invalid-protocol"; undefined when absent or invalid. */
function aclProtocol(v: Validation, value: unknown, path: JsonPath): number | undefined {
    if (value === undefined) return undefined;
    const text = typeof value === "number" ? String(value) : typeof value === "string" ? value : undefined;
    if (text === undefined) {
        v.expectType(value, path, "string");
        return undefined;
    }
    const number = protocolNumber(text);
    if (number === undefined) {
        v.add("invalid-protocol", path, `${JSON.stringify(text)} is not a protocol name (tcp, udp, icmp, ...) or IANA number 0-255 (see ${PROTOCOLS_DOC})`);
    }
    return number;
}

/** Two or more colons and no prefix or brackets: an IPv6 address written without the brackets a port needs. */
const UNBRACKETED_IPV6 = /^[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.*/,-]*$/;

/**
 * True for an IPv6 prefix followed by ports without brackets ("fd00:1::/64:443"): the "/bits" ends the
 * address, so the ports after it are unambiguous. Tailscale's control server accepts this form (as
 * headscale's captured control-server answers show, hscontrol/policy/v2/testdata/routes_results).
 */
function isPrefixThenPorts(dst: string, colon: number): boolean {
    const slash = dst.lastIndexOf("/", colon);
    return slash > 0 && /^\d{1,3}$/.test(dst.slice(slash + 1, colon)) && PORT_CHARACTERS.test(dst.slice(colon + 1));
}

/** One acls destination, at `parent` + `key` + `index`; the path is built only for a finding. */
function validateAclDestination(v: Validation, dst: string, protocol: number | undefined, parent: JsonPath, key: string, index: number): void {
    const table = validTable("aclDst", protocol);
    if (v.knownValid(table, dst)) return;
    const before = v.count();
    v.references.check(dst, ALL_KINDS, true, parent, key, index);
    const colon = dst.lastIndexOf(":");
    if (UNBRACKETED_IPV6.test(dst) && !isPrefixThenPorts(dst, colon)) {
        // "fd7a::1:22" is itself an IPv6 address: whether ":22" is a port cannot be told, so ask for brackets.
        v.add(
            "invalid-ports",
            pathTo(parent, key, index),
            `${JSON.stringify(dst)} is ambiguous: an IPv6 address needs brackets before its ports, e.g. "[${dst.slice(0, colon)}]:${dst.slice(colon + 1)}"`,
        );
        return;
    }
    const split = splitDestination(dst);
    // "tag:db" splits into "tag" and "db": a selector with no port part at all.
    const portless = split === undefined || (!PORT_CHARACTERS.test(split.ports) && v.problemOf(dst, "dst") === undefined);
    if (split === undefined || portless) {
        v.add("invalid-ports", pathTo(parent, key, index), `${JSON.stringify(dst)} has no ports; write "target:ports", e.g. "tag:db:5432" or "tag:db:*"`);
        return;
    }
    v.selector(split.target, "dst", parent, key, index);
    const problem = v.remembered("ports", split.ports, portsProblem, undefined);
    if (problem !== undefined) {
        v.add("invalid-ports", pathTo(parent, key, index), `${problem} in ${JSON.stringify(dst)}`);
    } else if (protocol !== undefined && split.ports !== "*" && !PROTOCOLS_WITH_PORTS.has(protocol)) {
        v.add("invalid-ports", pathTo(parent, key, index), `${JSON.stringify(dst)} names ports, but its rule's protocol has none; use ":*"`);
    }
    if (v.count() === before) v.rememberValid(table, dst);
}

/** The characters of a port list ("443", "80,443", "8000-8100", "*"). */
const PORT_CHARACTERS = /^[\d*,-]*$/;

/** Capability names look like "example.com/cap/name" (https://tailscale.com/kb/1537/grants-app-capabilities). */
const CAPABILITY_NAME = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\/\S+$/;

export function validateAcls(v: Validation, acls: unknown[]): void {
    v.eachRecord(acls, "acls", (record, path) => {
        v.keys(record, path, ENTRY_KEYS.acls, "an acls rule");
        if (v.requires(record, path, "action", 'add "action": "accept"')) {
            const action = record.action;
            if (v.expectMember(record, path, "action", "string") && !ACL_ACTIONS.includes(action as string)) {
                v.add("invalid-value", [...path, "action"], `${JSON.stringify(action)} is not an acls action; the only action is "accept" (everything else is denied)`);
            }
        }
        const srcKey = has(record, "src") ? "src" : has(record, "users") ? "users" : undefined;
        const sources = srcKey === undefined ? undefined : v.selectorsAt(record, "src", path, srcKey, GROUPS_AND_TAGS);
        if (srcKey === undefined) v.add("missing-field", path, 'is missing "src"; list who may connect');
        const protocol = has(record, "proto") ? aclProtocol(v, record.proto, [...path, "proto"]) : undefined;
        const dstKey = has(record, "dst") ? "dst" : has(record, "ports") ? "ports" : undefined;
        if (dstKey === undefined) {
            v.add("missing-field", path, 'is missing "dst"; list the destinations as "target:ports"');
            return;
        }
        const destinations = v.stringList(record, path, dstKey);
        if (destinations === undefined) return;
        for (let index = 0; index < destinations.length; index++) {
            const dst: unknown = destinations[index];
            if (typeof dst === "string") validateAclDestination(v, dst, protocol, path, dstKey, index);
        }
        if (reachesSelf(destinations, true)) validateSelfSources(v, sources, path, srcKey!, true);
    });
}

function validateGrantIp(v: Validation, record: Record<string, unknown>, path: JsonPath): void {
    const list = v.stringList(record, path, "ip");
    if (list === undefined) return;
    for (let index = 0; index < list.length; index++) {
        const entry: unknown = list[index];
        if (typeof entry !== "string") continue;
        const problem = v.remembered("grantIp", entry, grantIpProblem, undefined);
        if (problem === undefined) continue;
        const check = problem.includes("protocol name") ? "invalid-protocol" : "invalid-ports";
        const fix = problem.includes("write") ? "" : '; write "*", "443", "tcp:443" or "udp:1000-2000"';
        v.add(check, pathTo(path, "ip", index), `${JSON.stringify(entry)} is not a valid capability: ${problem}${fix}`);
    }
}

function validateGrantApp(v: Validation, app: unknown, path: JsonPath): void {
    if (!v.expectType(app, path, "object")) return;
    for (const [capability, parameters] of Object.entries(app as Record<string, unknown>)) {
        if (!CAPABILITY_NAME.test(capability)) {
            v.add("invalid-value", [...path, capability], `${JSON.stringify(capability)} is not a capability name; write "domain/path", e.g. "example.com/cap/admin"`);
        }
        if (v.expectType(parameters, [...path, capability], "list")) {
            (parameters as unknown[]).forEach((parameter, index) => v.expectType(parameter, [...path, capability, index], "object"));
        }
    }
}

/** A grant destination: a selector without ports, and not the default routes (use "*" or autogroup:internet). */
function validateGrantDestination(v: Validation, dst: string, parent: JsonPath, index: number): void {
    if (v.knownValid("grantDst", dst)) return;
    const before = v.count();
    v.references.check(dst, ALL_KINDS, false, parent, "dst", index);
    if (dst === "0.0.0.0/0" || dst === "::/0") {
        v.add("invalid-selector", pathTo(parent, "dst", index), `${JSON.stringify(dst)} is not accepted as a grant destination; use "*" for every address or "autogroup:internet" for exit-node traffic`);
        return;
    }
    const split = v.problemOf(dst, "dst") === undefined ? undefined : splitDestination(dst);
    if (split !== undefined && /^\d/.test(split.ports) && v.remembered("ports", split.ports, portsProblem, undefined) === undefined) {
        v.add("invalid-selector", pathTo(parent, "dst", index), `${JSON.stringify(dst)} carries ports, but grant destinations have none; write ${JSON.stringify(split.target)} and put the ports in "ip"`);
        return;
    }
    v.selector(dst, "dst", parent, "dst", index);
    if (v.count() === before) v.rememberValid("grantDst", dst);
}

export function validateGrants(v: Validation, grants: unknown[]): void {
    v.eachRecord(grants, "grants", (record, path) => {
        v.keys(record, path, ENTRY_KEYS.grants, "a grant");
        const sources = v.requires(record, path, "src", "list who receives the grant") ? v.selectorsAt(record, "src", path, "src", GROUPS_AND_TAGS) : undefined;
        const destinations = v.requires(record, path, "dst", "list what the grant reaches") ? v.stringList(record, path, "dst") : undefined;
        if (destinations !== undefined && reachesSelf(destinations, false)) validateSelfSources(v, sources, path, "src", false);
        if (destinations !== undefined) {
            for (let index = 0; index < destinations.length; index++) {
                const dst: unknown = destinations[index];
                if (typeof dst === "string") validateGrantDestination(v, dst, path, index);
            }
        }
        const ipGiven = has(record, "ip") && !(Array.isArray(record.ip) && record.ip.length === 0);
        const appGiven = has(record, "app") && !(isRecord(record.app) && Object.keys(record.app).length === 0);
        if (!ipGiven && !appGiven) {
            v.add("missing-field", path, 'has neither "ip" nor "app" capabilities; a grant must give network ("ip": ["tcp:443"]) or application capabilities');
        }
        if (appGiven && destinations !== undefined && destinations.includes("autogroup:internet")) {
            v.add("invalid-value", [...path, "app"], 'application capabilities cannot apply to autogroup:internet; put the autogroup:internet destination in a grant with "ip" only');
        }
        if (has(record, "ip")) validateGrantIp(v, record, path);
        if (has(record, "app")) validateGrantApp(v, record.app, [...path, "app"]);
        if (has(record, "via")) v.selectorsAt(record, "via", path, "via", TAGS);
        if (has(record, "srcPosture")) v.selectorsAt(record, "posture", path, "srcPosture");
    });
}
