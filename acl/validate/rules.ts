/**
 * The access rules: legacy `acls` (https://tailscale.com/kb/1337/policy-syntax#acls) and `grants`
 * (https://tailscale.com/kb/1538/grants-syntax).
 */
import { ACL_ACTIONS, ENTRY_KEYS } from "../grammar/sections";
import { PROTOCOLS_DOC, PROTOCOLS_WITH_PORTS, protocolNumber } from "../grammar/protocols";
import { isRecord, type JsonPath } from "../walk";
import { grantIpProblem, portsProblem, splitDestination } from "./ports";
import { field, has, type Validation } from "./report";
import { validateSelfSources } from "./selfSources";

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

function validateAclDestination(v: Validation, dst: string, path: JsonPath, protocol: number | undefined): void {
    const colon = dst.lastIndexOf(":");
    if (UNBRACKETED_IPV6.test(dst) && !isPrefixThenPorts(dst, colon)) {
        // "fd7a::1:22" is itself an IPv6 address: whether ":22" is a port cannot be told, so ask for brackets.
        v.add(
            "invalid-ports",
            path,
            `${JSON.stringify(dst)} is ambiguous: an IPv6 address needs brackets before its ports, e.g. "[${dst.slice(0, colon)}]:${dst.slice(colon + 1)}"`,
        );
        return;
    }
    const split = splitDestination(dst);
    // "tag:db" splits into "tag" and "db": a selector with no port part at all.
    const portless = split === undefined || (!PORT_CHARACTERS.test(split.ports) && v.problemOf(dst, "dst") === undefined);
    if (split === undefined || portless) {
        v.add("invalid-ports", path, `${JSON.stringify(dst)} has no ports; write "target:ports", e.g. "tag:db:5432" or "tag:db:*"`);
        return;
    }
    v.selector(split.target, path, "dst");
    const problem = v.remembered("ports", split.ports, portsProblem);
    if (problem !== undefined) {
        v.add("invalid-ports", path, `${problem} in ${JSON.stringify(dst)}`);
    } else if (protocol !== undefined && split.ports !== "*" && !PROTOCOLS_WITH_PORTS.has(protocol)) {
        v.add("invalid-ports", path, `${JSON.stringify(dst)} names ports, but its rule's protocol has none; use ":*"`);
    }
}

/** The characters of a port list ("443", "80,443", "8000-8100", "*"). */
const PORT_CHARACTERS = /^[\d*,-]*$/;

/** Capability names look like "example.com/cap/name" (https://tailscale.com/kb/1537/grants-app-capabilities). */
const CAPABILITY_NAME = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\/\S+$/;

export function validateAcls(v: Validation, acls: unknown[]): void {
    for (const { record, path } of v.records(acls, ["acls"])) {
        v.keys(record, path, ENTRY_KEYS.acls, "an acls rule");
        if (v.requires(record, path, "action", 'add "action": "accept"')) {
            const action = record.action;
            if (v.expectType(action, [...path, "action"], "string") && !ACL_ACTIONS.includes(action as string)) {
                v.add("invalid-value", [...path, "action"], `${JSON.stringify(action)} is not an acls action; the only action is "accept" (everything else is denied)`);
            }
        }
        const srcKey = has(record, "src") ? "src" : has(record, "users") ? "users" : undefined;
        const sources = srcKey === undefined ? [] : v.strings(record[srcKey], [...path, srcKey]) ?? [];
        if (srcKey === undefined) v.add("missing-field", path, 'is missing "src"; list who may connect');
        else v.selectors(sources, "src");
        const protocol = aclProtocol(v, field(record, "proto"), [...path, "proto"]);
        const dstKey = has(record, "dst") ? "dst" : has(record, "ports") ? "ports" : undefined;
        if (dstKey === undefined) {
            v.add("missing-field", path, 'is missing "dst"; list the destinations as "target:ports"');
            continue;
        }
        const destinations = v.strings(record[dstKey], [...path, dstKey]) ?? [];
        for (const entry of destinations) validateAclDestination(v, entry.value, entry.path, protocol);
        validateSelfSources(v, destinations.map((d) => splitDestination(d.value)?.target ?? d.value), sources, true);
    }
}

function validateGrantIp(v: Validation, list: unknown, path: JsonPath): void {
    for (const entry of v.strings(list, path) ?? []) {
        const problem = v.remembered("grantIp", entry.value, grantIpProblem);
        if (problem === undefined) continue;
        const check = problem.includes("protocol name") ? "invalid-protocol" : "invalid-ports";
        const fix = problem.includes("write") ? "" : '; write "*", "443", "tcp:443" or "udp:1000-2000"';
        v.add(check, entry.path, `${JSON.stringify(entry.value)} is not a valid capability: ${problem}${fix}`);
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
function validateGrantDestination(v: Validation, dst: string, path: JsonPath): void {
    if (dst === "0.0.0.0/0" || dst === "::/0") {
        v.add("invalid-selector", path, `${JSON.stringify(dst)} is not accepted as a grant destination; use "*" for every address or "autogroup:internet" for exit-node traffic`);
        return;
    }
    const split = v.problemOf(dst, "dst") === undefined ? undefined : splitDestination(dst);
    if (split !== undefined && /^\d/.test(split.ports) && v.remembered("ports", split.ports, portsProblem) === undefined) {
        v.add("invalid-selector", path, `${JSON.stringify(dst)} carries ports, but grant destinations have none; write ${JSON.stringify(split.target)} and put the ports in "ip"`);
        return;
    }
    v.selector(dst, path, "dst");
}

export function validateGrants(v: Validation, grants: unknown[]): void {
    for (const { record, path } of v.records(grants, ["grants"])) {
        v.keys(record, path, ENTRY_KEYS.grants, "a grant");
        const sources = v.requires(record, path, "src", "list who receives the grant") ? v.strings(record.src, [...path, "src"]) ?? [] : [];
        v.selectors(sources, "src");
        const destinations = v.requires(record, path, "dst", "list what the grant reaches") ? v.strings(record.dst, [...path, "dst"]) ?? [] : [];
        validateSelfSources(v, destinations.map((d) => d.value), sources, false);
        for (const entry of destinations) validateGrantDestination(v, entry.value, entry.path);
        const ipGiven = has(record, "ip") && !(Array.isArray(record.ip) && record.ip.length === 0);
        const appGiven = has(record, "app") && !(isRecord(record.app) && Object.keys(record.app).length === 0);
        if (!ipGiven && !appGiven) {
            v.add("missing-field", path, 'has neither "ip" nor "app" capabilities; a grant must give network ("ip": ["tcp:443"]) or application capabilities');
        }
        if (appGiven && destinations.some((d) => d.value === "autogroup:internet")) {
            v.add("invalid-value", [...path, "app"], 'application capabilities cannot apply to autogroup:internet; put the autogroup:internet destination in a grant with "ip" only');
        }
        if (has(record, "ip")) validateGrantIp(v, record.ip, [...path, "ip"]);
        if (has(record, "app")) validateGrantApp(v, record.app, [...path, "app"]);
        if (has(record, "via")) v.selectors(v.strings(record.via, [...path, "via"]) ?? [], "via");
        if (has(record, "srcPosture")) v.selectors(v.strings(record.srcPosture, [...path, "srcPosture"]) ?? [], "posture");
    }
}
