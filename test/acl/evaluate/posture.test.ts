import assert from "node:assert/strict";
import {
    compareVersions,
    conditionHolds,
    parsePostureCondition,
    postureHolds,
    readPostureAttributes,
    readPostures,
    type PostureAttributes,
} from "../../../acl/evaluate";
import { parsePolicy } from "../../../acl/parse";

/** readPostures of `section` as the `postures` section of a policy file. */
function readPosturesOf(section: unknown): ReturnType<typeof readPostures> {
    const tape = parsePolicy(JSON.stringify({ postures: section })).tape!;
    return readPostures(tape, tape.member(0, "postures"));
}

const MAC: PostureAttributes = {
    "node:os": "macos",
    "node:osVersion": "14.4.1",
    "node:tsVersion": "1.82.0",
    "node:tsAutoUpdate": true,
    "node:tsReleaseTrack": "stable",
    "node:tsStateEncrypted": false,
    "ip:country": "NL",
    "custom:edrScore": 72,
    "custom:tier": "prod",
};

describe("acl/evaluate posture conditions", () => {
    describe("compareVersions follows Tailscale's cmpver", () => {
        const ordered: Array<[string, string]> = [
            ["1.80", "1.80.2"],
            ["1.80.2", "1.100"],
            ["1.80", "1.100"],
            ["1.9", "1.10"],
            ["1.80", "1.80.0"], // the extra "." decides, as in cmpver ("12" < "12.0")
            ["1.80.0", "1.80.1"],
            ["1.80.0-pre", "1.80.1"],
            ["1.80.0", "1.80.0-t123"],
            ["13.4", "14"],
            ["99999999999999999999", "100000000000000000000"], // digit runs beyond 2^53 stay exact
        ];
        for (const [lower, higher] of ordered) {
            it(`${lower} < ${higher}`, () => {
                assert.equal(compareVersions(lower, higher), -1);
                assert.equal(compareVersions(higher, lower), 1);
            });
        }
        it("equal versions compare 0, leading zeros in a number do not count", () => {
            assert.equal(compareVersions("1.82.0", "1.82.0"), 0);
            assert.equal(compareVersions("1.082", "1.82"), 0);
            assert.equal(compareVersions("", ""), 0);
        });
    });

    describe("parsing", () => {
        const readable: Array<[string, unknown]> = [
            ["node:os == 'macos'", { kind: "compare", attribute: "node:os", operator: "==", value: { kind: "string", value: "macos" } }],
            ['node:os != "linux"', { kind: "compare", attribute: "node:os", operator: "!=", value: { kind: "string", value: "linux" } }],
            ["node:tsVersion>='1.80'", { kind: "compare", attribute: "node:tsVersion", operator: ">=", value: { kind: "string", value: "1.80" } }],
            ["custom:edrScore < 70", { kind: "compare", attribute: "custom:edrScore", operator: "<", value: { kind: "number", value: 70, text: "70" } }],
            ["custom:x <= -1.5", { kind: "compare", attribute: "custom:x", operator: "<=", value: { kind: "number", value: -1.5, text: "-1.5" } }],
            ["node:tsAutoUpdate == true", { kind: "compare", attribute: "node:tsAutoUpdate", operator: "==", value: { kind: "boolean", value: true } }],
            ["node:tsAutoUpdate", { kind: "compare", attribute: "node:tsAutoUpdate", operator: "==", value: { kind: "boolean", value: true } }],
            [
                "node:os IN ['macos', 'linux']",
                { kind: "in", attribute: "node:os", negated: false, values: [{ kind: "string", value: "macos" }, { kind: "string", value: "linux" }] },
            ],
            ["ip:country in ['CA']", { kind: "in", attribute: "ip:country", negated: false, values: [{ kind: "string", value: "CA" }] }],
            ["node:os NOT  IN ['ios']", { kind: "in", attribute: "node:os", negated: true, values: [{ kind: "string", value: "ios" }] }],
            ["custom:tier IS SET", { kind: "set", attribute: "custom:tier", negated: false }],
            ["custom:tier not set", { kind: "set", attribute: "custom:tier", negated: true }],
        ];
        for (const [text, expected] of readable) {
            it(`reads ${text}`, () => assert.deepEqual(parsePostureCondition(text), expected));
        }

        const unreadable: Array<[string, RegExp]> = [
            ["", /starts with an attribute/],
            ["   ", /starts with an attribute/],
            ["'macos' == node:os", /starts with an attribute/],
            ["node:os = 'macos'", /unexpected "=/],
            ["node:os == 'macos", /not closed/],
            ["node:os ==", /expected a value after ==/],
            ["node:os == 'a' 'b'", /unexpected "b" after the value/],
            ["node:os IN 'macos'", /need a list/],
            ["node:os IN ['macos',]", /expected a value in the list/],
            ["node:os IN ['macos'", /expected "," or "\]"/],
            ["node:os IN ['macos'] x", /unexpected/],
            ["node:os IS SET 'x'", /after IS SET/],
            ["node:tsVersion >= 1.80.2", /unexpected/],
            ["os == 'macos'", /unexpected/],
            ["node:os LIKE 'mac%'", /unexpected "LIKE/],
            ["node:os custom:x", /expected an operator after node:os, found "custom:x"/],
            ["node:os 'macos'", /expected an operator after node:os/],
        ];
        for (const [text, reason] of unreadable) {
            it(`marks ${JSON.stringify(text)} unreadable, and it never holds`, () => {
                const condition = parsePostureCondition(text);
                assert.equal(condition.kind, "unreadable");
                assert.match(condition.kind === "unreadable" ? condition.reason : "", reason);
                assert.equal(conditionHolds(condition, MAC), false);
                assert.equal(conditionHolds(condition, {}), false);
            });
        }
    });

    describe("evaluation against a device's attributes", () => {
        const table: Array<[string, PostureAttributes, boolean]> = [
            // == and != on strings, numbers and booleans
            ["node:os == 'macos'", MAC, true],
            ["node:os == 'MacOS'", MAC, false],
            ["node:os != 'linux'", MAC, true],
            ["node:os != 'macos'", MAC, false],
            ["custom:edrScore == 72", MAC, true],
            ["custom:edrScore == '72'", MAC, false],
            ["node:tsAutoUpdate == true", MAC, true],
            ["node:tsAutoUpdate == false", MAC, false],
            ["node:tsStateEncrypted != true", MAC, true],
            ["node:tsAutoUpdate == true", { "node:tsAutoUpdate": "true" }, false],
            // a bare attribute asserts it is true
            ["node:tsAutoUpdate", MAC, true],
            ["node:tsStateEncrypted", MAC, false],
            ["node:tsAutoUpdate", { "node:tsAutoUpdate": "yes" }, false],
            // ordering on numbers
            ["custom:edrScore >= 72", MAC, true],
            ["custom:edrScore > 72", MAC, false],
            ["custom:edrScore < 80", MAC, true],
            ["custom:edrScore <= 71.5", MAC, false],
            // ordering on versions
            ["node:tsVersion >= '1.80'", MAC, true],
            ["node:tsVersion >= '1.82.0'", MAC, true],
            ["node:tsVersion > '1.82.0'", MAC, false],
            ["node:tsVersion < '1.100'", MAC, true],
            ["node:tsVersion >= '1.80.2'", { "node:tsVersion": "1.80" }, false],
            ["node:tsVersion >= '1.80'", { "node:tsVersion": "1.80.2" }, true],
            ["node:tsVersion >= '1.100'", { "node:tsVersion": "1.80.2" }, false],
            ["node:tsVersion >= 1.80", { "node:tsVersion": "1.80.2" }, true],
            ["node:osVersion >= '14'", MAC, true],
            ["node:osVersion < '14.4'", MAC, false],
            // ordering is only for numbers and version attributes
            ["node:os > 'a'", MAC, false],
            ["custom:tier >= 'prod'", MAC, false],
            ["custom:edrScore >= '70'", MAC, false],
            ["node:tsAutoUpdate >= false", MAC, false],
            // IN and NOT IN
            ["node:os IN ['macos', 'linux']", MAC, true],
            ["node:os IN ['windows', 'linux']", MAC, false],
            ["ip:country in ['CA', 'US', 'GB', 'NL']", MAC, true],
            ["node:os NOT IN ['ios', 'android']", MAC, true],
            ["node:os NOT IN ['macos']", MAC, false],
            ["custom:edrScore IN [70, 72]", MAC, true],
            // IS SET and NOT SET
            ["custom:tier IS SET", MAC, true],
            ["custom:tier NOT SET", MAC, false],
            ["custom:owner IS SET", MAC, false],
            ["custom:owner NOT SET", MAC, true],
            // an unset attribute fails every other operator, negative ones included (kb/1288)
            ["custom:owner != 'x'", MAC, false],
            ["custom:owner NOT IN ['x']", MAC, false],
            ["custom:owner == 'x'", MAC, false],
            ["node:tsVersion >= '1.0'", {}, false],
            ["node:tsAutoUpdate", {}, false],
        ];
        for (const [text, attrs, holds] of table) {
            const device = attrs === MAC ? "the macOS device" : JSON.stringify(attrs);
            it(`${text} ${holds ? "holds" : "does not hold"} for ${device}`, () => {
                assert.equal(conditionHolds(parsePostureCondition(text), attrs), holds);
            });
        }
    });

    describe("postures", () => {
        const postures = readPosturesOf({
            "posture:latestMac": ["node:os == 'macos'", "node:tsReleaseTrack == 'stable'", "node:tsVersion >= '1.80'"],
            "posture:empty": [],
            "posture:broken": ["node:os == 'macos'", "node:os ="],
            "posture:notList": "node:os == 'macos'",
            "posture:nonString": ["node:os == 'macos'", 42],
        });
        const holds = (name: string, attrs: PostureAttributes) => postureHolds(postures.get(name)!, attrs);

        it("holds only when every condition holds", () => {
            assert.equal(holds("posture:latestMac", MAC), true);
            assert.equal(holds("posture:latestMac", { ...MAC, "node:tsReleaseTrack": "unstable" }), false);
            assert.equal(holds("posture:latestMac", { ...MAC, "node:tsVersion": "1.79.9" }), false);
        });
        it("an empty posture holds for every device, even one without attributes", () => {
            assert.equal(holds("posture:empty", {}), true);
        });
        it("an unreadable condition, a non-list posture or a non-string condition never holds", () => {
            assert.equal(holds("posture:broken", MAC), false);
            assert.equal(holds("posture:notList", MAC), false);
            assert.equal(holds("posture:nonString", MAC), false);
        });
        it("reads nothing from a postures section that is not an object", () => {
            assert.equal(readPosturesOf(["posture:x"]).size, 0);
            assert.equal(readPosturesOf(null).size, 0);
        });
    });

    describe("readPostureAttributes", () => {
        it("copies and freezes a valid attribute object", () => {
            const given = { "node:os": "linux", "custom:score": 3, "node:tsAutoUpdate": false };
            const read = readPostureAttributes(given);
            assert.ok("attrs" in read);
            assert.deepEqual(read.attrs, given);
            assert.notEqual(read.attrs, given);
            assert.ok(Object.isFrozen(read.attrs));
        });
        const problems: Array<[unknown, string | undefined, RegExp]> = [
            ["node:os", undefined, /object of attributes/],
            [null, undefined, /object of attributes/],
            [["node:os"], undefined, /object of attributes/],
            [{ os: "linux" }, "os", /namespace:name/],
            [{ "node:os": null }, "node:os", /string, a number or a boolean/],
            [{ "node:os": ["linux"] }, "node:os", /string, a number or a boolean/],
            [{ "custom:score": Number.NaN }, "custom:score", /string, a number or a boolean/],
        ];
        for (const [value, key, reason] of problems) {
            it(`refuses ${JSON.stringify(value)}${key === undefined ? "" : ` at ${key}`}`, () => {
                const read = readPostureAttributes(value);
                assert.ok("problem" in read);
                assert.equal(read.problem.key, key);
                assert.match(read.problem.reason, reason);
            });
        }
    });
});
