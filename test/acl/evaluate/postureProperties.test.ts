/**
 * Property: on random policies whose rules carry srcPosture (or inherit defaultSrcPosture), a query
 * with posture attributes decides exactly as the same query on the policy "resolved" by hand: every
 * rule whose posture the device fails gets an empty src (so file positions stay), and every posture
 * field is removed. The postures are built from conditions whose truth is written out here as plain
 * functions, independently of posture.ts.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { evaluatorOf, sshVerdict, verdict } from "./helpers";

type Attrs = Record<string, string | number | boolean>;

const VERSION_RANK: Record<string, number> = { "1.79.9": 0, "1.80": 1, "1.80.2": 2, "1.100.0": 3 };

/** Conditions with their meaning, written by hand. */
const CONDITIONS: Record<string, (a: Attrs) => boolean> = {
    "node:os == 'macos'": (a) => a["node:os"] === "macos",
    "node:os NOT IN ['ios', 'android']": (a) => "node:os" in a && !["ios", "android"].includes(a["node:os"] as string),
    "node:tsVersion >= '1.80'": (a) => typeof a["node:tsVersion"] === "string" && VERSION_RANK[a["node:tsVersion"]] >= 1,
    "node:tsVersion < '1.80.2'": (a) => typeof a["node:tsVersion"] === "string" && VERSION_RANK[a["node:tsVersion"]] < 2,
    "node:tsAutoUpdate": (a) => a["node:tsAutoUpdate"] === true,
    "custom:tier NOT SET": (a) => !("custom:tier" in a),
    "custom:tier IS SET": (a) => "custom:tier" in a,
    "custom:score > 50": (a) => typeof a["custom:score"] === "number" && a["custom:score"] > 50,
    "custom:tier != 'lab'": (a) => "custom:tier" in a && a["custom:tier"] !== "lab",
};
const CONDITION_TEXTS = Object.keys(CONDITIONS);
const POSTURE_NAMES = ["posture:p1", "posture:p2", "posture:p3", "posture:undefined"];
const DEFINED = POSTURE_NAMES.slice(0, 3);

const USERS = ["u1@x.io", "u2@x.io"];
const TAGS = ["tag:a", "tag:b"];
const SOURCES = [...USERS, ...TAGS];
const PORTS = [22, 443];

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
/** undefined (no own srcPosture, so the default applies), [] or some posture names. */
const srcPostureArb = fc.oneof(fc.constant(undefined), fc.constant([] as string[]), fc.uniqueArray(pick(POSTURE_NAMES), { minLength: 1, maxLength: 2 }));
const srcArb = fc.uniqueArray(pick(["*", ...USERS, ...TAGS, "autogroup:member"]), { minLength: 1, maxLength: 2 });

const grantArb = fc.record({ src: srcArb, dst: fc.uniqueArray(pick(["*", ...TAGS, ...USERS]), { minLength: 1, maxLength: 2 }), ip: fc.uniqueArray(pick(["*", "tcp:22", "443"]), { minLength: 1, maxLength: 2 }), srcPosture: srcPostureArb });
const aclArb = fc.record({ src: srcArb, dst: fc.uniqueArray(pick(["tag:a:22", "tag:b:*", "u1@x.io:443"]), { minLength: 1, maxLength: 2 }), srcPosture: srcPostureArb });
const sshArb = fc.record({ action: pick(["accept", "check"] as const), src: fc.uniqueArray(pick([...USERS, ...TAGS]), { minLength: 1, maxLength: 2 }), dst: fc.uniqueArray(pick(TAGS), { minLength: 1, maxLength: 2 }), users: fc.constant(["root"]), srcPosture: srcPostureArb });

const policyArb = fc.record({
    postures: fc.record({
        "posture:p1": fc.uniqueArray(pick(CONDITION_TEXTS), { maxLength: 3 }),
        "posture:p2": fc.uniqueArray(pick(CONDITION_TEXTS), { minLength: 1, maxLength: 3 }),
        "posture:p3": fc.uniqueArray(pick(CONDITION_TEXTS), { minLength: 1, maxLength: 3 }),
    }),
    defaultSrcPosture: fc.option(fc.uniqueArray(pick(POSTURE_NAMES), { maxLength: 2 }), { nil: undefined }),
    grants: fc.array(grantArb, { maxLength: 3 }),
    acls: fc.array(aclArb, { maxLength: 3 }),
    ssh: fc.array(sshArb, { maxLength: 3 }),
});

const attrsArb: fc.Arbitrary<Attrs> = fc.record(
    {
        "node:os": pick(["macos", "ios", "linux"]),
        "node:tsVersion": pick(Object.keys(VERSION_RANK)),
        "node:tsAutoUpdate": fc.boolean(),
        "custom:tier": pick(["lab", "prod"]),
        "custom:score": pick([10, 70]),
    },
    { requiredKeys: [] },
);

type Rule = { src: string[]; srcPosture?: string[] } & Record<string, unknown>;

/** The reference gate: own srcPosture replaces the default; [] or absent-with-no-default means no gate. */
function refAdmits(rule: Rule, defaults: string[] | undefined, postures: Record<string, string[]>, attrs: Attrs): boolean {
    const list = rule.srcPosture ?? defaults;
    if (list === undefined || list.length === 0) return true;
    return list.some((name) => DEFINED.includes(name) && postures[name].every((text) => CONDITIONS[text](attrs)));
}

function withoutUndefined(rule: Rule): Rule {
    const out: Rule = { ...rule };
    if (out.srcPosture === undefined) delete out.srcPosture;
    return out;
}

describe("acl/evaluate posture gates agree with a hand-resolved policy", () => {
    it("canReach and sshAction with attributes equal the resolved policy without posture", () => {
        fc.assert(
            fc.property(policyArb, attrsArb, (policy, attrs) => {
                const gated: Record<string, unknown> = {
                    postures: policy.postures,
                    grants: policy.grants.map(withoutUndefined),
                    acls: policy.acls.map((acl) => withoutUndefined({ action: "accept", ...acl })),
                    ssh: policy.ssh.map(withoutUndefined),
                };
                if (policy.defaultSrcPosture !== undefined) gated.defaultSrcPosture = policy.defaultSrcPosture;
                const resolve = (rule: Rule): Rule => {
                    const { srcPosture: _ignored, ...rest } = rule;
                    return refAdmits(rule, policy.defaultSrcPosture, policy.postures, attrs) ? rest : { ...rest, src: [] };
                };
                const resolved = {
                    grants: policy.grants.map(resolve),
                    acls: policy.acls.map((acl) => resolve({ action: "accept", ...acl })),
                    ssh: policy.ssh.map(resolve),
                };
                const withPosture = evaluatorOf(gated);
                const reference = evaluatorOf(resolved);
                for (const src of SOURCES) {
                    for (const dst of [...TAGS, ...USERS]) {
                        for (const port of PORTS) {
                            assert.equal(
                                verdict(withPosture.canReach(src, dst, port, "tcp", { postureAttrs: attrs })),
                                verdict(reference.canReach(src, dst, port, "tcp")),
                                `${src} -> ${dst}:${port} with ${JSON.stringify(attrs)}`,
                            );
                        }
                        if (TAGS.includes(dst)) {
                            assert.equal(
                                sshVerdict(withPosture.sshAction(src, dst, "root", { postureAttrs: attrs })),
                                sshVerdict(reference.sshAction(src, dst, "root")),
                                `ssh ${src} -> ${dst} with ${JSON.stringify(attrs)}`,
                            );
                        }
                    }
                }
            }),
            { seed: 1288, numRuns: 150 },
        );
    });
});
