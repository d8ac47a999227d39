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
 * One diagnostic an outcome asks for: at the policy's own level (no `level`), or at a fixed one. "Cannot
 * verify until apply" is advisory; a config or rule failure is mandatory, whatever the policy's level, so
 * that neither passes unseen.
 */
export interface OutcomeReport {
    message: string;
    urn?: string;
    level?: "advisory" | "mandatory";
}

export function outcomeReports(outcome: Outcome, defaultUrn?: string): OutcomeReport[] {
    switch (outcome.kind) {
        case "checked":
            return outcome.violations.map((v) => ({ message: v.message, urn: v.urn ?? defaultUrn, ...(v.level ? { level: v.level } : {}) }));
        case "unknown":
            return [{ message: outcome.message, urn: outcome.urn ?? defaultUrn, level: "advisory" }];
        case "error":
            return [{ message: outcome.message, urn: defaultUrn, level: "mandatory" }];
    }
}

/** The object form of the SDK's reportViolation (server.js, makeReportViolationFun); its typings show only the string form. */
export interface ViolationInfo {
    message: string;
    enforcementLevel: string;
    urn?: string;
    name?: string;
    description?: string;
    severity?: string;
}
type ObjectReport = (violation: ViolationInfo) => void;

/** Secret values read only when there is a message to redact (most resources draw none), then kept. */
function redactor(secretsOfCall: () => readonly string[]): (text: string) => string {
    let secrets: readonly string[] | undefined;
    return (text) => redactSecrets(text, (secrets ??= secretsOfCall()));
}

/**
 * Reports an outcome through the SDK: the string form at the policy's level, the object form (whose
 * enforcementLevel overrides the policy's) for a fixed level. The object form carries the whole text; the
 * SDK prefixes the description only to the string form.
 */
function report(outcome: Outcome, rule: Rule, rawReport: ReportViolation, secretsOfCall: () => readonly string[], defaultUrn?: string): void {
    const redact = redactor(secretsOfCall);
    for (const r of outcomeReports(outcome, defaultUrn)) {
        if (r.level === undefined) {
            rawReport(redact(r.message), r.urn);
        } else {
            (rawReport as unknown as ObjectReport)({ message: `${rule.description}\n${redact(r.message)}`, enforcementLevel: r.level, urn: r.urn });
        }
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

/**
 * Why a policy does not apply to a resource. For one type this is the SDK's own wording (server.js, "Fast
 * check"); for several it is ours, reported through args.notApplicable.
 */
export function notApplicableReason(types: readonly string[]): string {
    return types.length === 1
        ? `Policy only applies to resources of type '${types[0]}'`
        : `Policy only applies to resources of types ${types.map((t) => `'${t}'`).join(", ")}`;
}

export function toSdkResourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
    const types = new Set(rule.resourceTypes);
    const policy: ResourceValidationPolicy = {
        ...metadata(rule),
        validateResource: forSingleType(rule, (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (!types.has(args.type)) {
                args.notApplicable(notApplicableReason(rule.resourceTypes));
            }
            const secrets = () => secretsOf([args.urn, ...(args.provider ? [args.provider.urn] : [])]);
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
                args.notApplicable(STACK_NOT_APPLICABLE_REASON);
            }
            const secrets = () => secretsOf(args.resources.map((r) => r.urn));
            report(evaluateStackRule(rule, args.resources.map(stackResource), args.getConfig<RuleConfig>()), rule, reportViolation, secrets);
        },
    };
}

/** How the combined stack policy learns each rule's level and settings (those of the last accepted Configure). */
export interface StackRuleSettings {
    levelOf(ruleName: string): string;
    configOf(ruleName: string): RuleConfig;
}

/** The name the SDK gives a failure of the combined stack policy itself (rule failures are caught per rule by evaluate.ts). */
export const COMBINED_STACK_POLICY = "tailnet-guard-stack-rules";

/**
 * Every stack rule as one SDK stack policy, for AnalyzeStack. The SDK deserializes every resource of the
 * stack once per stack policy it runs (server.js, makeAnalyzeStackRpcFun); run as one policy, the stack is
 * deserialized and converted once for all the rules. Each rule still reports under its own name,
 * description, severity and level, through the object form of reportViolation, so the engine receives
 * the diagnostics that one policy per rule (toSdkStackPolicy) would have produced: a rule that is
 * disabled is skipped, "remediate" counts as mandatory (stack policies cannot remediate), and a message
 * at the rule's own level reads as the SDK's string form would (description, newline, message).
 * Not-applicable entries, which one policy cannot report for others, are added by the caller
 * (routedHandlers.ts) when the stack has no Tailscale resource.
 */
export function combinedStackPolicy(rules: readonly StackRule[], settings: StackRuleSettings): StackValidationPolicy {
    return {
        name: COMBINED_STACK_POLICY,
        description: "Runs tailnet-guard's stack rules over one reading of the stack.",
        enforcementLevel: "mandatory",
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            if (!args.resources.some((r) => isTailscaleType(r.type))) {
                return;
            }
            const resources = args.resources.map(stackResource);
            const redact = redactor(() => secretsOf(args.resources.map((r) => r.urn)));
            for (const rule of rules) {
                const level = settings.levelOf(rule.name);
                if (level === "disabled") continue;
                const ownLevel = level === "remediate" ? "mandatory" : level;
                for (const r of outcomeReports(evaluateStackRule(rule, resources, settings.configOf(rule.name)))) {
                    const message = redact(r.message);
                    (reportViolation as unknown as ObjectReport)({
                        name: rule.name,
                        description: rule.description,
                        severity: rule.severity,
                        message: r.level === undefined && message === "" ? rule.description : `${rule.description}\n${message}`,
                        enforcementLevel: r.level ?? ownLevel,
                        urn: r.urn,
                    });
                }
            }
        },
    };
}

/** Why a stack rule does not apply (reported through args.notApplicable, or by routedHandlers.ts for the combined policy). */
export const STACK_NOT_APPLICABLE_REASON = "the stack has no Tailscale resources";

export function toSdkPolicy(rule: Rule): ResourceValidationPolicy | StackValidationPolicy {
    return rule.kind === "stack" ? toSdkStackPolicy(rule) : toSdkResourcePolicy(rule);
}
