/** `tests` and `sshTests` (https://tailscale.com/kb/1337/policy-syntax#tests, #ssh-tests). */
import type { SelectorContext } from "../grammar/autogroups";
import { ICMP_PROTOCOLS, PROTOCOLS_DOC, protocolNumber, TEST_PROTOCOLS } from "../grammar/protocols";
import { isPostureValue, POSTURE_ATTRIBUTE_PATTERN } from "../evaluate/posture";
import { ENTRY_KEYS, jsonTypeOf } from "../grammar/sections";
import { ListString, type JsonPath } from "../walk";
import { splitDestination } from "./ports";
import { field, has, type Validation } from "./report";

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

const PORT = /^(0|[1-9]\d{0,4})$/;

function testProtocol(v: Validation, value: unknown, recordPath: JsonPath): number | undefined {
    if (value === undefined) return undefined;
    const path = [...recordPath, "proto"];
    if (!v.expectType(value, path, "string")) return undefined;
    const number = protocolNumber(value as string);
    if (number === undefined || !TEST_PROTOCOLS.has(number)) {
        v.add("invalid-protocol", path, `${JSON.stringify(value)} is not a protocol tests support; use "tcp", "udp", "sctp", "icmp" or "ipv6-icmp" (see ${PROTOCOLS_DOC})`);
        return undefined;
    }
    return number;
}

/** A test destination names exactly one port: "tag:db:5432"; ICMP tests use port 0. */
function testDestination(v: Validation, dst: string, path: JsonPath, protocol: number | undefined): void {
    const split = splitDestination(dst);
    if (split === undefined) {
        v.add("invalid-ports", path, `${JSON.stringify(dst)} has no port; a test destination is "target:port", e.g. "tag:db:5432"`);
        return;
    }
    v.selector(split.target, path, "testDst");
    if (!PORT.test(split.ports) || Number(split.ports) > 65535) {
        v.add("invalid-ports", path, `${JSON.stringify(dst)} must name exactly one port (0-65535), not ${JSON.stringify(split.ports)}`);
    } else if (protocol !== undefined && ICMP_PROTOCOLS.has(protocol) && split.ports !== "0") {
        v.add("invalid-ports", path, `${JSON.stringify(dst)} is an ICMP test, which must use port 0`);
    }
}

/** A test's required `src`: one selector string (its path built only for a finding). */
function testSource(v: Validation, record: Record<string, unknown>, path: JsonPath, hint: string, context: SelectorContext): void {
    if (v.requires(record, path, "src", hint) && v.expectMember(record, path, "src", "string")) {
        v.selector(record.src as string, new ListString(record.src as string, path, "src"), context);
    }
}

export function validateTests(v: Validation, tests: unknown[]): void {
    for (const { record, path } of v.records(tests, ["tests"])) {
        v.keys(record, path, ENTRY_KEYS.tests, "a test");
        testSource(v, record, path, "name the user, tag or host to test as", "testSrc");
        validatePostureAttrs(v, field(record, "srcPostureAttrs"), path);
        const protocol = testProtocol(v, field(record, "proto"), path);
        for (const key of ["accept", "allow", "deny"]) {
            if (!has(record, key)) continue;
            for (const entry of v.strings(record[key], [...path, key]) ?? []) testDestination(v, entry.value, entry.path, protocol);
        }
    }
}

export function validateSshTests(v: Validation, tests: unknown[]): void {
    for (const { record, path } of v.records(tests, ["sshTests"])) {
        v.keys(record, path, ENTRY_KEYS.sshTests, "an SSH test");
        testSource(v, record, path, "name the user or tag to test as", "sshTestSrc");
        validatePostureAttrs(v, field(record, "srcPostureAttrs"), path);
        if (v.requires(record, path, "dst", "list the devices to test")) {
            v.selectors(v.strings(record.dst, [...path, "dst"]) ?? [], "sshTestDst");
        }
        for (const key of ["accept", "check", "deny"]) {
            if (has(record, key)) v.selectors(v.strings(record[key], [...path, key]) ?? [], "sshUser");
        }
    }
}
