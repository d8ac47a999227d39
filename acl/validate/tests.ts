/** `tests` and `sshTests` (https://tailscale.com/kb/1337/policy-syntax#tests, #ssh-tests). */
import type { SelectorContext } from "../grammar/autogroups";
import { ICMP_PROTOCOLS, PROTOCOLS_DOC, protocolNumber, TEST_PROTOCOLS } from "../grammar/protocols";
import { isPostureValue, POSTURE_ATTRIBUTE_PATTERN } from "../evaluate/posture";
import { ENTRY_KEYS } from "../grammar/sections";
import { FALSE, NONE, NUMBER, STRING, TRUE } from "../tape";
import type { JsonPath } from "../walk";
import { destinationTargetBefore, portsColon, singlePortAfter } from "./ports";
import { TAGS } from "./references";
import { pathTo, validTable, type Validation } from "./report";

const POSTURE_DOC = "https://tailscale.com/kb/1288/device-posture#device-posture-attributes";

/**
 * `srcPostureAttrs`: an object of posture attributes, each key "namespace:name" ("node:os",
 * "custom:tier") and each value a string, a number or a boolean (kb/1288, kb/1337#srcpostureattrs).
 */
function validatePostureAttrs(v: Validation, value: number, recordPath: JsonPath): void {
    const tape = v.tape;
    const path = [...recordPath, "srcPostureAttrs"];
    if (!v.expectType(value, path, "object")) return;
    for (let item = tape.first(value); item !== NONE; item = tape.next(item)) {
        const key = tape.key(item);
        if (!POSTURE_ATTRIBUTE_PATTERN.test(key)) {
            v.add("invalid-value", [...path, key], `${JSON.stringify(key)} is not a posture attribute; name it namespace:name, e.g. "node:os" or "custom:tier" (see ${POSTURE_DOC})`);
        }
        const value = scalarOf(v, item);
        if (!isPostureValue(value)) {
            const type = tape.jsonType(item);
            const shown = type === "null" ? "null" : type === "object" ? "an object" : type === "list" ? "a list" : JSON.stringify(value);
            v.add("wrong-type", [...path, key], `must be a string, a number or a boolean, not ${shown}`);
        }
    }
}

/** The value of a string, number or boolean `n`; undefined for null, a list or an object. */
function scalarOf(v: Validation, n: number): string | number | boolean | undefined {
    switch (v.tape.kind(n)) {
        case STRING:
            return v.tape.string(n);
        case NUMBER:
            return v.tape.number(n);
        case TRUE:
            return true;
        case FALSE:
            return false;
        default:
            return undefined;
    }
}

function testProtocol(v: Validation, value: number, recordPath: JsonPath): number | undefined {
    const tape = v.tape;
    if (!tape.isString(value)) {
        v.expectType(value, [...recordPath, "proto"], "string");
        return undefined;
    }
    const text = tape.string(value);
    const number = protocolNumber(text);
    if (number === undefined || !TEST_PROTOCOLS.has(number)) {
        v.add("invalid-protocol", [...recordPath, "proto"], `${JSON.stringify(text)} is not a protocol tests support; use "tcp", "udp", "sctp", "icmp" or "ipv6-icmp" (see ${PROTOCOLS_DOC})`);
        return undefined;
    }
    return number;
}

/**
 * A test destination (string number `id`) names exactly one port: "tag:db:5432"; ICMP tests use
 * port 0. At `parent` + `key` + `index`. Read in place: no parts are built unless there is a finding
 * (a policy has tens of thousands of test destinations), and each distinct destination is checked
 * once per protocol.
 */
function testDestination(v: Validation, dst: string, id: number, protocol: number | undefined, parent: JsonPath, key: string, index: number): void {
    const table = validTable("testDst", protocol);
    if (v.knownValid(table, id)) return;
    const before = v.count();
    v.references.check(dst, id, TAGS, true, parent, key, index);
    const colon = portsColon(dst);
    if (colon < 0) {
        v.add("invalid-ports", pathTo(parent, key, index), `${JSON.stringify(dst)} has no port; a test destination is "target:port", e.g. "tag:db:5432"`);
        return;
    }
    v.selector(destinationTargetBefore(dst, colon), NONE, "testDst", parent, key, index);
    const port = singlePortAfter(dst, colon);
    if (port < 0) {
        const ports = dst.slice(colon + 1);
        v.add("invalid-ports", pathTo(parent, key, index), `${JSON.stringify(dst)} must name exactly one port (0-65535), not ${JSON.stringify(ports)}`);
    } else if (protocol !== undefined && ICMP_PROTOCOLS.has(protocol) && port !== 0) {
        v.add("invalid-ports", pathTo(parent, key, index), `${JSON.stringify(dst)} is an ICMP test, which must use port 0`);
    }
    if (v.count() === before) v.rememberValid(table, id);
}

/** A test's required `src`: one selector string (its path built only for a finding). */
function testSource(v: Validation, record: number, path: JsonPath, hint: string, context: SelectorContext): void {
    if (v.requires(record, path, "src", hint) && v.expectMember(record, path, "src", "string")) {
        const src = v.tape.member(record, "src");
        const text = v.tape.string(src);
        v.selector(text, v.tape.stringId(src), context, path, "src");
        v.references.check(text, v.tape.stringId(src), TAGS, false, path, "src", -1);
    }
}

export function validateTests(v: Validation, tests: number): void {
    const tape = v.tape;
    v.eachRecord(tests, "tests", (record, path) => {
        v.keys(record, path, ENTRY_KEYS.tests, "a test");
        testSource(v, record, path, "name the user, tag or host to test as", "testSrc");
        const attrs = tape.field(record, "srcPostureAttrs");
        if (attrs !== NONE) validatePostureAttrs(v, attrs, path);
        const proto = tape.field(record, "proto");
        const protocol = proto === NONE ? undefined : testProtocol(v, proto, path);
        for (const key of TEST_LISTS) {
            const given = tape.field(record, key);
            if (given === NONE) continue;
            const destinations = v.stringListValue(given, path, key);
            for (let dst = tape.first(destinations), index = 0; dst !== NONE; dst = tape.next(dst), index++) {
                if (tape.isString(dst)) testDestination(v, tape.stringOnce(dst), tape.stringId(dst), protocol, path, key, index);
            }
        }
    });
}

const TEST_LISTS = ["accept", "allow", "deny"] as const;
const SSH_TEST_LISTS = ["accept", "check", "deny"] as const;

export function validateSshTests(v: Validation, tests: number): void {
    const tape = v.tape;
    v.eachRecord(tests, "sshTests", (record, path) => {
        v.keys(record, path, ENTRY_KEYS.sshTests, "an SSH test");
        testSource(v, record, path, "name the user or tag to test as", "sshTestSrc");
        const attrs = tape.field(record, "srcPostureAttrs");
        if (attrs !== NONE) validatePostureAttrs(v, attrs, path);
        if (v.requires(record, path, "dst", "list the devices to test")) v.selectorsAt(record, "sshTestDst", path, "dst", TAGS);
        for (const key of SSH_TEST_LISTS) {
            const users = tape.field(record, key);
            if (users !== NONE) v.selectorList(v.stringListValue(users, path, key), "sshUser", path, key);
        }
    });
}
