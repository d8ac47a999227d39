/**
 * The shape of a tailnet-guard rule: metadata beside a pure check.
 *
 * A rule knows nothing about gRPC or the policy SDK. `policies/sdkAdapter.ts` turns rules into
 * `@pulumi/policy` policies for the pack; components and the CLI call the same checks directly.
 */

/** The customer's side of Tailscale's shared responsibility model (../shared/reference). */
export type Responsibility = "R1" | "R2" | "R3" | "R4" | "R5" | "R6";

export const RESPONSIBILITIES: Readonly<Record<Responsibility, string>> = {
    R1: "Maintain the devices Tailscale runs on (patch firmware and OS)",
    R2: "Run the identity provider so only authorised users and devices join",
    R3: "Update Tailscale clients regularly",
    R4: "Provide logs when requested",
    R5: "Restrict access with access control policies, groups and tags",
    R6: "Follow the hardening guide",
};

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";

/** JSON schema of one config property (the subset Pulumi's policy config accepts). */
export interface ConfigProperty {
    type: "integer" | "number" | "string" | "boolean" | "array" | "object";
    description: string;
    default: unknown;
    minimum?: number;
    maximum?: number;
    items?: { type: string; enum?: unknown[] };
    enum?: unknown[];
}

export interface RuleMetadata {
    /** Stable, kebab-case; what users put in policy config. */
    name: string;
    /** One sentence shown by `pulumi preview`: the secure state this rule demands. */
    description: string;
    responsibility: Responsibility;
    severity: Severity;
    enforcementLevel: EnforcementLevel;
    /** Why this matters, with the fact it rests on. */
    rationale: string;
    /** Hardening-guide or reference link. */
    url: string;
    /** What to change to comply. */
    remediationSteps: string;
    /** Threshold settings; every property has a default. */
    config?: Record<string, ConfigProperty>;
}

/** Resource options the engine passes to an analyzer (the subset rules read). */
export interface ResourceOptionsUnderTest {
    parent?: string;
    protect?: boolean;
    /** Outputs the program asked the engine to keep secret (the provider SDKs add their secret fields here). */
    additionalSecretOutputs?: readonly string[];
}

/** The provider resource a resource is managed by, as the engine describes it to an analyzer. */
export interface ProviderUnderTest {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
}

/**
 * The resource as the engine presents it to an analyzer: inputs, already unwrapped from secrets by
 * @pulumi/policy (so a rule cannot tell a secret input from a plain one by its value; see
 * logStreamCredentials.ts), unknown values still present as sentinels (see unknowns.ts).
 */
export interface ResourceUnderTest {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
    opts?: ResourceOptionsUnderTest;
    provider?: ProviderUnderTest;
}

/** A resource as a stack rule sees it: with its parent and the URNs it depends on. */
export interface StackResource extends ResourceUnderTest {
    parent?: string;
    dependencies: readonly string[];
}

/** One stack-level violation; `urn` names the resource at fault when there is one. */
export interface StackViolation {
    message: string;
    urn?: string;
    /** "advisory" for what the stack alone cannot show (a resource managed elsewhere); otherwise the rule's level. */
    level?: "advisory";
}

export type RuleConfig = Record<string, unknown>;

export interface ResourceRule extends RuleMetadata {
    kind: "resource";
    /** Type tokens the rule applies to, e.g. `tailscale:index/acl:Acl`. */
    resourceTypes: readonly string[];
    /** Returns one message per violation; an empty list means compliant. Pure. */
    check(resource: ResourceUnderTest, config: RuleConfig): string[];
    /** Safe, unambiguous fix: the corrected inputs, or undefined when nothing can be fixed safely. */
    remediate?(resource: ResourceUnderTest, config: RuleConfig): Record<string, unknown> | undefined;
}

export interface StackRule extends RuleMetadata {
    kind: "stack";
    /** Returns the violations over the whole stack; an empty list means compliant. Pure. */
    check(resources: readonly StackResource[], config: RuleConfig): StackViolation[];
}

export type Rule = ResourceRule | StackRule;

/** The rule's config with defaults applied under the user's values. */
export function resolveConfig(rule: RuleMetadata, supplied: RuleConfig | undefined): RuleConfig {
    const resolved: RuleConfig = {};
    for (const [key, prop] of Object.entries(rule.config ?? {})) {
        resolved[key] = supplied && supplied[key] !== undefined ? supplied[key] : prop.default;
    }
    return resolved;
}
