/**
 * Turns tailnet-guard rules into @pulumi/policy policies. Only `import type` from the SDK here: the
 * pack entry loads the SDK once, and the rules stay plain functions.
 */
import type {
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
} from "@pulumi/policy";
import { RESPONSIBILITIES, resolveConfig, type ResourceRule, type ResourceUnderTest, type Rule, type RuleConfig } from "./rule";

/** The tag that carries a rule's responsibility through GetAnalyzerInfo to tools such as the CLI. */
export const RESPONSIBILITY_TAG_PREFIX = "responsibility:";

export const SHARED_RESPONSIBILITY_URL = "https://tailscale.com/kb/1212/shared-responsibility";

/**
 * The SDK reports a read of an unknown (computed) value as "can't run policy during preview" at advisory
 * level; such errors must reach it untouched, so a rule never passes silently on an unknown value.
 */
function isUnknownValueError(error: unknown): boolean {
    return error instanceof Error && error.constructor.name === "UnknownValueError";
}

function describeError(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

function configSchema(rule: Rule): PolicyConfigSchema | undefined {
    if (!rule.config) {
        return undefined;
    }
    // The schema type in the SDK is JSON Schema; our ConfigProperty is a subset of it.
    return { properties: rule.config as unknown as PolicyConfigSchema["properties"] };
}

function underTest(args: { type: string; urn: string; name: string; props: Record<string, unknown> }): ResourceUnderTest {
    return { type: args.type, urn: args.urn, name: args.name, props: args.props };
}

export function toSdkPolicy(rule: ResourceRule): ResourceValidationPolicy {
    const types = new Set(rule.resourceTypes);
    const policy: ResourceValidationPolicy = {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        severity: rule.severity,
        url: rule.url,
        remediationSteps: rule.remediationSteps,
        tags: [`${RESPONSIBILITY_TAG_PREFIX}${rule.responsibility}`],
        framework: {
            name: "tailscale-shared-responsibility",
            version: "2025",
            reference: SHARED_RESPONSIBILITY_URL,
            specification: `${rule.responsibility}: ${RESPONSIBILITIES[rule.responsibility]}`,
        },
        configSchema: configSchema(rule),
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (!types.has(args.type)) {
                return;
            }
            let messages: string[];
            try {
                messages = rule.check(underTest(args), resolveConfig(rule, args.getConfig<RuleConfig>()));
            } catch (error) {
                if (isUnknownValueError(error)) {
                    throw error;
                }
                // Fail closed: a rule that cannot decide is a violation, never a pass.
                reportViolation(`rule ${rule.name} could not check this resource (${describeError(error)}); treated as a violation.`);
                return;
            }
            for (const message of messages) {
                reportViolation(message);
            }
        },
    };
    const remediate = rule.remediate;
    if (remediate) {
        policy.remediateResource = (args: ResourceValidationArgs) => {
            if (!types.has(args.type)) {
                return undefined;
            }
            return remediate(underTest(args), resolveConfig(rule, args.getConfig<RuleConfig>()));
        };
    }
    return policy;
}
