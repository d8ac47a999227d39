import assert from "node:assert/strict";
import { EvaluationArgumentError, isInternetRange, parseAddress, runPolicyTests } from "../../../acl/evaluate";
import { evaluatorOf, parsedOf, verdict } from "./helpers";

/** Definitions shared by the tables: an engineering team, a data team, tagged servers and hosts. */
const defs = {
    groups: {
        "group:eng": ["alice@example.com", "bob@example.com"],
        "group:data": ["carol@example.com"],
        "group:empty": [],
    },
    tagOwners: { "tag:db": ["group:eng"], "tag:web": ["group:eng"], "tag:ci": ["group:eng"] },
    hosts: {
        "db-primary": "100.64.0.5",
        "office-lan": "192.168.10.0/24",
        "lab": "10.20.0.0/16",
        "v6-box": "fd7a:115c:a1e0::5",
    },
    ipsets: { "ipset:branch": ["192.168.10.0/24", "172.16.0.0/12"] },
};

type Row = [src: string, dst: string, port: number, proto: string | undefined, expected: string];

function runTable(name: string, policy: Record<string, unknown>, rows: Row[]): void {
    describe(name, () => {
        const evaluator = evaluatorOf({ ...defs, ...policy });
        for (const [src, dst, port, proto, expected] of rows) {
            it(`${src} -> ${dst}:${port}${proto === undefined ? "" : `/${proto}`} is ${expected}`, () => {
                assert.equal(verdict(evaluator.canReach(src, dst, port, proto)), expected);
            });
        }
    });
}

describe("acl/evaluate canReach", () => {
    runTable(
        "groups and users in legacy acls",
        {
            acls: [
                { action: "accept", src: ["group:eng"], dst: ["tag:db:5432"] },
                { action: "accept", src: ["carol@example.com"], dst: ["tag:web:80,443"] },
            ],
        },
        [
            ["alice@example.com", "tag:db", 5432, undefined, "allow acls[0]"],
            ["bob@example.com", "tag:db", 5432, undefined, "allow acls[0]"],
            ["carol@example.com", "tag:db", 5432, undefined, "deny"],
            ["alice@example.com", "tag:db", 22, undefined, "deny"],
            ["carol@example.com", "tag:web", 443, undefined, "allow acls[1]"],
            ["carol@example.com", "tag:web", 8080, undefined, "deny"],
            ["group:eng", "tag:db", 5432, undefined, "allow acls[0]"],
            ["group:data", "tag:db", 5432, undefined, "deny"],
            ["group:empty", "tag:db", 5432, undefined, "deny"],
        ],
    );

    runTable(
        "legacy users/ports keys, proto and port ranges",
        {
            acls: [
                { action: "accept", users: ["alice@example.com"], ports: ["tag:ci:1000-2000,22"] },
                { action: "accept", src: ["bob@example.com"], proto: "udp", dst: ["tag:ci:53"] },
                { action: "accept", src: ["carol@example.com"], proto: "17", dst: ["tag:web:*"] },
                { action: "deny", src: ["*"], dst: ["*:*"] },
            ],
        },
        [
            ["alice@example.com", "tag:ci", 1500, undefined, "allow acls[0]"],
            ["alice@example.com", "tag:ci", 2001, undefined, "deny"],
            ["alice@example.com", "tag:ci", 22, "udp", "allow acls[0]"],
            ["bob@example.com", "tag:ci", 53, "udp", "allow acls[1]"],
            ["bob@example.com", "tag:ci", 53, "tcp", "deny"],
            ["carol@example.com", "tag:web", 9999, "udp", "allow acls[2]"],
            ["carol@example.com", "tag:web", 9999, "tcp", "deny"],
            ["dave@example.com", "tag:web", 80, undefined, "deny"],
        ],
    );

    runTable(
        "tags as sources and destinations, autogroup:tagged and autogroup:member",
        {
            grants: [
                { src: ["tag:web"], dst: ["tag:db"], ip: ["tcp:5432"] },
                { src: ["autogroup:tagged"], dst: ["tag:ci"], ip: ["443"] },
                { src: ["autogroup:member"], dst: ["tag:web"], ip: ["tcp:443"] },
            ],
        },
        [
            ["tag:web", "tag:db", 5432, undefined, "allow grants[0]"],
            ["tag:ci", "tag:db", 5432, undefined, "deny"],
            ["tag:db", "tag:ci", 443, "udp", "allow grants[1]"],
            ["alice@example.com", "tag:ci", 443, undefined, "deny"],
            ["dave@example.com", "tag:web", 443, undefined, "allow grants[2]"],
            ["tag:ci", "tag:web", 443, undefined, "deny"],
            ["autogroup:member", "tag:web", 443, undefined, "allow grants[2]"],
            ["autogroup:tagged", "tag:web", 443, undefined, "deny"],
        ],
    );

    runTable(
        "hosts, IPs, CIDRs, ipsets and IPv6 brackets",
        {
            acls: [
                { action: "accept", src: ["group:eng"], dst: ["db-primary:22", "[fd7a:115c:a1e0::5]:22"] },
                { action: "accept", src: ["office-lan"], dst: ["10.20.0.0/16:*"] },
                { action: "accept", src: ["ipset:branch"], dst: ["100.64.0.5:443"] },
                { action: "accept", src: ["10.0.0.1-10.0.0.9"], dst: ["lab:8080"] },
                // An IPv6 prefix with ports and no brackets: the "/bits" ends the address.
                { action: "accept", src: ["group:eng"], dst: ["fd00:1::/64:443"] },
            ],
        },
        [
            ["alice@example.com", "fd00:1::5", 443, undefined, "allow acls[4]"],
            ["alice@example.com", "fd00:1::5", 444, undefined, "deny"],
            ["alice@example.com", "fd00:2::5", 443, undefined, "deny"],
            ["alice@example.com", "db-primary", 22, undefined, "allow acls[0]"],
            ["alice@example.com", "100.64.0.5", 22, undefined, "allow acls[0]"],
            ["alice@example.com", "v6-box", 22, undefined, "allow acls[0]"],
            ["alice@example.com", "fd7a:115c:a1e0::5", 22, undefined, "allow acls[0]"],
            ["alice@example.com", "100.64.0.6", 22, undefined, "deny"],
            ["192.168.10.7", "lab", 3000, undefined, "allow acls[1]"],
            ["192.168.10.7", "10.20.3.4", 3000, undefined, "allow acls[1]"],
            ["office-lan", "10.20.3.4", 3000, undefined, "allow acls[1]"],
            ["192.168.11.7", "lab", 3000, undefined, "deny"],
            ["172.20.1.1", "db-primary", 443, undefined, "allow acls[2]"],
            ["10.0.0.4", "10.20.0.1", 8080, undefined, "allow acls[3]"],
            ["10.0.0.10", "10.20.0.1", 8080, undefined, "deny"],
            // Identities have no known addresses: an IP rule does not cover a user.
            ["alice@example.com", "lab", 3000, undefined, "deny"],
        ],
    );

    runTable(
        "grant ip forms",
        {
            grants: [
                { src: ["alice@example.com"], dst: ["tag:db"], ip: ["*"] },
                { src: ["bob@example.com"], dst: ["tag:db"], ip: ["tcp:443", "udp:53", "1-1024"] },
                { src: ["carol@example.com"], dst: ["tag:db"], ip: ["icmp:*"] },
                { src: ["dave@example.com"], dst: ["tag:db"], ip: ["tcp:80,8080"] },
            ],
        },
        [
            ["alice@example.com", "tag:db", 65535, "sctp", "allow grants[0]"],
            ["bob@example.com", "tag:db", 443, "tcp", "allow grants[1]"],
            ["bob@example.com", "tag:db", 53, "udp", "allow grants[1]"],
            ["bob@example.com", "tag:db", 1000, "udp", "allow grants[1]"],
            ["bob@example.com", "tag:db", 2000, "tcp", "deny"],
            ["bob@example.com", "tag:db", 500, "sctp", "deny"],
            ["carol@example.com", "tag:db", 0, "icmp", "allow grants[2]"],
            ["carol@example.com", "tag:db", 0, "tcp", "deny"],
            ["dave@example.com", "tag:db", 8080, "tcp", "allow grants[3]"],
            ["dave@example.com", "tag:db", 8081, "tcp", "deny"],
        ],
    );

    runTable(
        "app-only grants, srcPosture and via",
        {
            defaultSrcPosture: [],
            postures: { "posture:mac": ["node:os == 'macos'"] },
            grants: [
                { src: ["alice@example.com"], dst: ["tag:web"], app: { "example.com/cap/admin": [{}] } },
                { src: ["bob@example.com"], dst: ["tag:web"], ip: ["*"], srcPosture: ["posture:mac"] },
                { src: ["carol@example.com"], dst: ["192.168.10.0/24"], ip: ["*"], via: ["tag:ci"] },
            ],
        },
        [
            ["alice@example.com", "tag:web", 443, undefined, "deny"],
            ["bob@example.com", "tag:web", 443, undefined, "deny"],
            ["carol@example.com", "office-lan", 443, undefined, "allow grants[2]"],
        ],
    );

    runTable(
        "autogroup:self and autogroup:internet",
        {
            grants: [
                { src: ["autogroup:member"], dst: ["autogroup:self"], ip: ["*"] },
                { src: ["group:data"], dst: ["autogroup:internet"], ip: ["*"] },
            ],
        },
        [
            ["alice@example.com", "alice@example.com", 22, undefined, "allow grants[0]"],
            ["alice@example.com", "autogroup:self", 22, undefined, "allow grants[0]"],
            ["alice@example.com", "bob@example.com", 22, undefined, "deny"],
            ["tag:ci", "autogroup:self", 22, undefined, "deny"],
            ["carol@example.com", "autogroup:internet", 443, undefined, "allow grants[1]"],
            ["carol@example.com", "8.8.8.8", 53, "udp", "allow grants[1]"],
            ["carol@example.com", "192.168.10.1", 53, "udp", "deny"],
            ["alice@example.com", "8.8.8.8", 53, "udp", "deny"],
        ],
    );

    runTable(
        "wildcards and file order of the deciding rule",
        {
            grants: [{ src: ["*"], dst: ["*"], ip: ["tcp:22"] }],
            acls: [{ action: "accept", src: ["alice@example.com"], dst: ["*:*"] }],
        },
        [
            ["tag:ci", "8.8.8.8", 22, undefined, "allow grants[0]"],
            ["alice@example.com", "tag:db", 22, undefined, "allow grants[0]"],
            ["alice@example.com", "tag:db", 23, undefined, "allow acls[0]"],
            ["alice@example.com", "autogroup:internet", 80, undefined, "allow acls[0]"],
            ["bob@example.com", "tag:db", 23, undefined, "deny"],
        ],
    );

    describe("role autogroups", () => {
        const policy = { ...defs, grants: [{ src: ["autogroup:admin"], dst: ["tag:db"], ip: ["*"] }] };
        it("match nobody unless roles are given", () => {
            assert.equal(verdict(evaluatorOf(policy).canReach("alice@example.com", "tag:db", 22)), "deny");
        });
        it("match the users listed for the role", () => {
            const evaluator = evaluatorOf(policy, { roles: { "autogroup:admin": ["alice@example.com"] } });
            assert.equal(verdict(evaluator.canReach("alice@example.com", "tag:db", 22)), "allow grants[0]");
            assert.equal(verdict(evaluator.canReach("bob@example.com", "tag:db", 22)), "deny");
        });
    });

    describe("decidedBy", () => {
        it("carries the rule's file position", () => {
            const evaluator = evaluatorOf({ grants: [{ src: ["*"], dst: ["*"], ip: ["*"] }] });
            const result = evaluator.canReach("alice@example.com", "tag:db", 22);
            assert.deepEqual(result.decidedBy, {
                section: "grants",
                index: 0,
                path: "grants[0]",
                location: { file: "policy.hujson", line: 3, column: 5 },
            });
        });
    });

    describe("bad arguments", () => {
        const evaluator = evaluatorOf(defs);
        const cases: Array<[string, () => unknown, RegExp]> = [
            ["undefined host as src", () => evaluator.canReach("nohost", "tag:db", 22), /invalid src "nohost": use a user login/],
            ["port out of range", () => evaluator.canReach("alice@example.com", "tag:db", 70000), /invalid port 70000: use an integer/],
            ["unknown proto", () => evaluator.canReach("alice@example.com", "tag:db", 22, "tcpp"), /invalid proto "tcpp"/],
            ["empty local user", () => evaluator.sshAction("alice@example.com", "tag:db", ""), /invalid localUser ""/],
        ];
        for (const [name, call, message] of cases) {
            it(`throws a typed error for ${name}`, () => {
                assert.throws(call, (error: unknown) => error instanceof EvaluationArgumentError && message.test(error.message));
            });
        }
    });
});

describe("acl/evaluate options", () => {
    it("rejects a roles key that is not a role autogroup, naming the fix", () => {
        assert.throws(
            () => evaluatorOf({}, { roles: { "autogroup:admins": ["alice@example.com"] } }),
            (error: unknown) =>
                error instanceof EvaluationArgumentError && /invalid roles key "autogroup:admins": use one of autogroup:owner/.test(error.message),
        );
    });
    it("rejects role members that are not logins", () => {
        assert.throws(
            () => evaluatorOf({}, { roles: { "autogroup:admin": ["alice"] } }),
            (error: unknown) => error instanceof EvaluationArgumentError && /invalid roles\["autogroup:admin"\] \["alice"\]/.test(error.message),
        );
    });
});

describe("acl/evaluate addresses", () => {
    const cases: Array<[string, string | undefined, boolean | undefined]> = [
        ["8.8.8.8", "134744072-134744072", true],
        ["1.2.3.4-1.2.3.9", "16909060-16909065", true],
        ["8.8.8.0/24", "134744064-134744319", true],
        ["10.1.2.3", "167838211-167838211", false],
        ["100.64.0.1", "1681915905-1681915905", false],
        ["192.168.1.1", "3232235777-3232235777", false],
        ["224.0.0.1", "3758096385-3758096385", false],
        // a prefix that contains a private block is not entirely internet
        ["8.0.0.0/5", "134217728-268435455", false],
        ["fd7a:115c:a1e0::1", "336928495290377064170890405512231256065-336928495290377064170890405512231256065", false],
        ["01.2.3.4", undefined, undefined],
        ["1.2.3", undefined, undefined],
        ["256.1.1.1", undefined, undefined],
        ["1.2.3.9-1.2.3.4", undefined, undefined],
    ];
    for (const [text, interval, internet] of cases) {
        it(`reads ${text}`, () => {
            const range = parseAddress(text);
            assert.equal(range === undefined ? undefined : `${range.first}-${range.last}`, interval);
            assert.equal(range === undefined ? undefined : isInternetRange(range), internet);
        });
    }
});

describe("acl/evaluate canReach: a group source", () => {
    // alice is written before bob in the file (in tagOwners), so she has the lower string number;
    // the group lists bob first. Every member must be allowed, and the rule reported is the one
    // that allowed the first member as the group lists them, not in string-number order.
    const policy = {
        tagOwners: { "tag:db": ["alice@example.com"] },
        groups: { "group:ops": ["bob@example.com", "not-a-login", "alice@example.com", "bob@example.com"] },
        acls: [
            { action: "accept", src: ["bob@example.com"], dst: ["tag:db:5432"] },
            { action: "accept", src: ["alice@example.com"], dst: ["tag:db:5432", "tag:db:22"] },
        ],
    };
    const evaluator = evaluatorOf(policy);

    it("is decided by the rule of its first listed member", () => {
        assert.equal(verdict(evaluator.canReach("group:ops", "tag:db", 5432)), "allow acls[0]");
    });

    it("is denied when one member is denied (entries without @ are not members)", () => {
        assert.equal(verdict(evaluator.canReach("group:ops", "tag:db", 22)), "deny");
        assert.equal(verdict(evaluator.canReach("alice@example.com", "tag:db", 22)), "allow acls[1]");
    });

    it("matches a group source by its members, in a test of the file", () => {
        const report = runPolicyTests(parsedOf({ ...policy, tests: [{ src: "group:ops", accept: ["tag:db:5432"], deny: ["tag:db:22"] }] }));
        assert.equal(report.passed, 2);
        assert.deepEqual(report.failed, []);
    });
});
