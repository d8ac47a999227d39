/**
 * The policy config of the last Configure call the SDK accepted, as the SDK's own handlers see it
 * (node_modules/@pulumi/policy/server.js, `configure`: policy name -> settings plus enforcementLevel).
 * The routed handlers (routedHandlers.ts) read levels and settings from here.
 */
export type PolicyConfigs = Record<string, Record<string, unknown>>;

let accepted: PolicyConfigs = {};
let version = 0;

export function recordAcceptedConfig(config: PolicyConfigs): void {
    accepted = config;
    version += 1;
}

/** Changes with every accepted Configure, so that what was derived from the config can be recomputed. */
export function acceptedConfigVersion(): number {
    return version;
}

/** The configured enforcement level of a policy, if Configure set one. */
export function configuredLevel(policyName: string): string | undefined {
    const level = accepted[policyName]?.enforcementLevel;
    return typeof level === "string" && level !== "" ? level : undefined;
}

/** A policy's settings without its enforcement level ({} when none), as the SDK's getConfig returns them. */
export function configuredSettings(policyName: string): Record<string, unknown> {
    const { enforcementLevel: _level, ...settings } = accepted[policyName] ?? {};
    return settings;
}
