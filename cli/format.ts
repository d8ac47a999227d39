/** Renders preview results for people (text, markdown) and machines (json), with the responsibility coverage. */
import { computeCoverage, renderCoverageMarkdown } from "./coverage";
import type { PreviewResult } from "./preview";
import { countMandatory, verdictLine } from "./verdict";

export type OutputFormat = "text" | "json" | "markdown";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["text", "json", "markdown"];

export function formatPreviewJson(result: PreviewResult): string {
    return (
        JSON.stringify(
            {
                resources: result.resources.map(({ urn, type, name }) => ({ urn, type, name })),
                violations: result.violations.map(({ policy, enforcementLevel, responsibility, urn, message }) => ({
                    policy,
                    enforcementLevel,
                    responsibility,
                    urn,
                    message,
                })),
                coverage: computeCoverage(result),
            },
            null,
            2,
        ) + "\n"
    );
}

export function formatPreviewText(result: PreviewResult): string {
    const lines: string[] = [];
    lines.push(`Previewing ${result.project}/${result.stack} offline against policy pack ${result.pack.name}@${result.pack.version}`);
    lines.push("");
    lines.push(`Resources (${result.resources.length}):`);
    for (const r of result.resources) {
        lines.push(`  ${r.type}  ${r.name}`);
    }
    lines.push("");
    if (result.violations.length === 0) {
        lines.push("Policy violations: none");
    } else {
        lines.push(`Policy violations (${result.violations.length}):`);
        for (const v of result.violations) {
            const responsibility = v.responsibility ? ` (${v.responsibility})` : "";
            lines.push(`  [${v.enforcementLevel}] ${v.policy}${responsibility}`);
            lines.push(`    ${v.urn}`);
            for (const line of v.message.split("\n")) {
                lines.push(`    ${line}`);
            }
        }
    }
    lines.push("");
    lines.push(verdictLine(result, "blocked"));
    return lines.join("\n") + "\n";
}

/** A cell of a markdown table: pipes escaped, line breaks as <br>. */
function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** For a pull-request comment or an audit file: the verdict, the resources, the violations, then the R1-R6 coverage. */
export function formatPreviewMarkdown(result: PreviewResult): string {
    const mandatory = countMandatory(result);
    const lines: string[] = [
        `# tailnet-guard preview of ${result.project}/${result.stack}`,
        "",
        `Policy pack ${result.pack.name}@${result.pack.version}: **${mandatory === 0 ? "passed" : "blocked"}** ` +
            `(${mandatory} mandatory violation${mandatory === 1 ? "" : "s"}, ${result.violations.length - mandatory} advisory).`,
        "",
        `## Resources (${result.resources.length})`,
        "",
        "| Type | Name |",
        "| --- | --- |",
        ...result.resources.map((r) => `| ${cell(r.type)} | ${cell(r.name)} |`),
        "",
        `## Violations (${result.violations.length})`,
        "",
    ];
    if (result.violations.length === 0) {
        lines.push("None.");
    } else {
        lines.push("| Level | Policy | Responsibility | Resource | Message |", "| --- | --- | --- | --- | --- |");
        for (const v of result.violations) {
            lines.push(`| ${v.enforcementLevel} | ${cell(v.policy)} | ${v.responsibility} | ${cell(v.urn)} | ${cell(v.message)} |`);
        }
    }
    lines.push("");
    // The coverage report starts with its own level-1 heading; demote it under this document's title.
    const coverage = renderCoverageMarkdown(computeCoverage(result)).replace(/^(#+) /gm, "#$1 ");
    return lines.join("\n") + "\n" + coverage;
}
