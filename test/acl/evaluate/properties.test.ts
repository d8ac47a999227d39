/**
 * Property tests over random small policies: (a) adding an accept rule never removes access;
 * (b) the indexed evaluator agrees with a deliberately naive reference evaluator written here,
 * which scans every rule in file order and expands each selector by hand.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { evaluatorOf, sshVerdict, verdict } from "./helpers";

const GROUPS: Record<string, string[]> = { "group:g1": ["u1@x.io", "u2@x.io"], "group:g2": ["u3@x.io"] };
const HOSTS: Record<string, string> = { h1: "100.64.0.1" };
const DEFS = { groups: GROUPS, hosts: HOSTS };

const USERS = ["u1@x.io", "u2@x.io", "u3@x.io"];
const TAGS = ["tag:a", "tag:b"];
const IPS = ["100.64.0.1", "100.64.0.2", "10.1.2.3", "8.8.8.8"];
const SOURCES = [...USERS, ...TAGS, "100.64.0.2", "10.1.2.3"];
const DESTINATIONS = [...USERS, ...TAGS, ...IPS];
const PORTS = [0, 22, 53, 443];
const PROTOS = ["tcp", "udp", "icmp"];

const SRC_SELECTORS = ["*", ...USERS, "group:g1", "group:g2", ...TAGS, "autogroup:member", "autogroup:tagged", "h1", "10.0.0.0/8", "100.64.0.2"];
const DST_SELECTORS = [...SRC_SELECTORS, "autogroup:self", "autogroup:internet"];
const GRANT_IPS = ["*", "tcp:22", "udp:53", "443", "tcp:20-25", "icmp:*", "tcp:80,443"];
const ACL_PORTS = ["*", "22", "80,443", "20-25", "0-53"];
const ACL_PROTOS = [undefined, "tcp", "udp", "icmp"];
const SSH_USERS = ["root", "ubuntu", "autogroup:nonroot"];
const LOCAL_USERS = ["root", "ubuntu"];

type Grant = { src: string[]; dst: string[]; ip: string[] };
type Acl = { action: "accept"; src: string[]; dst: string[]; proto?: string };
type Ssh = { action: "accept" | "check"; src: string[]; dst: string[]; users: string[] };
interface RandomPolicy {
    grantsFirst: boolean;
    grants: Grant[];
    acls: Acl[];
    ssh: Ssh[];
}

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
const someOf = <T>(items: readonly T[]) => fc.uniqueArray(pick(items), { minLength: 1, maxLength: 3 });

const grantArb: fc.Arbitrary<Grant> = fc.record({ src: someOf(SRC_SELECTORS), dst: someOf(DST_SELECTORS), ip: someOf(GRANT_IPS) });
const aclArb: fc.Arbitrary<Acl> = fc
    .record({
        src: someOf(SRC_SELECTORS),
        dst: fc.uniqueArray(fc.tuple(pick(DST_SELECTORS), pick(ACL_PORTS)), { minLength: 1, maxLength: 3 }),
        proto: pick(ACL_PROTOS),
    })
    .map(({ src, dst, proto }) => {
        const acl: Acl = { action: "accept", src, dst: dst.map(([target, ports]) => `${target}:${ports}`) };
        if (proto !== undefined) acl.proto = proto;
        return acl;
    });
const sshArb: fc.Arbitrary<Ssh> = fc.record({
    action: pick(["accept", "check"] as const),
    src: someOf([...USERS, "group:g1", ...TAGS, "autogroup:member"]),
    dst: someOf([...USERS, ...TAGS, "autogroup:self", "h1"]),
    users: someOf(SSH_USERS),
});
const policyArb: fc.Arbitrary<RandomPolicy> = fc.record({
    grantsFirst: fc.boolean(),
    grants: fc.array(grantArb, { maxLength: 4 }),
    acls: fc.array(aclArb, { maxLength: 4 }),
    ssh: fc.array(sshArb, { maxLength: 4 }),
});

function policyObject(policy: RandomPolicy): Record<string, unknown> {
    const rules = policy.grantsFirst ? { grants: policy.grants, acls: policy.acls } : { acls: policy.acls, grants: policy.grants };
    return { ...DEFS, ...rules, ssh: policy.ssh };
}

// ---- The naive reference evaluator -------------------------------------------------------

function ipToNumber(ip: string): number {
    return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** Does a selector cover a concrete principal (as seen from source `src`)? */
function refCovers(selector: string, principal: string, src: string): boolean {
    if (selector === "*") return true;
    if (selector === "autogroup:member") return USERS.includes(principal);
    if (selector === "autogroup:tagged") return TAGS.includes(principal);
    if (selector === "autogroup:self") return USERS.includes(principal) && principal === src;
    if (selector === "autogroup:internet") return principal === "8.8.8.8";
    if (selector in GROUPS) return GROUPS[selector].includes(principal);
    if (selector in HOSTS) return principal === HOSTS[selector];
    if (selector === "10.0.0.0/8") return IPS.includes(principal) && ipToNumber(principal) >>> 24 === 10;
    return selector === principal;
}

function refPortsAllow(ports: string, port: number): boolean {
    if (ports === "*") return true;
    return ports.split(",").some((part) => {
        const [first, last] = part.includes("-") ? part.split("-").map(Number) : [Number(part), Number(part)];
        return first <= port && port <= last;
    });
}

function refGrantIpAllows(ip: string, proto: string, port: number): boolean {
    if (ip === "*") return true;
    if (!ip.includes(":")) return refPortsAllow(ip, port); // default protocols include tcp, udp, icmp
    const [p, ports] = ip.split(":");
    return p === proto && refPortsAllow(ports, port);
}

function refCanReach(policy: RandomPolicy, src: string, dst: string, port: number, proto: string): string {
    const grantRule = (g: Grant, i: number) =>
        g.src.some((s) => refCovers(s, src, src)) &&
        g.dst.some((d) => refCovers(d, dst, src)) &&
        g.ip.some((ip) => refGrantIpAllows(ip, proto, port))
            ? `allow grants[${i}]`
            : undefined;
    const aclRule = (a: Acl, i: number) =>
        (a.proto === undefined || a.proto === proto) &&
        a.src.some((s) => refCovers(s, src, src)) &&
        a.dst.some((d) => {
            const colon = d.lastIndexOf(":");
            return refCovers(d.slice(0, colon), dst, src) && refPortsAllow(d.slice(colon + 1), port);
        })
            ? `allow acls[${i}]`
            : undefined;
    const grants = policy.grants.map(grantRule);
    const acls = policy.acls.map(aclRule);
    const ordered = policy.grantsFirst ? [...grants, ...acls] : [...acls, ...grants];
    return ordered.find((v) => v !== undefined) ?? "deny";
}

function refSsh(policy: RandomPolicy, src: string, dst: string, user: string): string {
    const matches = policy.ssh
        .map((rule, i) => ({ rule, i }))
        .filter(
            ({ rule }) =>
                rule.src.some((s) => refCovers(s, src, src)) &&
                rule.dst.some((d) => refCovers(d, dst, src)) &&
                rule.users.some((u) => u === user || (u === "autogroup:nonroot" && user !== "root")),
        );
    const accept = matches.find(({ rule }) => rule.action === "accept");
    if (accept !== undefined) return `accept ssh[${accept.i}]`;
    return matches.length > 0 ? `check ssh[${matches[0].i}]` : "deny";
}

// ---- Properties ---------------------------------------------------------------------------

const SSH_SOURCES = [...USERS, ...TAGS];
const SSH_DESTINATIONS = [...USERS, ...TAGS, "100.64.0.1"];

describe("acl/evaluate properties", () => {
    it("agrees with the naive reference evaluator on random small policies", () => {
        fc.assert(
            fc.property(policyArb, (policy) => {
                const evaluator = evaluatorOf(policyObject(policy));
                for (const src of SOURCES)
                    for (const dst of DESTINATIONS)
                        for (const port of PORTS)
                            for (const proto of PROTOS) {
                                const actual = verdict(evaluator.canReach(src, dst, port, proto));
                                assert.equal(actual, refCanReach(policy, src, dst, port, proto), `${src} -> ${dst}:${port}/${proto}`);
                            }
                for (const src of SSH_SOURCES)
                    for (const dst of SSH_DESTINATIONS)
                        for (const user of LOCAL_USERS) {
                            const actual = sshVerdict(evaluator.sshAction(src, dst, user));
                            assert.equal(actual, refSsh(policy, src, dst, user), `ssh ${src} -> ${dst} as ${user}`);
                        }
            }),
            { seed: 20261125, numRuns: 60 },
        );
    });

    it("never removes access when an accept rule is added", () => {
        const extraArb = fc.oneof(
            grantArb.map((rule) => ({ section: "grants" as const, rule })),
            aclArb.map((rule) => ({ section: "acls" as const, rule })),
            sshArb.map((rule) => ({ section: "ssh" as const, rule: { ...rule, action: "accept" as const } })),
        );
        fc.assert(
            fc.property(policyArb, extraArb, fc.nat(), (policy, extra, at) => {
                const list = [...(policy[extra.section] as unknown[])];
                list.splice(at % (list.length + 1), 0, extra.rule);
                const widened: RandomPolicy = { ...policy, [extra.section]: list };
                const before = evaluatorOf(policyObject(policy));
                const after = evaluatorOf(policyObject(widened));
                for (const src of SOURCES)
                    for (const dst of DESTINATIONS)
                        for (const port of PORTS) {
                            if (before.canReach(src, dst, port).allowed) {
                                assert.ok(after.canReach(src, dst, port).allowed, `${src} -> ${dst}:${port} lost`);
                            }
                        }
                const rank = { deny: 0, check: 1, accept: 2 } as const;
                for (const src of SSH_SOURCES)
                    for (const dst of SSH_DESTINATIONS)
                        for (const user of LOCAL_USERS) {
                            const was = rank[before.sshAction(src, dst, user).action];
                            assert.ok(rank[after.sshAction(src, dst, user).action] >= was, `ssh ${src} -> ${dst} as ${user} weakened`);
                        }
            }),
            { seed: 42, numRuns: 60 },
        );
    });
});
