/**
 * Policy config of every wrong kind, generated from the rules' own schemas (policies/rules allRules):
 * the CLI's normalisePackConfig must throw a PackConfigError naming the rule and the setting, and the
 * pack's own guard (configValidation.ts packConfigErrors, used by analyzerHooks.ts at Configure) must
 * report a problem naming them too. Never a crash, never a silent pass.
 */
import assert from "node:assert/strict";
import { normalisePackConfig, PackConfigError } from "../../cli/packConfig";
import type { AnalyzerInfo } from "../../cli/policyPackHost";
import { packConfigErrors } from "../../policies/configValidation";
import { validatingConfigure } from "../../policies/analyzerHooks";
import type { ConfigProperty, Rule } from "../../policies/rule";
import { allRules } from "../../policies/rules";

/** The pack as GetAnalyzerInfo describes it: each rule's config is its schema's properties (sdkAdapter.ts). */
const INFO: AnalyzerInfo = {
    name: "tailnet-guard",
    version: "0.0.0",
    supportsConfig: true,
    initialConfig: {},
    policies: allRules.map((rule) => ({
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        severity: rule.severity,
        tags: [],
        url: rule.url,
        remediationSteps: rule.remediationSteps,
        configSchema: rule.config ? { properties: rule.config as Record<string, unknown>, required: [] } : undefined,
    })),
};

/** Values of every JSON kind (and a few JavaScript-only ones) that do not fit `property`. */
function wrongValues(property: ConfigProperty): Array<{ label: string; value: unknown }> {
    const all: Array<{ label: string; value: unknown }> = [
        { label: "a string", value: "ten" },
        { label: "an empty string", value: "" },
        { label: "a boolean", value: true },
        { label: "null", value: null },
        { label: "an object", value: { value: 1 } },
        { label: "a list", value: [] },
        { label: "an integer", value: 10 },
        { label: "a fraction", value: 1.5 },
        { label: "NaN", value: Number.NaN },
        { label: "Infinity", value: Number.POSITIVE_INFINITY },
        { label: "-Infinity", value: Number.NEGATIVE_INFINITY },
        { label: "undefined", value: undefined },
    ];
    const fits = (value: unknown): boolean => {
        switch (property.type) {
            case "integer":
                return Number.isInteger(value);
            case "number":
                return typeof value === "number" && !Number.isNaN(value);
            case "array":
                return Array.isArray(value);
            case "object":
                return typeof value === "object" && value !== null && !Array.isArray(value);
            default:
                return typeof value === property.type;
        }
    };
    const inRange = (value: unknown): boolean =>
        typeof value !== "number" || ((property.minimum === undefined || value >= property.minimum) && (property.maximum === undefined || value <= property.maximum));
    const out = all.filter(({ value }) => !fits(value) || !inRange(value));
    if (property.minimum !== undefined) out.push({ label: "below the minimum", value: property.minimum - 1 });
    if (property.maximum !== undefined) out.push({ label: "above the maximum", value: property.maximum + 1 });
    if (property.type === "array" && property.items) {
        const wrongItem = property.items.type === "string" ? 5 : "five";
        out.push({ label: "a list with an item of the wrong type", value: [wrongItem] });
        out.push({ label: "a list with a null item", value: [null] });
        if (property.items.enum) out.push({ label: "a list with an item outside the enum", value: ["no-such-value"] });
    }
    return out;
}

function configuredRules(): Array<{ rule: Rule; key: string; property: ConfigProperty }> {
    return allRules.flatMap((rule) => Object.entries(rule.config ?? {}).map(([key, property]) => ({ rule, key, property })));
}

function expectPackConfigError(raw: unknown, mentions: string[]): void {
    assert.throws(
        () => normalisePackConfig(raw, INFO, "config.json"),
        (error: unknown) => {
            assert.ok(error instanceof PackConfigError, `expected a PackConfigError, got ${String(error)}`);
            assert.ok(error.message.startsWith("config.json: "), error.message);
            for (const fragment of mentions) assert.ok(error.message.includes(fragment), `${JSON.stringify(error.message)} does not mention ${fragment}`);
            return true;
        },
    );
}

function expectGuardProblem(config: Record<string, Record<string, unknown>>, mentions: string[]): void {
    const problems = packConfigErrors(allRules, config);
    assert.ok(problems.length > 0, `the pack's guard accepted ${JSON.stringify(config)}`);
    const text = problems.join("; ");
    for (const fragment of mentions) assert.ok(text.includes(fragment), `${JSON.stringify(text)} does not mention ${fragment}`);
}

describe("bad-input corpus: policy config of wrong types", () => {
    it("every rule with settings is covered", () => {
        assert.ok(configuredRules().length >= 10, "expected the pack's configurable rules");
    });

    for (const { rule, key, property } of configuredRules()) {
        describe(`${rule.name}.${key} (${property.type})`, () => {
            for (const { label, value } of wrongValues(property)) {
                it(`refuses ${label}`, () => {
                    const setting = { enforcementLevel: "mandatory", [key]: value };
                    expectPackConfigError({ [rule.name]: setting }, [`${rule.name}.${key}`]);
                    expectGuardProblem({ [rule.name]: setting }, [`${rule.name}.${key}`]);
                });
            }
        });
    }

    describe("unknown rule names", () => {
        for (const name of ["no-such-rule", "", "Tailnet-Key-Expiry", " tailnet-key-expiry", "toString", "constructor", "__proto__"]) {
            it(`refuses ${JSON.stringify(name)}`, () => {
                // JSON.parse makes "__proto__" an own key, as a config file would.
                const raw = JSON.parse(`{${JSON.stringify(name)}: "mandatory"}`);
                expectPackConfigError(raw, [`no policy named "${name}"`, "tailnet-guard policies"]);
                expectGuardProblem(JSON.parse(`{${JSON.stringify(name)}: {"enforcementLevel": "mandatory"}}`), [`no policy named "${name}"`]);
            });
        }
    });

    describe("unknown settings", () => {
        const configurable = configuredRules()[0].rule.name;
        const unconfigurable = allRules.find((rule) => rule.config === undefined)!.name;
        for (const [rule, key] of [
            [configurable, "maxdays"],
            [unconfigurable, "strict"],
        ] as const) {
            it(`refuses ${rule}.${key}`, () => {
                const raw = { [rule]: { enforcementLevel: "mandatory", [key]: 1 } };
                expectPackConfigError(raw, [rule, `unknown setting "${key}"`]);
                expectGuardProblem(raw, [rule, `unknown setting "${key}"`]);
            });
        }
        // Names of Object.prototype members must read as unknown settings, not as schemas.
        for (const key of ["constructor", "toString", "hasOwnProperty", "__proto__"]) {
            it(`refuses the setting ${JSON.stringify(key)}`, () => {
                const raw = JSON.parse(`{"${configurable}": {"enforcementLevel": "mandatory", ${JSON.stringify(key)}: 1}}`);
                expectPackConfigError(raw, [configurable, `unknown setting "${key}"`]);
                expectGuardProblem(raw, [configurable, `unknown setting "${key}"`]);
            });
        }
    });

    describe("bad enforcement levels", () => {
        const rule = allRules[0].name;
        for (const level of ["warn", "Mandatory", "", " advisory", 5, true, ["advisory"], { level: "advisory" }]) {
            it(`refuses ${JSON.stringify(level)} for "all", as a rule's level, and as its enforcementLevel`, () => {
                expectPackConfigError({ all: level }, ['"all"', "enforcement level", "advisory, mandatory, remediate, disabled"]);
                if (typeof level === "string") expectPackConfigError({ [rule]: level }, [rule, "enforcement level", JSON.stringify(level)]);
                else expectPackConfigError({ [rule]: level }, [rule]);
                expectPackConfigError({ [rule]: { enforcementLevel: level } }, [rule, "enforcement level"]);
                expectGuardProblem({ [rule]: { enforcementLevel: level } }, [rule, "enforcement level"]);
            });
        }
        it("refuses null as a rule's setting", () => expectPackConfigError({ [rule]: null }, [rule, "expected an enforcement level or an object of settings"]));
    });

    describe("a config that is not an object", () => {
        for (const raw of [null, undefined, [], ["all"], "mandatory", 5, true]) {
            it(`refuses ${JSON.stringify(raw) ?? "undefined"}`, () => expectPackConfigError(raw, ["expected a JSON object of policy names to settings"]));
        }
    });

    describe("the pack's Configure guard", () => {
        function call(config: Record<string, { level: number; properties?: Record<string, unknown> | (() => never) }>) {
            return {
                request: {
                    getPolicyconfigMap: () => ({
                        entries: () =>
                            Object.entries(config).map(([name, entry]) => [
                                name,
                                {
                                    getEnforcementlevel: () => entry.level,
                                    getProperties: () => ({
                                        toJavaScript: () => (typeof entry.properties === "function" ? entry.properties() : entry.properties ?? {}),
                                    }),
                                },
                            ]) as Iterable<[string, never]>,
                    }),
                },
            };
        }

        function configure(config: Parameters<typeof call>[0]): { error: { code: number; details: string } | null; forwarded: boolean } {
            let forwarded = false;
            let error: { code: number; details: string } | null = null;
            const guarded = validatingConfigure(allRules, () => (forwarded = true), 3);
            guarded(call(config), (e) => (error = e));
            return { error, forwarded };
        }

        it("refuses a wrong-typed setting with INVALID_ARGUMENT naming the rule and setting, and does not forward it", () => {
            const { error, forwarded } = configure({ "tailnet-key-expiry": { level: 1, properties: { maxDays: "ninety" } } });
            assert.equal(forwarded, false);
            assert.equal(error?.code, 3);
            assert.match(error!.details, /tailnet-key-expiry\.maxDays is "ninety"/);
        });

        it("refuses an enforcement level number outside the proto enum", () => {
            const { error, forwarded } = configure({ "tailnet-key-expiry": { level: 9 } });
            assert.equal(forwarded, false);
            assert.match(error!.details, /tailnet-key-expiry: enforcement level "level 9"/);
        });

        it("turns a request it cannot read into INVALID_ARGUMENT instead of a crash", () => {
            const { error, forwarded } = configure({
                "tailnet-key-expiry": {
                    level: 1,
                    properties: () => {
                        throw new TypeError("bad struct");
                    },
                },
            });
            assert.equal(forwarded, false);
            assert.match(error!.details, /unreadable policy config \(bad struct\)/);
        });

        it("forwards a valid config", () => {
            const { error, forwarded } = configure({ "tailnet-key-expiry": { level: 1, properties: { maxDays: 30 } } });
            assert.equal(error, null);
            assert.equal(forwarded, true);
        });
    });
});
