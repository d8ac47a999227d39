/**
 * Runs a rule's pure check and turns every way it can end into a decision: compliant, violations,
 * "cannot verify until apply" (a value unknown during preview), or a failure. Used by the SDK adapter and
 * by the unit tests, so both see the same behaviour. Never lets an unknown value pass silently.
 */
import { ruleConfigErrors } from "./configValidation";
import { resolveConfig, type ResourceRule, type ResourceUnderTest, type RuleConfig, type StackResource, type StackRule } from "./rule";
import { guardUnknowns, UnknownPropertyError } from "./unknowns";

export type Outcome =
    /** Checked: each finding is a violation at the rule's level (none = compliant). */
    | { kind: "checked"; violations: Array<{ message: string; urn?: string; level?: "advisory" }> }
    /** A value the rule needs is unknown during preview: reported at advisory level. */
    | { kind: "unknown"; message: string; urn?: string }
    /** The rule's config is invalid or the rule threw: reported as a violation at mandatory level (fail closed). */
    | { kind: "error"; message: string };

/** What preview prints for an unknown value. */
export function cannotVerifyMessage(error: UnknownPropertyError): string {
    return `cannot verify ${error.path} of ${error.resourceName} until apply: the value is unknown during preview, so this rule runs again on the applied value.`;
}

/** @pulumi/policy's own UnknownValueError (proxy.js), recognised by shape: it carries the property path. */
function sdkUnknownPath(error: unknown): string | undefined {
    if (error instanceof Error && error.constructor.name === "UnknownValueError") {
        const props = (error as Error & { props?: unknown }).props;
        return Array.isArray(props) ? props.join(".") : "a property";
    }
    return undefined;
}

function failure(ruleName: string, error: unknown, resourceName: string): Outcome {
    if (error instanceof UnknownPropertyError) {
        return { kind: "unknown", message: cannotVerifyMessage(error), urn: error.urn };
    }
    const sdkPath = sdkUnknownPath(error);
    if (sdkPath !== undefined) {
        return { kind: "unknown", message: cannotVerifyMessage(new UnknownPropertyError(resourceName, sdkPath)) };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: "error", message: `rule ${ruleName} could not check ${resourceName} (${reason}); treated as a violation.` };
}

function configured(rule: ResourceRule | StackRule, supplied: RuleConfig | undefined): RuleConfig | Outcome {
    const problems = ruleConfigErrors(rule, supplied ?? {});
    if (problems.length > 0) {
        return { kind: "error", message: `invalid policy config: ${problems.join("; ")}` };
    }
    return resolveConfig(rule, supplied);
}

function isOutcome(value: RuleConfig | Outcome): value is Outcome {
    return typeof (value as { kind?: unknown }).kind === "string" && ["checked", "unknown", "error"].includes((value as Outcome).kind);
}

/** A guarded view of a resource: reading an unknown input, or an unknown provider input, throws UnknownPropertyError. */
export function guardResource<R extends ResourceUnderTest>(resource: R): R {
    const guarded: R = { ...resource, props: guardUnknowns(resource.props, resource.name, "", resource.urn) };
    if (resource.provider) {
        guarded.provider = { ...resource.provider, props: guardUnknowns(resource.provider.props, resource.provider.name, "", resource.provider.urn) };
    }
    return guarded;
}

export function evaluateResourceRule(rule: ResourceRule, resource: ResourceUnderTest, supplied?: RuleConfig): Outcome {
    const config = configured(rule, supplied);
    if (isOutcome(config)) {
        return config;
    }
    try {
        return { kind: "checked", violations: rule.check(guardResource(resource), config).map((message) => ({ message })) };
    } catch (error) {
        return failure(rule.name, error, resource.name);
    }
}

export function evaluateStackRule(rule: StackRule, resources: readonly StackResource[], supplied?: RuleConfig): Outcome {
    const config = configured(rule, supplied);
    if (isOutcome(config)) {
        return config;
    }
    try {
        return { kind: "checked", violations: rule.check(resources.map(guardResource), config) };
    } catch (error) {
        return failure(rule.name, error, "the stack");
    }
}

export type RemediationOutcome =
    | { kind: "fixed"; props: Record<string, unknown> }
    | { kind: "unchanged" }
    | { kind: "unknown"; message: string; path: string }
    | { kind: "error"; message: string };

export function remediateWithRule(rule: ResourceRule, resource: ResourceUnderTest, supplied?: RuleConfig): RemediationOutcome {
    if (!rule.remediate) {
        return { kind: "unchanged" };
    }
    const config = configured(rule, supplied);
    if (isOutcome(config)) {
        return { kind: "error", message: (config as { message: string }).message };
    }
    try {
        const props = rule.remediate(guardResource(resource), config);
        return props === undefined ? { kind: "unchanged" } : { kind: "fixed", props };
    } catch (error) {
        const outcome = failure(rule.name, error, resource.name);
        if (outcome.kind === "unknown") {
            const path = error instanceof UnknownPropertyError ? error.path : sdkUnknownPath(error) ?? "a property";
            return { kind: "unknown", message: outcome.message, path };
        }
        return { kind: "error", message: (outcome as { message: string }).message };
    }
}
