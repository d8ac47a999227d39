/**
 * Selector grammar per form and per position (https://tailscale.com/kb/1396/targets): which strings
 * are selectors at all, and where each kind (and each autogroup) may appear.
 */
import assert from "node:assert/strict";
import { AUTOGROUPS, classifySelector, grantIpProblem, portsProblem, protocolNumber, selectorProblem, type SelectorContext } from "../../../acl";
import { destinationTargetBefore, portsColon, singlePortAfter, splitDestination } from "../../../acl/validate/ports";

const FORMS: Array<[string, string]> = [
    ["*", "wildcard"],
    ["alice@example.com", "user"],
    ["carol@github", "user"],
    ["dave@passkey", "user"],
    ["user:*@example.com", "user-domain"],
    ["group:eng", "group"],
    ["group:eng-team.v2", "group"],
    ["tag:db", "tag"],
    ["tag:db-primary2", "tag"],
    ["autogroup:member", "autogroup"],
    ["nas", "host"],
    ["nas/24", "host"],
    ["100.64.0.1", "ip"],
    ["fd7a:115c:a1e0::1", "ip"],
    ["100.64.0.0/10", "cidr"],
    ["fd7a:115c:a1e0::/48", "cidr"],
    ["10.0.0.1-10.0.0.9", "ip-range"],
    ["ipset:office", "ipset"],
    ["svc:wiki", "service"],
    ["posture:latest", "posture"],
    ["localpart:*@example.com", "localpart"],
];

const MALFORMED: Array<[string, RegExp]> = [
    ["", /an empty string is not a selector/],
    [" group:eng", /leading or trailing spaces/],
    ["group:", /is not a valid group name/],
    ["tag:1db", /is not a valid tag \(a letter, then letters, digits or dashes\)/],
    ["tag:db_x", /is not a valid tag/],
    ["autogroup:members", /is not an autogroup Tailscale defines/],
    ["gruop:eng", /has an unknown prefix "gruop:"/],
    ["alice@@example.com", /is not a valid user login/],
    ["user:alice@example.com", /is not a valid user pattern/],
    ["localpart:alice", /is not a valid localpart pattern/],
    ["300.1.1.1", /looks like an IP address or CIDR but is not a valid one/],
    ["10.0.0.0/33", /looks like an IP address or CIDR/],
    ["fd7a::1::2", /looks like an IP address/],
    ["a b", /is not a valid selector/],
];

describe("acl selector grammar: forms", () => {
    for (const [text, kind] of FORMS) {
        it(`reads ${JSON.stringify(text)} as ${kind}`, () => assert.deepEqual(classifySelector(text), { kind }));
    }
    for (const [text, message] of MALFORMED) {
        it(`rejects ${JSON.stringify(text)}`, () => {
            const classified = classifySelector(text);
            assert.ok("error" in classified, JSON.stringify(classified));
            assert.match(classified.error, message);
        });
    }
});

/** [selector, position, allowed?] */
const PLACES: Array<[string, SelectorContext, boolean]> = [
    ["autogroup:internet", "dst", true],
    ["autogroup:internet", "src", false],
    ["autogroup:internet", "sshDst", false],
    ["autogroup:self", "dst", true],
    ["autogroup:self", "sshDst", true],
    ["autogroup:self", "src", false],
    ["autogroup:self", "sshSrc", false],
    ["autogroup:nonroot", "sshUser", true],
    ["autogroup:nonroot", "src", false],
    ["autogroup:nonroot", "dst", false],
    ["localpart:*@example.com", "sshUser", true],
    ["localpart:*@example.com", "src", false],
    ["autogroup:danger-all", "src", true],
    ["autogroup:danger-all", "dst", false],
    ["autogroup:member", "tagOwner", true],
    ["autogroup:admin", "tagOwner", true],
    ["autogroup:tagged", "nodeAttrTarget", true],
    ["*", "sshDst", false],
    ["*", "src", true],
    ["group:eng", "sshDst", false],
    ["group:eng", "groupMember", false],
    ["alice@example.com", "groupMember", true],
    ["tag:router", "via", true],
    ["nas", "via", false],
    ["svc:wiki", "dst", true],
    ["svc:wiki", "src", false],
    ["posture:latest", "posture", true],
    ["tag:db", "posture", false],
    ["root", "sshUser", true],
    ["ubuntu", "sshUser", true],
    ["tag:rec", "recorder", true],
    ["100.64.0.0/10", "src", true],
    ["100.64.0.0/10", "sshSrc", false],
    ["ipset:office", "src", true],
    ["ipset:office", "ipsetMember", true],
    ["alice@example.com", "sshTestSrc", true],
    ["group:eng", "sshTestSrc", false],
];

describe("acl selector grammar: where each kind may appear", () => {
    for (const [text, context, allowed] of PLACES) {
        it(`${allowed ? "allows" : "refuses"} ${JSON.stringify(text)} in ${context}`, () => {
            const problem = selectorProblem(text, context);
            if (allowed) assert.equal(problem, undefined);
            else assert.match(problem ?? "", /not allowed in/);
        });
    }

    it("lists every autogroup Tailscale documents, each allowed somewhere", () => {
        assert.deepEqual(Object.keys(AUTOGROUPS).sort(), [
            "autogroup:admin",
            "autogroup:auditor",
            "autogroup:billing-admin",
            "autogroup:danger-all",
            "autogroup:internet",
            "autogroup:it-admin",
            "autogroup:member",
            "autogroup:network-admin",
            "autogroup:nonroot",
            "autogroup:owner",
            "autogroup:self",
            "autogroup:shared",
            "autogroup:tagged",
        ]);
        for (const [name, spec] of Object.entries(AUTOGROUPS)) {
            assert.ok(spec.allowedIn.length > 0, name);
            assert.equal(selectorProblem(name, spec.allowedIn[0]), undefined, name);
        }
    });
});

describe("acl port and protocol grammar", () => {
    const PORTS: Array<[string, RegExp | undefined]> = [
        ["*", undefined],
        ["22", undefined],
        ["0", /"0" starts at port 0; ports start at 1/],
    ["0-80", /starts at port 0/],
        ["65535", undefined],
        ["80,443", undefined],
        ["1000-2000,8080", undefined],
        ["65536", /port 65536 is outside 0-65535/],
        ["90-80", /the range "90-80" is reversed/],
        ["", /the port list is empty/],
        ["22,", /"" is not a port/],
        ["1-2-3", /"1-2-3" is not a port or a range/],
        ["022", /"022" is not a port/],
    ];
    for (const [ports, problem] of PORTS) {
        it(`ports ${JSON.stringify(ports)}: ${problem === undefined ? "valid" : "invalid"}`, () => {
            const actual = portsProblem(ports);
            if (problem === undefined) assert.equal(actual, undefined);
            else assert.match(actual ?? "", problem);
        });
    }

    it("reads protocols by name (any case) or IANA number 0-255", () => {
        assert.equal(protocolNumber("tcp"), 6);
        assert.equal(protocolNumber("UDP"), 17);
        assert.equal(protocolNumber("ipv6-icmp"), 58);
        assert.equal(protocolNumber("sctp"), 132);
        assert.equal(protocolNumber("47"), 47);
        assert.equal(protocolNumber("0"), 0);
        assert.equal(protocolNumber("256"), undefined);
        assert.equal(protocolNumber("06"), undefined);
        assert.equal(protocolNumber("quic"), undefined);
    });

    it("reads grant ip capabilities", () => {
        assert.equal(grantIpProblem("*"), undefined);
        assert.equal(grantIpProblem("tcp:443"), undefined);
        assert.equal(grantIpProblem("6:443"), undefined);
        assert.equal(grantIpProblem("icmp:*"), undefined);
        assert.match(grantIpProblem("icmp:8") ?? "", /has no ports/);
        assert.match(grantIpProblem("tcp") ?? "", /"tcp" is not a port/);
    });
    it("splits destinations in place: the colon before the ports, the target, one test port", () => {
        const cases: Array<[string, number, string | undefined, number]> = [
            ["tag:db:5432", 6, "tag:db", 5432],
            ["[fd7a::1]:22", 9, "fd7a::1", 22],
            ["[fd7a::1]", -1, undefined, -1],
            ["box", -1, undefined, -1],
            ["host:0", 4, "host", 0],
            ["host:00", 4, "host", -1],
            ["host:065", 4, "host", -1],
            ["host:65535", 4, "host", 65535],
            ["host:65536", 4, "host", -1],
            ["host:123456", 4, "host", -1],
            ["host:", 4, "host", -1],
            ["host:1-2", 4, "host", -1],
        ];
        for (const [dst, colon, target, port] of cases) {
            assert.equal(portsColon(dst), colon, dst);
            if (colon < 0) continue;
            assert.equal(destinationTargetBefore(dst, colon), target, dst);
            assert.equal(singlePortAfter(dst, colon), port, dst);
            assert.deepEqual(splitDestination(dst), { target, ports: dst.slice(colon + 1) }, dst);
        }
    });
});
