/**
 * The access rules: legacy `acls` (https://tailscale.com/kb/1337/policy-syntax#acls) and `grants`
 * (https://tailscale.com/kb/1538/grants-syntax).
 */
import { ACL_ACTIONS, ENTRY_KEYS } from "../grammar/sections";
import { PROTOCOLS_DOC, PROTOCOLS_WITH_PORTS, protocolNumber } from "../grammar/protocols";
import { NONE, NUMBER, STRING } from "../tape";
import { listHas, type JsonPath } from "../walk";
import { grantIpProblem, portsProblem, splitDestination } from "./ports";
import { ALL_KINDS, GROUPS_AND_TAGS, TAGS } from "./references";
import { pathTo, validTable, type Validation } from "./report";
import { reachesSelf, validateSelfSources } from "./selfSources";

/** The protocol number of an acls "proto" (string or number) `value`, recording "invalid-protocol"; undefined when invalid. */
function aclProtocol(v: Validation, value: number, path: JsonPath): number | undefined {
    const tape = v.tape;
    const kind = tape.kind(value);
    const text = kind === NUMBER ? String(tape.number(value)) : kind === STRING ? tape.string(value) : undefined;
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

/** One acls destination (string number `id`), at `parent` + `key` + `index`; the path is built only for a finding. */
function validateAclDestination(v: Validation, dst: string, id: number, protocol: number | undefined, parent: JsonPath, key: string, index: number): void {
    const table = validTable("aclDst", protocol);
    if (v.knownValid(table, id)) return;
    const before = v.count();
    v.references.check(dst, id, ALL_KINDS, true, parent, key, index);
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
    const portless = split === undefined || (!PORT_CHARACTERS.test(split.ports) && v.problemOf(dst, id, "dst") === undefined);
    if (split === undefined || portless) {
        v.add("invalid-ports", pathTo(parent, key, index), `${JSON.stringify(dst)} has no ports; write "target:ports", e.g. "tag:db:5432" or "tag:db:*"`);
        return;
    }
    v.selector(split.target, NONE, "dst", parent, key, index);
    const problem = v.remembered("ports", split.ports, portsProblem, undefined);
    if (problem !== undefined) {
        v.add("invalid-ports", pathTo(parent, key, index), `${problem} in ${JSON.stringify(dst)}`);
    } else if (protocol !== undefined && split.ports !== "*" && !PROTOCOLS_WITH_PORTS.has(protocol)) {
        v.add("invalid-ports", pathTo(parent, key, index), `${JSON.stringify(dst)} names ports, but its rule's protocol has none; use ":*"`);
    }
    if (v.count() === before) v.rememberValid(table, id);
}

/** The characters of a port list ("443", "80,443", "8000-8100", "*"). */
const PORT_CHARACTERS = /^[\d*,-]*$/;

/** Capability names look like "example.com/cap/name" (https://tailscale.com/kb/1537/grants-app-capabilities). */
const CAPABILITY_NAME = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\/\S+$/;

export function validateAcls(v: Validation, acls: number): void {
    const tape = v.tape;
    v.eachRecord(acls, "acls", (record, path) => {
        v.keys(record, path, ENTRY_KEYS.acls, "an acls rule");
        if (v.requires(record, path, "action", 'add "action": "accept"')) {
            const action = tape.member(record, "action");
            if (v.expectMember(record, path, "action", "string") && !ACL_ACTIONS.includes(tape.string(action))) {
                v.add("invalid-value", [...path, "action"], `${JSON.stringify(tape.string(action))} is not an acls action; the only action is "accept" (everything else is denied)`);
            }
        }
        const srcKey = v.has(record, "src") ? "src" : v.has(record, "users") ? "users" : undefined;
        const sources = srcKey === undefined ? NONE : v.selectorsAt(record, "src", path, srcKey, GROUPS_AND_TAGS);
        if (srcKey === undefined) v.add("missing-field", path, 'is missing "src"; list who may connect');
        const proto = tape.field(record, "proto");
        const protocol = proto === NONE ? undefined : aclProtocol(v, proto, [...path, "proto"]);
        const dstKey = v.has(record, "dst") ? "dst" : v.has(record, "ports") ? "ports" : undefined;
        if (dstKey === undefined) {
            v.add("missing-field", path, 'is missing "dst"; list the destinations as "target:ports"');
            return;
        }
        const destinations = v.stringList(record, path, dstKey);
        if (destinations === NONE) return;
        for (let dst = tape.first(destinations), index = 0; dst !== NONE; dst = tape.next(dst), index++) {
            if (tape.isString(dst)) validateAclDestination(v, tape.string(dst), tape.stringId(dst), protocol, path, dstKey, index);
        }
        if (reachesSelf(tape, destinations, true)) validateSelfSources(v, sources, path, srcKey!, true);
    });
}

function validateGrantIp(v: Validation, record: number, path: JsonPath): void {
    const tape = v.tape;
    const list = v.stringList(record, path, "ip");
    for (let element = tape.first(list), index = 0; element !== NONE; element = tape.next(element), index++) {
        if (!tape.isString(element)) continue;
        const entry = tape.string(element);
        const problem = v.remembered("grantIp", entry, grantIpProblem, undefined);
        if (problem === undefined) continue;
        const check = problem.includes("protocol name") ? "invalid-protocol" : "invalid-ports";
        const fix = problem.includes("write") ? "" : '; write "*", "443", "tcp:443" or "udp:1000-2000"';
        v.add(check, pathTo(path, "ip", index), `${JSON.stringify(entry)} is not a valid capability: ${problem}${fix}`);
    }
}

function validateGrantApp(v: Validation, app: number, path: JsonPath): void {
    const tape = v.tape;
    if (!v.expectType(app, path, "object")) return;
    for (let parameters = tape.first(app); parameters !== NONE; parameters = tape.next(parameters)) {
        const capability = tape.key(parameters);
        if (!CAPABILITY_NAME.test(capability)) {
            v.add("invalid-value", [...path, capability], `${JSON.stringify(capability)} is not a capability name; write "domain/path", e.g. "example.com/cap/admin"`);
        }
        if (v.expectType(parameters, [...path, capability], "list")) {
            for (let parameter = tape.first(parameters), index = 0; parameter !== NONE; parameter = tape.next(parameter), index++) {
                v.expectType(parameter, [...path, capability, index], "object");
            }
        }
    }
}

/** A grant destination (string number `id`): a selector without ports, and not the default routes (use "*" or autogroup:internet). */
function validateGrantDestination(v: Validation, dst: string, id: number, parent: JsonPath, index: number): void {
    if (v.knownValid("grantDst", id)) return;
    const before = v.count();
    v.references.check(dst, id, ALL_KINDS, false, parent, "dst", index);
    if (dst === "0.0.0.0/0" || dst === "::/0") {
        v.add("invalid-selector", pathTo(parent, "dst", index), `${JSON.stringify(dst)} is not accepted as a grant destination; use "*" for every address or "autogroup:internet" for exit-node traffic`);
        return;
    }
    const split = v.problemOf(dst, id, "dst") === undefined ? undefined : splitDestination(dst);
    if (split !== undefined && /^\d/.test(split.ports) && v.remembered("ports", split.ports, portsProblem, undefined) === undefined) {
        v.add("invalid-selector", pathTo(parent, "dst", index), `${JSON.stringify(dst)} carries ports, but grant destinations have none; write ${JSON.stringify(split.target)} and put the ports in "ip"`);
        return;
    }
    v.selector(dst, id, "dst", parent, "dst", index);
    if (v.count() === before) v.rememberValid("grantDst", id);
}

export function validateGrants(v: Validation, grants: number): void {
    const tape = v.tape;
    v.eachRecord(grants, "grants", (record, path) => {
        v.keys(record, path, ENTRY_KEYS.grants, "a grant");
        const sources = v.requires(record, path, "src", "list who receives the grant") ? v.selectorsAt(record, "src", path, "src", GROUPS_AND_TAGS) : NONE;
        const destinations = v.requires(record, path, "dst", "list what the grant reaches") ? v.stringList(record, path, "dst") : NONE;
        if (destinations !== NONE && reachesSelf(tape, destinations, false)) validateSelfSources(v, sources, path, "src", false);
        for (let dst = tape.first(destinations), index = 0; dst !== NONE; dst = tape.next(dst), index++) {
            if (tape.isString(dst)) validateGrantDestination(v, tape.string(dst), tape.stringId(dst), path, index);
        }
        const ip = tape.field(record, "ip");
        const app = tape.field(record, "app");
        const ipGiven = ip !== NONE && !(tape.isArray(ip) && tape.length(ip) === 0);
        const appGiven = app !== NONE && !(tape.isObject(app) && tape.length(app) === 0);
        if (!ipGiven && !appGiven) {
            v.add("missing-field", path, 'has neither "ip" nor "app" capabilities; a grant must give network ("ip": ["tcp:443"]) or application capabilities');
        }
        if (appGiven && destinations !== NONE && listHas(tape, destinations, "autogroup:internet")) {
            v.add("invalid-value", [...path, "app"], 'application capabilities cannot apply to autogroup:internet; put the autogroup:internet destination in a grant with "ip" only');
        }
        if (ip !== NONE) validateGrantIp(v, record, path);
        if (app !== NONE) validateGrantApp(v, app, [...path, "app"]);
        if (v.has(record, "via")) v.selectorsAt(record, "via", path, "via", TAGS);
        if (v.has(record, "srcPosture")) v.selectorsAt(record, "posture", path, "srcPosture");
    });
}
