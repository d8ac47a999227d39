/**
 * `tailnet-guard audit <file>`: checks a policy file kept in a GitOps repository with the same rules the
 * policy pack applies to a `tailscale.Acl` resource, and runs the file's own `tests` and `sshTests`
 * offline. Failing tests are violations of `policy-file-tests-pass` (mandatory by default).
 */
import { analyzeParsedPolicy, type AnalyzeOptions, type PolicyCheckId, type PolicyTestReport, type SourceLocation } from "../acl";
import { analyzeOptionsFrom, type PolicyFileRule } from "../policies/policyFileFindings";
import { resolveConfig, type EnforcementLevel, type RuleMetadata } from "../policies/rule";
import { policyFileRules } from "../policies/rules/policyFileRules";
import { normalisePackConfig } from "./packConfig";
import type { AnalyzerInfo, PolicyConfig } from "./policyPackHost";
import { parsePolicyOrThrow, readPolicyFile } from "./policyInput";

export interface AuditViolation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    responsibility: string;
    severity: string;
    message: string;
    location?: SourceLocation;
}

export interface AuditResult {
    file: string;
    violations: AuditViolation[];
    aclTests: PolicyTestReport;
    /** The rules that ran (not disabled), for SARIF's rule table. */
    rules: RuleMetadata[];
}

/** The policy-file rules as `normalisePackConfig` sees a pack's policies, so `--config` is checked as for preview. */
export function policyFileAnalyzerInfo(): AnalyzerInfo {
    return {
        name: "tailnet-guard",
        version: "",
        supportsConfig: true,
        initialConfig: {},
        policies: policyFileRules.map((rule) => ({
            name: rule.name,
            description: rule.description,
            enforcementLevel: rule.enforcementLevel,
            severity: rule.severity,
            tags: [`responsibility:${rule.responsibility}`],
            url: rule.url,
            remediationSteps: rule.remediationSteps,
            configSchema: rule.config ? { properties: rule.config as Record<string, unknown>, required: [] } : undefined,
        })),
    };
}

function levelOf(rule: PolicyFileRule, config: PolicyConfig): EnforcementLevel {
    return config[rule.name]?.enforcementLevel ?? rule.enforcementLevel;
}

/** The analysis thresholds of every enabled rule; each threshold belongs to one rule, so they merge without conflict. */
function analyzeOptions(rules: readonly PolicyFileRule[], config: PolicyConfig): AnalyzeOptions {
    const options: AnalyzeOptions = {};
    for (const rule of rules) {
        const { enforcementLevel: _level, ...settings } = config[rule.name] ?? {};
        Object.assign(options, analyzeOptionsFrom(resolveConfig(rule, settings)));
    }
    return options;
}

/**
 * Audits policy text with the policy-file rules at the levels and thresholds of `rawConfig` (the
 * `--policy-pack-config` format). A file that does not parse throws PolicyInputError (exit 2).
 */
export function auditPolicyText(text: string, file: string, rawConfig?: unknown, configSource?: string): AuditResult {
    const config = rawConfig === undefined ? {} : normalisePackConfig(rawConfig, policyFileAnalyzerInfo(), configSource);
    const parsed = parsePolicyOrThrow(text, file);
    const enabled = policyFileRules.filter((rule) => levelOf(rule, config) !== "disabled");
    const ruleOf = new Map<PolicyCheckId, PolicyFileRule>();
    for (const rule of enabled) {
        for (const check of rule.policyFileChecks) ruleOf.set(check, rule);
    }
    const { findings, tests } = analyzeParsedPolicy(parsed, analyzeOptions(enabled, config));
    const violations: AuditViolation[] = [];
    for (const finding of findings) {
        const rule = ruleOf.get(finding.check);
        if (rule === undefined) continue; // its rule is disabled
        violations.push({
            policy: rule.name,
            enforcementLevel: levelOf(rule, config),
            responsibility: rule.responsibility,
            severity: rule.severity,
            message: finding.message,
            location: finding.location,
        });
    }
    return { file, violations, aclTests: tests, rules: enabled };
}

export function auditPolicyFile(file: string, rawConfig?: unknown, configSource?: string): AuditResult {
    return auditPolicyText(readPolicyFile(file), file, rawConfig, configSource);
}
