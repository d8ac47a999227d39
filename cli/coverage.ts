/**
 * The shared-responsibility coverage of a preview: for each customer responsibility R1-R6, the pack's
 * controls (rules) and whether each was enforced and passing, violated, only warned about, or not
 * configured (nothing in the stack for it to check). Rendered as markdown and as a JSON object.
 */
import { RESPONSIBILITIES, type EnforcementLevel, type Responsibility, type Rule } from "../policies/rule";
import { allRules } from "../policies/rules";

/** The part of a preview result coverage needs (cli/preview.ts PreviewResult fits). */
export interface CoverageInput {
    resources: ReadonlyArray<{ urn: string; type: string; name: string }>;
    violations: ReadonlyArray<{ policy: string; enforcementLevel: EnforcementLevel | string; responsibility: string; urn: string; message: string }>;
}

/**
 * - `passing`: the control applied to resources in the stack and found nothing.
 * - `violated`: it reported at least one mandatory violation.
 * - `warning`: it reported advisories only (including "cannot verify until apply").
 * - `not-configured`: the stack has nothing it checks (no resource of its types; for stack rules, no Tailscale resource).
 */
export type ControlStatus = "passing" | "violated" | "warning" | "not-configured";

export interface ControlCoverage {
    policy: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    status: ControlStatus;
    /** Resources in the stack the control checks (for stack rules, the Tailscale resources). */
    checkedResources: number;
    mandatoryViolations: number;
    advisoryViolations: number;
}

export interface ResponsibilityCoverage {
    id: Responsibility;
    title: string;
    status: ControlStatus;
    controls: ControlCoverage[];
}

export interface CoverageReport {
    responsibilities: ResponsibilityCoverage[];
    summary: Record<ControlStatus, number>;
}

function checkedResources(rule: Rule, resources: CoverageInput["resources"]): number {
    if (rule.kind === "stack") {
        return resources.filter((r) => r.type.startsWith("tailscale:") || r.type === "pulumi:providers:tailscale").length;
    }
    const types = new Set(rule.resourceTypes);
    return resources.filter((r) => types.has(r.type)).length;
}

function controlStatus(checked: number, mandatory: number, advisory: number): ControlStatus {
    if (mandatory > 0) return "violated";
    if (advisory > 0) return "warning";
    return checked > 0 ? "passing" : "not-configured";
}

/** Worst first: a responsibility takes the worst status of its controls, ignoring not-configured ones. */
const SEVERITY_ORDER: ControlStatus[] = ["violated", "warning", "passing", "not-configured"];

export function computeCoverage(result: CoverageInput, rules: readonly Rule[] = allRules): CoverageReport {
    const summary: Record<ControlStatus, number> = { passing: 0, violated: 0, warning: 0, "not-configured": 0 };
    const responsibilities = (Object.keys(RESPONSIBILITIES) as Responsibility[]).map((id): ResponsibilityCoverage => {
        const controls = rules
            .filter((rule) => rule.responsibility === id)
            .map((rule): ControlCoverage => {
                const found = result.violations.filter((v) => v.policy === rule.name);
                const mandatoryViolations = found.filter((v) => v.enforcementLevel === "mandatory").length;
                const advisoryViolations = found.length - mandatoryViolations;
                const checked = checkedResources(rule, result.resources);
                const status = controlStatus(checked, mandatoryViolations, advisoryViolations);
                summary[status] += 1;
                return {
                    policy: rule.name,
                    description: rule.description,
                    enforcementLevel: rule.enforcementLevel,
                    status,
                    checkedResources: checked,
                    mandatoryViolations,
                    advisoryViolations,
                };
            });
        const status = SEVERITY_ORDER.find((s) => controls.some((c) => c.status === s)) ?? "not-configured";
        return { id, title: RESPONSIBILITIES[id], status, controls };
    });
    return { responsibilities, summary };
}

const STATUS_LABEL: Record<ControlStatus, string> = {
    passing: "enforced, passing",
    violated: "violated",
    warning: "advisory findings",
    "not-configured": "not configured",
};

export function renderCoverageMarkdown(report: CoverageReport): string {
    const lines: string[] = ["# Shared responsibility coverage", ""];
    lines.push(
        `${report.summary.passing} controls enforced and passing, ${report.summary.violated} violated, ` +
            `${report.summary.warning} with advisory findings, ${report.summary["not-configured"]} not configured.`,
        "",
        "| Responsibility | Status | Passing | Violated | Advisory | Not configured |",
        "| --- | --- | --- | --- | --- | --- |",
    );
    for (const r of report.responsibilities) {
        const count = (s: ControlStatus) => r.controls.filter((c) => c.status === s).length;
        lines.push(`| ${r.id}: ${r.title} | ${STATUS_LABEL[r.status]} | ${count("passing")} | ${count("violated")} | ${count("warning")} | ${count("not-configured")} |`);
    }
    for (const r of report.responsibilities) {
        lines.push("", `## ${r.id}: ${r.title}`, "", "| Control | Level | Status | Resources checked | Mandatory | Advisory |", "| --- | --- | --- | --- | --- | --- |");
        for (const c of r.controls) {
            lines.push(`| ${c.policy} | ${c.enforcementLevel} | ${STATUS_LABEL[c.status]} | ${c.checkedResources} | ${c.mandatoryViolations} | ${c.advisoryViolations} |`);
        }
    }
    return lines.join("\n") + "\n";
}

export function renderCoverageJson(report: CoverageReport): string {
    return JSON.stringify(report, null, 2) + "\n";
}
