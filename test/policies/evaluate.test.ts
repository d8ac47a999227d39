/** How a rule's outcome is decided: unknowns, invalid config and failing rules never pass silently. */
import * as assert from "assert";
import { evaluateResourceRule, evaluateStackRule } from "../../policies/evaluate";
import { packConfigErrors, ruleConfigErrors } from "../../policies/configValidation";
import type { ResourceRule, StackRule } from "../../policies/rule";
import { allRules, authKeyExpiry, tailnetExternalTailnets } from "../../policies/rules";
import { guardUnknowns, innermost, UNKNOWN_SENTINELS, UnknownPropertyError } from "../../policies/unknowns";
import { patched } from "../../policies/values";
import { resource, UNKNOWN } from "./helpers";

const KEY = "tailscale:index/tailnetKey:TailnetKey";

describe("policies/unknowns", () => {
    it("uses exactly the sentinels @pulumi/policy uses", () => {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const sdk = require("@pulumi/policy/proxy") as Record<string, unknown>;
        const sdkSentinels = Object.entries(sdk).filter(([k]) => /^unknown[A-Z]\w*Value$/.test(k)).map(([, v]) => v);
        assert.deepStrictEqual([...UNKNOWN_SENTINELS].sort(), (sdkSentinels as string[]).sort());
    });

    it("names the full path of an unknown, through objects and arrays", () => {
        const guarded = guardUnknowns({ a: { b: [1, UNKNOWN] } }, "res");
        assert.strictEqual(guarded.a.b[0], 1);
        assert.throws(() => guarded.a.b[1], (e: unknown) => e instanceof UnknownPropertyError && e.path === "a.b[1]" && e.resourceName === "res");
        assert.ok(Array.isArray(guarded.a.b));
        assert.deepStrictEqual(Object.keys(guarded), ["a"]);
    });

    it("lets a remediation copy the inputs without reading unknown fields it does not change", () => {
        const props = guardUnknowns({ reusable: true, tags: UNKNOWN }, "k");
        assert.deepStrictEqual(patched(props, { ephemeral: true }), { reusable: true, tags: UNKNOWN, ephemeral: true });
        assert.deepStrictEqual(innermost(props), { reusable: true, tags: UNKNOWN });
    });
});

describe("policies/evaluate", () => {
    it("reports invalid config as an error naming the setting, instead of running the rule", () => {
        const outcome = evaluateResourceRule(authKeyExpiry, resource(KEY, "k", { expiry: 60 }), { maxSeconds: "long" });
        assert.deepStrictEqual(outcome, { kind: "error", message: 'invalid policy config: auth-key-expiry.maxSeconds is "long" (string): expected an integer' });
    });

    it("fails closed when a rule throws", () => {
        const broken: ResourceRule = { ...authKeyExpiry, name: "broken", check: () => { throw new Error("boom"); } };
        assert.deepStrictEqual(evaluateResourceRule(broken, resource(KEY, "k", {})), {
            kind: "error",
            message: "rule broken could not check k (boom); treated as a violation.",
        });
        const brokenStack: StackRule = { ...authKeyExpiry, kind: "stack", name: "broken-stack", check: () => { throw new Error("bad"); } };
        assert.strictEqual(evaluateStackRule(brokenStack, []).kind, "error");
    });

    it("recognises @pulumi/policy's own UnknownValueError as cannot-verify", () => {
        const { UnknownValueError } = require("@pulumi/policy/proxy") as { UnknownValueError: new (s: string, p: string[]) => Error };
        const rule: ResourceRule = { ...authKeyExpiry, check: () => { throw new UnknownValueError(UNKNOWN, ["expiry"]); } };
        const outcome = evaluateResourceRule(rule, resource(KEY, "k", {}));
        assert.strictEqual(outcome.kind, "unknown");
        assert.match((outcome as { message: string }).message, /^cannot verify expiry of k until apply/);
    });
});

describe("policies/configValidation", () => {
    it("accepts every rule's defaults", () => {
        for (const rule of allRules) {
            const defaults = Object.fromEntries(Object.entries(rule.config ?? {}).map(([k, p]) => [k, p.default]));
            assert.deepStrictEqual(ruleConfigErrors(rule, defaults), [], rule.name);
        }
    });

    it("checks item types and enums", () => {
        assert.deepStrictEqual(ruleConfigErrors(tailnetExternalTailnets, { allowedRoles: ["none", "owner", 3] }), [
            'tailnet-external-tailnets.allowedRoles[1] is "owner": expected one of "none", "admin", "member"',
            "tailnet-external-tailnets.allowedRoles[2] is 3 (integer): expected a string",
        ]);
    });

    it("checks enforcement levels and policy names in a whole config", () => {
        assert.deepStrictEqual(packConfigErrors(allRules, { "auth-key-expiry": { enforcementLevel: "strict" }, nope: {} }), [
            'auth-key-expiry: enforcement level "strict" is not one of advisory, mandatory, remediate, disabled',
            'no policy named "nope" in the tailnet-guard pack',
        ]);
    });
});

describe("rule metadata", () => {
    it("every rule has complete metadata, a unique kebab-case name and https links", () => {
        const names = new Set<string>();
        for (const rule of allRules) {
            assert.match(rule.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
            assert.ok(!names.has(rule.name), `duplicate ${rule.name}`);
            names.add(rule.name);
            assert.ok(rule.description.length > 10 && rule.rationale.length > 20 && rule.remediationSteps.length > 10, rule.name);
            assert.match(rule.url, /^https:\/\//);
            assert.match(rule.responsibility, /^R[1-6]$/);
            for (const [key, property] of Object.entries(rule.config ?? {})) {
                assert.ok(property.description.length > 0 && property.default !== undefined, `${rule.name}.${key}`);
            }
        }
    });

    it("covers every responsibility R1-R6", () => {
        assert.deepStrictEqual([...new Set(allRules.map((r) => r.responsibility))].sort(), ["R1", "R2", "R3", "R4", "R5", "R6"]);
    });
});

describe("test coverage of the rules", () => {
    it("every resource rule of this pack (not the policy-file rules) has a violating fixture that violates it", () => {
        const { VIOLATING } = require("./violatingFixtures") as typeof import("./violatingFixtures");
        const { policyFileRules } = require("../../policies/rules") as typeof import("../../policies/rules");
        const policyFile = new Set(policyFileRules.map((r) => r.name));
        const own = allRules.filter((r) => r.kind === "resource" && !policyFile.has(r.name)).map((r) => r.name);
        assert.deepStrictEqual(Object.keys(VIOLATING).sort(), [...own].sort());
        for (const rule of allRules) {
            const fixture = VIOLATING[rule.name];
            if (!fixture || rule.kind !== "resource") continue;
            const outcome = evaluateResourceRule(rule, resource(fixture.type, "r", fixture.properties, { opts: { additionalSecretOutputs: fixture.additionalSecretOutputs } }));
            assert.ok(outcome.kind === "checked" && outcome.violations.length > 0, `${rule.name}: ${JSON.stringify(outcome)}`);
        }
    });
});

describe("policies/configValidation edge values", () => {
    it("rejects NaN and infinities for number settings", () => {
        assert.deepStrictEqual(ruleConfigErrors(authKeyExpiry, { maxSeconds: Number.NaN }), ["auth-key-expiry.maxSeconds is NaN: expected a finite integer"]);
        assert.strictEqual(ruleConfigErrors(authKeyExpiry, { maxSeconds: Infinity }).length, 1);
    });

    it('treats "constructor", "toString" and "__proto__" as unknown settings, not schema entries', () => {
        for (const key of ["constructor", "toString", "hasOwnProperty", "__proto__"]) {
            const settings = JSON.parse(`{"${key}": 1}`) as Record<string, unknown>;
            assert.deepStrictEqual(ruleConfigErrors(authKeyExpiry, settings), [`auth-key-expiry: unknown setting "${key}"; its settings are maxSeconds`], key);
        }
    });
});
