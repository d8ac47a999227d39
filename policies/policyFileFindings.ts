import type { AnalyzeOptions, PolicyCheckId, PolicyFinding, PolicyLintId } from "../acl";
// Data only (no run-time imports): safe to load at start-up without the parser.
import { LINT_CATALOG } from "../acl/checks/catalog";
import type { ResourceRule, RuleConfig, RuleMetadata } from "./rule";
import { TAILSCALE_TYPES } from "./resourceTypes";

type AclModule = typeof import("../acl");
let aclModule: AclModule | undefined;
/** Loaded on first use so the pack's start-up does not pay for the parser. */
function acl(): AclModule {
    aclModule ??= require("../acl") as AclModule;
    return aclModule;
}

/**
 * Every rule over the same Acl resource asks for the same text: analyse it once per set of options.
 * Keyed by the options (few distinct sets: one per configurable rule); each entry remembers the
 * last text and file it analysed.
 */
const cache = new Map<string, { text: string; file: string; findings: PolicyFinding[] }>();
const MAX_CACHED_OPTION_SETS = 8;

/** A canonical key for options: fields in a fixed order, undefined fields dropped. */
function optionsKey(options: AnalyzeOptions): string {
    return JSON.stringify([options.maxCheckPeriodHours ?? null]);
}

export function policyFileFindings(text: string, file: string, options: AnalyzeOptions = {}): PolicyFinding[] {
    const key = optionsKey(options);
    const cached = cache.get(key);
    if (cached !== undefined && cached.text === text && cached.file === file) return cached.findings;
    const findings = acl().analyzePolicy(text, file, options);
    if (cached === undefined && cache.size >= MAX_CACHED_OPTION_SETS) cache.clear();
    cache.set(key, { text, file, findings });
    return findings;
}

/** The analysis options a rule's (resolved) config asks for; config keys that are not analysis thresholds are ignored. */
export function analyzeOptionsFrom(config: RuleConfig): AnalyzeOptions {
    const options: AnalyzeOptions = {};
    const hours = config.maxCheckPeriodHours;
    if (hours !== undefined) {
        if (typeof hours !== "number" || !Number.isFinite(hours) || hours <= 0) {
            throw new TypeError(`config maxCheckPeriodHours is ${JSON.stringify(hours)}; set it to a positive number of hours, e.g. 12`);
        }
        options.maxCheckPeriodHours = hours;
    }
    return options;
}

/** How a finding reads in a violation: `file:line:col: message`. */
export function describeFinding(finding: PolicyFinding): string {
    return finding.location ? `${acl().formatLocation(finding.location)}: ${finding.message}` : finding.message;
}

/** The name used as the "file" of an inline policy: the resource and its property. */
export function inlinePolicyFileName(resourceName: string): string {
    return `${resourceName}.acl`;
}

/**
 * A resource rule over `tailscale.Acl` that reports the findings of one policy-file check (or of
 * several). The rule's config is passed to the analysis as thresholds (see analyzeOptionsFrom).
 */
/** A rule over the policy file, naming the acl/ checks whose findings it reports (so `audit` can map findings to rules). */
export interface PolicyFileRule extends ResourceRule {
    policyFileChecks: readonly PolicyCheckId[];
}

export function policyFileRule(meta: RuleMetadata, check: PolicyCheckId | readonly PolicyCheckId[]): PolicyFileRule {
    const checks: ReadonlySet<PolicyCheckId> = new Set(typeof check === "string" ? [check] : check);
    return {
        ...meta,
        kind: "resource",
        resourceTypes: [TAILSCALE_TYPES.acl],
        policyFileChecks: [...checks],
        check(resource, config) {
            const text = resource.props.acl;
            if (typeof text !== "string") {
                return checks.has("syntax") ? ["the acl property is not a string: pass the policy file's HuJSON text."] : [];
            }
            return policyFileFindings(text, inlinePolicyFileName(resource.name), analyzeOptionsFrom(config ?? {}))
                .filter((finding) => checks.has(finding.check))
                .map(describeFinding);
        },
    };
}

/** What a lint rule adds to its catalog entry (acl/checks/catalog.ts). */
export interface LintRuleDetails {
    name: string;
    rationale: string;
    remediationSteps: string;
    config?: RuleMetadata["config"];
}

/** A rule for one hardening lint: responsibility, level, severity, description and url come from the lint catalog. */
export function policyFileLintRule(lint: PolicyLintId, details: LintRuleDetails): PolicyFileRule {
    const spec = LINT_CATALOG[lint];
    return policyFileRule(
        {
            ...details,
            description: spec.description,
            responsibility: spec.responsibility,
            severity: spec.severity,
            enforcementLevel: spec.defaultLevel,
            url: spec.url,
        },
        lint,
    );
}
