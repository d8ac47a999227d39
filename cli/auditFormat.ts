/**
 * Renders audit results: text for people, JSON for scripts, SARIF 2.1.0 for code scanning
 * (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html; GitHub reads `level`, `ruleId`,
 * `locations[].physicalLocation` and the rule table of `tool.driver`).
 */
import * as path from "path";
import type * as Sarif from "sarif";
import { formatLocation } from "../acl";
import type { AuditResult, AuditViolation } from "./audit";
import { verdictLine } from "./verdict";

export type AuditFormat = "text" | "json" | "sarif";
export const AUDIT_FORMATS: readonly AuditFormat[] = ["text", "json", "sarif"];

function where(v: AuditViolation, file: string): string {
    return v.location ? formatLocation(v.location) : file;
}

export function formatAuditText(result: AuditResult): string {
    const lines: string[] = [`Auditing ${result.file}`, ""];
    if (result.violations.length === 0) {
        lines.push("Policy violations: none");
    } else {
        lines.push(`Policy violations (${result.violations.length}):`);
        for (const v of result.violations) {
            lines.push(`  ${where(v, result.file)}: [${v.enforcementLevel}] ${v.policy} (${v.responsibility})`);
            lines.push(`    ${v.message}`);
        }
    }
    const { passed, failed, skipped } = result.aclTests;
    lines.push("");
    // Each failed assertion is listed above as a policy-file-tests-pass violation.
    lines.push(`Policy tests: ${passed} passed, ${failed.length} failed${skipped ? `, ${skipped} not evaluated` : ""}`);
    lines.push("");
    lines.push(verdictLine(result, "failed"));
    return lines.join("\n") + "\n";
}

export function formatAuditJson(result: AuditResult): string {
    const body = {
        violations: result.violations.map((v) => ({
            policy: v.policy,
            enforcementLevel: v.enforcementLevel,
            responsibility: v.responsibility,
            message: v.message,
            location: v.location ? { file: v.location.file, line: v.location.line, column: v.location.column } : null,
        })),
        aclTests: {
            passed: result.aclTests.passed,
            failed: result.aclTests.failed.map((f) => ({
                src: f.src,
                destination: f.destination,
                expected: f.expected,
                actual: f.actual,
                kind: f.kind,
                decidedBy: f.decidedBy,
                location: f.location ? { file: f.location.file, line: f.location.line, column: f.location.column } : null,
            })),
        },
    };
    return JSON.stringify(body, null, 2) + "\n";
}

function sarifLevel(level: string): Sarif.Result.level {
    if (level === "mandatory") return "error";
    if (level === "advisory" || level === "remediate") return "warning";
    return "none";
}

/** GitHub orders code-scanning alerts by this 0-10 score. */
const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

/** A path relative to the working directory, with forward slashes, as SARIF artifact URIs expect. */
function artifactUri(file: string): string {
    const relative = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
    return relative.split(path.sep).join("/");
}

export function formatAuditSarif(result: AuditResult, version: string): string {
    const rules: Sarif.ReportingDescriptor[] = result.rules.map((rule) => ({
        id: rule.name,
        name: rule.name,
        shortDescription: { text: rule.description },
        fullDescription: { text: rule.rationale },
        help: { text: rule.remediationSteps },
        helpUri: rule.url,
        defaultConfiguration: { level: sarifLevel(rule.enforcementLevel) },
        properties: { tags: ["security", `responsibility:${rule.responsibility}`], "security-severity": SECURITY_SEVERITY[rule.severity] ?? "5.0" },
    }));
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const results: Sarif.Result[] = result.violations.map((v) => ({
        ruleId: v.policy,
        ruleIndex: index.get(v.policy),
        level: sarifLevel(v.enforcementLevel),
        message: { text: v.message },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: artifactUri(v.location?.file ?? result.file) },
                    region: { startLine: v.location?.line ?? 1, startColumn: v.location?.column ?? 1 },
                },
            },
        ],
    }));
    const log: Sarif.Log = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: { driver: { name: "tailnet-guard", version, rules } },
                results,
            },
        ],
    };
    return JSON.stringify(log, null, 2) + "\n";
}
