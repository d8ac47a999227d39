/** `tests` and `sshTests` (https://tailscale.com/kb/1337/policy-syntax#tests, #ssh-tests). */
import type { SelectorContext } from "../grammar/autogroups";
import { ICMP_PROTOCOLS, PROTOCOLS_DOC, protocolNumber, TEST_PROTOCOLS } from "../grammar/protocols";
import { isPostureValue, POSTURE_ATTRIBUTE_PATTERN } from "../evaluate/posture";
import { ENTRY_KEYS, jsonTypeOf } from "../grammar/sections";
import type { JsonPath } from "../walk";
import { destinationTargetBefore, portsColon, singlePortAfter } from "./ports";
import { TAGS } from "./references";
import { has, pathTo, validTable, type Validation } from "./report";

const POSTURE_DOC = "https://tailscale.com/kb/1288/device-posture#device-posture-attributes";

/**
 * `srcPostureAttrs`: an object of posture attributes, each key "namespace:name" ("node:os",
 * "custom:tier") and each value a string, a number or a boolean (kb/1288, kb/1337#srcpostureattrs).
 */
function validatePostureAttrs(v: Validation, value: unknown, recordPath: JsonPath): void {
    if (value === undefined) return;
    const path = [...recordPath, "srcPostureAttrs"];
    if (!v.expectType(value, path, "object")) return;
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (!POSTURE_ATTRIBUTE_PATTERN.test(key)) {
            v.add("invalid-value", [...path, key], `${JSON.stringify(key)} is not a posture attribute; name it namespace:name, e.g. "node:os" or "custom:tier" (see ${POSTURE_DOC})`);
        }
        if (!isPostureValue(item)) {
            const type = jsonTypeOf(item);
            const shown = type === "null" ? "null" : type === "object" ? "an object" : type === "list" ? "a list" : JSON.stringify(item);
            v.add("wrong-type", [...path, key], `must be a string, a number or a boolean, not ${shown}`);
        }
    }
}

function testProtocol(v: Validation, value: unknown, recordPath: JsonPath): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "string") {
        v.expectType(value, [...recordPath, "proto"], "string");
        return undefined;
    }
    const number = protocolNumber(value as string);
    if (number === undefined || !TEST_PROTOCOLS.has(number)) {
        v.add("invalid-protocol", [...recordPath, "proto"], `${JSON.stringify(value)} is not a protocol tests support; use "tcp", "udp", "sctp", "icmp" or "ipv6-icmp" (see ${PROTOCOLS_DOC})`);
        return undefined;
    }
    return number;
}

/**
 * A test destination names exactly one port: "tag:db:5432"; ICMP tests use port 0. At `parent` + `key` + `index`.
 * Read in place: no parts are built unless there is a finding (a policy has tens of thousands of test destinations).
 */
function testDestination(v: Validation, dst: string, protocol: number | undefined, parent: JsonPath, key: string, index: number): void {
    // Tags (most destinations) are checked outright, cheaper than a look-up; others are remembered once valid.
    const remember = !dst.startsWith("tag:");
    const table = remember ? validTable("testDst", protocol) : "";
    if (remember && v.knownValid(table, dst)) return;
    const before = v.count();
    v.references.check(dst, TAGS, true, parent, key, index);
    const colon = portsColon(dst);
    if (colon < 0) {
        v.add("invalid-ports", pathTo(parent, key, index), `${JSON.stringify(dst)} has no port; a test destination is "target:port", e.g. "tag:db:5432"`);
        return;
    }
    v.selector(destinationTargetBefore(dst, colon), "testDst", parent, key, index);
    const port = singlePortAfter(dst, colon);
    if (port < 0) {
        const ports = dst.slice(colon + 1);
        v.add("invalid-ports", pathTo(parent, key, index), `${JSON.stringify(dst)} must name exactly one port (0-65535), not ${JSON.stringify(ports)}`);
    } else if (protocol !== undefined && ICMP_PROTOCOLS.has(protocol) && port !== 0) {
        v.add("invalid-ports", pathTo(parent, key, index), `${JSON.stringify(dst)} is an ICMP test, which must use port 0`);
    }
    if (remember && v.count() === before) v.rememberValid(table, dst);
}

/** A test's required `src`: one selector string (its path built only for a finding). */
function testSource(v: Validation, record: Record<string, unknown>, path: JsonPath, hint: string, context: SelectorContext): void {
    if (v.requires(record, path, "src", hint) && v.expectMember(record, path, "src", "string")) {
        v.selector(record.src as string, context, path, "src");
        v.references.check(record.src as string, TAGS, false, path, "src", -1);
    }
}

export function validateTests(v: Validation, tests: unknown[]): void {
    v.eachRecord(tests, "tests", (record, path) => {
        v.keys(record, path, ENTRY_KEYS.tests, "a test");
        testSource(v, record, path, "name the user, tag or host to test as", "testSrc");
        if (has(record, "srcPostureAttrs")) validatePostureAttrs(v, record.srcPostureAttrs, path);
        const protocol = has(record, "proto") ? testProtocol(v, record.proto, path) : undefined;
        for (const key of TEST_LISTS) {
            if (!has(record, key)) continue;
            const destinations = v.stringList(record, path, key);
            if (destinations === undefined) continue;
            for (let index = 0; index < destinations.length; index++) {
                const dst: unknown = destinations[index];
                if (typeof dst === "string") testDestination(v, dst, protocol, path, key, index);
            }
        }
    });
}

const TEST_LISTS = ["accept", "allow", "deny"] as const;
const SSH_TEST_LISTS = ["accept", "check", "deny"] as const;

export function validateSshTests(v: Validation, tests: unknown[]): void {
    v.eachRecord(tests, "sshTests", (record, path) => {
        v.keys(record, path, ENTRY_KEYS.sshTests, "an SSH test");
        testSource(v, record, path, "name the user or tag to test as", "sshTestSrc");
        if (has(record, "srcPostureAttrs")) validatePostureAttrs(v, record.srcPostureAttrs, path);
        if (v.requires(record, path, "dst", "list the devices to test")) v.selectorsAt(record, "sshTestDst", path, "dst", TAGS);
        for (const key of SSH_TEST_LISTS) {
            if (has(record, key)) v.selectorsAt(record, "sshUser", path, key);
        }
    });
}
