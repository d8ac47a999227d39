/** Running the checks: over an already parsed policy, or straight from text. */
import { ALL_CHECKS, type AnalyzeOptions } from "./checks";
import type { PolicyFinding } from "./findings";
import { compareLocations } from "./location";
import { parsePolicy, type ParsedPolicy } from "./parse";
import { isRecord } from "./walk";

export type { AnalyzeOptions } from "./checks";

/**
 * Runs every check on a parsed policy. A policy with syntax errors yields just those errors.
 * Findings are ordered by position; findings at the same position keep check order.
 */
export function checkPolicy(parsed: ParsedPolicy, options: AnalyzeOptions = {}): PolicyFinding[] {
    if (parsed.errors.length > 0 || !isRecord(parsed.value)) return [...parsed.errors];
    const doc = parsed.value;
    const findings = ALL_CHECKS.flatMap((check) => check(parsed, doc, options));
    // A finding without a position (a path the locator could not resolve) falls back to the file start.
    const located = findings.map((f) => (f.location === undefined ? { ...f, location: { file: parsed.file, line: 1, column: 1 } } : f));
    return located.sort((a, b) => compareLocations(a.location, b.location));
}

/** Parse + run every check; syntax errors come back as findings with check "syntax". Never throws on any string input. */
export function analyzePolicy(text: string, file?: string, options?: AnalyzeOptions): PolicyFinding[] {
    return checkPolicy(parsePolicy(text, file), options);
}
