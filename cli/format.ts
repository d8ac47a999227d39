/** Renders preview results for people (text) and machines (json). */
import { countMandatory, type PreviewResult } from "./preview";

export type OutputFormat = "text" | "json";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["text", "json"];

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
    const mandatory = countMandatory(result);
    const others = result.violations.length - mandatory;
    lines.push("");
    lines.push(
        mandatory === 0
            ? `Result: passed (0 mandatory violations, ${others} advisory)`
            : `Result: blocked (${mandatory} mandatory violation${mandatory === 1 ? "" : "s"}, ${others} advisory)`,
    );
    return lines.join("\n") + "\n";
}
