/**
 * Turns tailnet-guard rules into @pulumi/policy policies. Only `import type` from the SDK here: the
 * pack entry loads the SDK once, and the rules stay plain functions.
 */
import type {
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { evaluateResourceRule, evaluateStackRule, remediateWithRule, type Outcome } from "./evaluate";
import { RESPONSIBILITIES, type ResourceRule, type ResourceUnderTest, type Rule, type RuleConfig, type StackResource, type StackRule } from "./rule";
import { redactSecrets, secretsOf } from "./secretValues";
import { UNKNOWN, unwrapSdkProxy } from "./unknowns";

/** The tag that carries a rule's responsibility through GetAnalyzerInfo to tools such as the CLI. */
export const RESPONSIBILITY_TAG_PREFIX = "responsibility:";

export const SHARED_RESPONSIBILITY_URL = "https://tailscale.com/kb/1212/shared-responsibility";

/** Type tokens of Tailscale resources and of the Tailscale provider. */
export function isTailscaleType(type: string): boolean {
    return type.startsWith("tailscale:") || type === "pulumi:providers:tailscale";
}

function configSchema(rule: Rule): PolicyConfigSchema | undefined {
    if (!rule.config) {
        return undefined;
    }
    // The schema type in the SDK is JSON Schema; our ConfigProperty is a subset of it.
    return { properties: rule.config as unknown as PolicyConfigSchema["properties"] };
}

/**
 * The plain inputs behind the SDK's unknown-checking proxy: evaluate.ts guards them again with its own
 * proxy, which names the resource in "cannot verify ... until apply".
 */
function underTest(args: {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
    opts?: { parent?: string; protect?: boolean; additionalSecretOutputs?: string[] };
    provider?: { type: string; urn: string; name: string; props: Record<string, unknown> };
}): ResourceUnderTest {
    const resource: ResourceUnderTest = { type: args.type, urn: args.urn, name: args.name, props: unwrapSdkProxy(args.props) };
    if (args.opts) {
        resource.opts = {
            parent: args.opts.parent,
            protect: args.opts.protect,
            additionalSecretOutputs: args.opts.additionalSecretOutputs,
        };
    }
    if (args.provider) {
        const p = args.provider;
        resource.provider = { type: p.type, urn: p.urn, name: p.name, props: unwrapSdkProxy(p.props) };
    }
    return resource;
}

function stackResource(r: PolicyResource): StackResource {
    return {
        ...underTest(r),
        parent: r.parent?.urn,
        dependencies: r.dependencies.map((d) => d.urn),
    };
}

/**
 * Reports an outcome. The SDK's reportViolation also takes an object whose enforcementLevel overrides the
 * policy's (node_modules/@pulumi/policy/server.js, makeReportViolationFun); the typings show only the
 * string form, hence the cast. "Cannot verify until apply" is advisory; a config or rule failure is
 * mandatory, whatever the policy's level, so that neither passes unseen.
 */
function report(outcome: Outcome, rule: Rule, rawReport: ReportViolation, secrets: readonly string[], defaultUrn?: string): void {
    const redact = (text: string) => redactSecrets(text, secrets);
    const reportViolation = (message: string, urn?: string) => rawReport(redact(message), urn);
    // The object form carries the whole text; the SDK prefixes the description only to the string form.
    const reportAt = (level: string, message: string, urn?: string) =>
        (rawReport as unknown as (v: { message: string; enforcementLevel: string; urn?: string }) => void)({
            message: `${rule.description}\n${redact(message)}`,
            enforcementLevel: level,
            urn,
        });
    switch (outcome.kind) {
        case "checked":
            for (const violation of outcome.violations) {
                if (violation.level === "advisory") {
                    reportAt("advisory", violation.message, violation.urn ?? defaultUrn);
                } else {
                    reportViolation(violation.message, violation.urn ?? defaultUrn);
                }
            }
            return;
        case "unknown":
            reportAt("advisory", outcome.message, outcome.urn ?? defaultUrn);
            return;
        case "error":
            reportAt("mandatory", outcome.message, defaultUrn);
            return;
    }
}

function metadata(rule: Rule) {
    return {
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
    };
}

/** @pulumi/policy's UnknownValueError for a property path; loaded from the SDK the pack already runs. */
function sdkUnknownValueError(path: string): Error {
    const proxy = require("@pulumi/policy/proxy") as { UnknownValueError: new (sentinel: string, props: string[]) => Error };
    return new proxy.UnknownValueError(UNKNOWN, path.split("."));
}

/**
 * Tags a rule's function with its resource type when it has exactly one. @pulumi/policy's server reads
 * this tag (`__pulumiType`, set by its own validateResourceOfType) to skip a policy for other types before
 * it deserializes the request's properties for it (node_modules/@pulumi/policy/server.js, "Fast check"),
 * which keeps the cost of an Analyze call close to that of a pack with only the policies that apply.
 */
function forSingleType<F extends (...args: never[]) => unknown>(rule: ResourceRule, fn: F): F {
    if (rule.resourceTypes.length === 1) {
        Object.defineProperty(fn, "__pulumiType", { value: rule.resourceTypes[0] });
    }
    return fn;
}

export function toSdkResourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
    const types = new Set(rule.resourceTypes);
    const policy: ResourceValidationPolicy = {
        ...metadata(rule),
        validateResource: forSingleType(rule, (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (!types.has(args.type)) {
                return;
            }
            const secrets = secretsOf([args.urn, ...(args.provider ? [args.provider.urn] : [])]);
            report(evaluateResourceRule(rule, underTest(args), args.getConfig<RuleConfig>()), rule, reportViolation, secrets);
        }),
    };
    if (rule.remediate) {
        policy.remediateResource = forSingleType(rule, (args: ResourceValidationArgs) => {
            if (!types.has(args.type)) {
                return undefined;
            }
            const outcome = remediateWithRule(rule, underTest(args), args.getConfig<RuleConfig>());
            if (outcome.kind === "fixed") {
                return outcome.props;
            }
            if (outcome.kind === "unknown") {
                // The SDK turns its own UnknownValueError into the remediation's diagnostic
                // ("can't run remediation ... during preview"); any other error would fail the whole call.
                throw sdkUnknownValueError(outcome.path);
            }
            // An error outcome (bad config, rule failure) leaves the inputs as they are; Analyze, which the
            // engine runs after Remediate, reports it as a mandatory violation.
            return undefined;
        });
    }
    return policy;
}

export function toSdkStackPolicy(rule: StackRule): StackValidationPolicy {
    return {
        ...metadata(rule),
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            if (!args.resources.some((r) => isTailscaleType(r.type))) {
                args.notApplicable("the stack has no Tailscale resources");
            }
            const secrets = secretsOf(args.resources.map((r) => r.urn));
            report(evaluateStackRule(rule, args.resources.map(stackResource), args.getConfig<RuleConfig>()), rule, reportViolation, secrets);
        },
    };
}

export function toSdkPolicy(rule: Rule): ResourceValidationPolicy | StackValidationPolicy {
    return rule.kind === "stack" ? toSdkStackPolicy(rule) : toSdkResourcePolicy(rule);
}
