/**
 * Policy pack config in the format of `pulumi preview --policy-pack-config file.json`:
 *   { "all": "advisory", "tailnet-key-expiry": { "enforcementLevel": "mandatory", "maxDays": 30 },
 *     "webhook-https": "disabled" }
 * https://www.pulumi.com/docs/iac/using-pulumi/crossguard/configuration/
 * Checked against the schemas the pack reports, as the Pulumi CLI does before it calls Configure.
 */
import * as fs from "fs";
import { configValueErrors, type ConfigValueSchema } from "../policies/configValidation";
import type { AnalyzerInfo, EnforcementLevel, PolicyConfig } from "./policyPackHost";

export class PackConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PackConfigError";
    }
}

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export function readPackConfigFile(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new PackConfigError(`cannot read policy config ${file}: ${(error as Error).message}`);
    }
    try {
        return JSON.parse(text);
    } catch (error) {
        throw new PackConfigError(`${file}: not valid JSON (${(error as Error).message})`);
    }
}

function checkLevel(where: string, value: unknown): EnforcementLevel {
    if (typeof value !== "string" || !LEVELS.includes(value as EnforcementLevel)) {
        throw new PackConfigError(`${where}: enforcement level ${JSON.stringify(value)} is not one of ${LEVELS.join(", ")}`);
    }
    return value as EnforcementLevel;
}

/** Validates raw config against the pack's policies and returns what Configure takes. */
export function normalisePackConfig(raw: unknown, info: AnalyzerInfo, source = "policy config"): PolicyConfig {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        throw new PackConfigError(`${source}: expected a JSON object of policy names to settings`);
    }
    const policies = new Map(info.policies.map((p) => [p.name, p]));
    const entries = raw as Record<string, unknown>;
    const result: PolicyConfig = {};
    const allLevel = entries.all === undefined ? undefined : checkLevel(`${source}: "all"`, entries.all);
    for (const policy of info.policies) {
        if (allLevel !== undefined) {
            result[policy.name] = { enforcementLevel: allLevel };
        }
    }
    for (const [name, setting] of Object.entries(entries)) {
        if (name === "all") {
            continue;
        }
        const policy = policies.get(name);
        if (!policy) {
            throw new PackConfigError(`${source}: no policy named "${name}" in pack ${info.name}; run \`tailnet-guard policies\` for the list`);
        }
        const where = `${source}: ${name}`;
        if (typeof setting === "string") {
            result[name] = { enforcementLevel: checkLevel(where, setting) };
            continue;
        }
        if (typeof setting !== "object" || setting === null || Array.isArray(setting)) {
            throw new PackConfigError(`${where}: expected an enforcement level or an object of settings`);
        }
        const { enforcementLevel, ...properties } = setting as Record<string, unknown>;
        const level = enforcementLevel === undefined ? result[name]?.enforcementLevel ?? policy.enforcementLevel : checkLevel(where, enforcementLevel);
        const schema = policy.configSchema?.properties ?? {};
        for (const [key, value] of Object.entries(properties)) {
            // Own properties only: "constructor" or "__proto__" must not find Object.prototype members.
            const propertySchema = Object.prototype.hasOwnProperty.call(schema, key) ? (schema[key] as ConfigValueSchema) : undefined;
            if (!propertySchema) {
                const known = Object.keys(schema);
                throw new PackConfigError(
                    `${where}: unknown setting "${key}"` + (known.length ? `; settings are ${known.join(", ")}` : "; this policy takes none"),
                );
            }
            const [problem] = configValueErrors(`${where}.${key}`, propertySchema, value);
            if (problem !== undefined) {
                throw new PackConfigError(problem);
            }
        }
        result[name] = { enforcementLevel: level, ...properties };
    }
    return result;
}
