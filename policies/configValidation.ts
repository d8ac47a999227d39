/**
 * Checks policy config against the rules' schemas. @pulumi/policy stores whatever Configure sends without
 * checking it (node_modules/@pulumi/policy/server.js, `configure`); the Pulumi CLI checks config against
 * the schemas it got from GetAnalyzerInfo, but other callers need not. The pack therefore checks too:
 * analyzerHooks.ts rejects a bad Configure call, and evaluate.ts refuses to run a rule on bad config.
 */
import type { ConfigProperty, EnforcementLevel, Rule, RuleConfig } from "./rule";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

function typeOf(value: unknown): string {
    if (Array.isArray(value)) return "array";
    if (value === null) return "null";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
}

function fits(expected: string, value: unknown): boolean {
    const actual = typeOf(value);
    return actual === expected || (expected === "number" && actual === "integer");
}

/** The JSON-schema subset policy config uses; also what GetAnalyzerInfo reports for any pack. */
export type ConfigValueSchema = Pick<ConfigProperty, "type" | "minimum" | "maximum" | "enum" | "items">;

/** Problems with one setting's value against its schema; empty when it fits. Shared with the CLI's config check. */
export function configValueErrors(where: string, schema: ConfigValueSchema, value: unknown): string[] {
    const errors: string[] = [];
    checkValue(where, schema, value, errors);
    return errors;
}

function checkValue(where: string, schema: ConfigValueSchema, value: unknown, errors: string[]): void {
    // A gRPC Struct number is a double, so NaN and infinities can arrive; no setting means either.
    if (typeof value === "number" && !Number.isFinite(value)) {
        errors.push(`${where} is ${String(value)}: expected a finite ${schema.type === "integer" ? "integer" : "number"}`);
        return;
    }
    if (!fits(schema.type, value)) {
        errors.push(`${where} is ${JSON.stringify(value)} (${typeOf(value)}): expected ${schema.type === "integer" ? "an integer" : `a ${schema.type}`}`);
        return;
    }
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum) {
            errors.push(`${where} is ${value}: the minimum is ${schema.minimum}`);
        }
        if (schema.maximum !== undefined && value > schema.maximum) {
            errors.push(`${where} is ${value}: the maximum is ${schema.maximum}`);
        }
    }
    if (schema.enum && !schema.enum.includes(value)) {
        errors.push(`${where} is ${JSON.stringify(value)}: expected one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`);
    }
    if (Array.isArray(value) && schema.items) {
        const items = schema.items;
        value.forEach((item, i) => checkValue(`${where}[${i}]`, { type: items.type as ConfigProperty["type"], enum: items.enum }, item, errors));
    }
}

/** Problems with one rule's settings (enforcementLevel excluded); empty when they fit the schema. */
export function ruleConfigErrors(rule: Rule, supplied: RuleConfig): string[] {
    const errors: string[] = [];
    const schema = rule.config ?? {};
    for (const [key, value] of Object.entries(supplied)) {
        if (key === "enforcementLevel") {
            continue;
        }
        // Own properties only: "constructor" or "__proto__" must not find Object.prototype members.
        const property = Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
        if (!property) {
            const known = Object.keys(schema);
            errors.push(
                `${rule.name}: unknown setting "${key}"` + (known.length ? `; its settings are ${known.join(", ")}` : "; it takes no settings"),
            );
            continue;
        }
        checkValue(`${rule.name}.${key}`, property, value, errors);
    }
    return errors;
}

/** Problems with a whole Configure request: { policyName: { enforcementLevel, ...settings } }. */
export function packConfigErrors(rules: readonly Rule[], config: Record<string, Record<string, unknown>>): string[] {
    const byName = new Map(rules.map((rule) => [rule.name, rule]));
    const errors: string[] = [];
    for (const [name, settings] of Object.entries(config)) {
        const rule = byName.get(name);
        if (!rule) {
            errors.push(`no policy named "${name}" in the tailnet-guard pack`);
            continue;
        }
        const level = settings.enforcementLevel;
        if (level !== undefined && !ENFORCEMENT_LEVELS.includes(level as EnforcementLevel)) {
            errors.push(`${name}: enforcement level ${JSON.stringify(level)} is not one of ${ENFORCEMENT_LEVELS.join(", ")}`);
        }
        errors.push(...ruleConfigErrors(rule, settings));
    }
    return errors;
}

export class PolicyConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(`invalid tailnet-guard policy config: ${problems.join("; ")}`);
        this.name = "PolicyConfigError";
    }
}
