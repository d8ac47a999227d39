/** Running the checks and the file's own tests: over an already parsed policy, or straight from text. */
import { ALL_CHECKS, type AnalyzeOptions } from "./checks";
import { runPolicyTests, type PolicyTestReport } from "./evaluate";
import type { PolicyFinding } from "./findings";
import { compareLocations } from "./location";
import { parsePolicy, type ParsedPolicy } from "./parse";

export type { AnalyzeOptions } from "./checks";

/** Every finding about a policy, and the outcome of its own `tests` and `sshTests`. */
export interface PolicyAnalysis {
    findings: PolicyFinding[];
    tests: PolicyTestReport;
}

const NO_TESTS_RUN: PolicyTestReport = { passed: 0, failed: [], skipped: 0 };

/** Longest message a finding keeps: a 5 MB key quoted in a message must not flood a terminal or a CI log. */
export const MAX_MESSAGE_LENGTH = 1_000;
const QUOTED_KEEP = 60;

/**
 * Shortens the long quoted values in a message ("aaaa…" (5000000 characters)), where every check quotes
 * the text it reports, then cuts what is still too long. One place for every check's messages.
 */
export function boundMessage(message: string): string {
    const shortened = message.replace(/"(?:[^"\\]|\\.){80,}"/g, (quoted) => {
        const inner = quoted.slice(1, -1);
        let keep = inner.slice(0, QUOTED_KEEP);
        // Never end inside an escape sequence or between the halves of a surrogate pair.
        keep = keep.replace(/\\[^"]{0,5}$/, "").replace(/[\uD800-\uDBFF]$/, "");
        return `"${keep}…" (${inner.length} characters)`;
    });
    // Unquoted text such as a path like `kkkk….x` gets the same treatment, word by word.
    const words = shortened.replace(/[^\s"]{120,}/g, (word) => `${word.slice(0, QUOTED_KEEP).replace(/[\uD800-\uDBFF]$/, "")}…(${word.length} characters)`);
    return words.length <= MAX_MESSAGE_LENGTH ? words : `${words.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
}

/**
 * Runs every check and the file's own tests on a parsed policy; each failing test assertion is a
 * "test-failed" finding at the assertion. A policy with syntax errors yields just those errors.
 * Findings are ordered by position; findings at the same position keep check order.
 */
export function analyzeParsedPolicy(parsed: ParsedPolicy, options: AnalyzeOptions = {}): PolicyAnalysis {
    const tape = parsed.tape;
    if (parsed.errors.length > 0 || tape === undefined || !tape.isObject(0)) return { findings: [...parsed.errors], tests: NO_TESTS_RUN };
    const tests = runPolicyTests(parsed);
    const findings = ALL_CHECKS.flatMap((check) => check(parsed, tape, options));
    for (const failure of tests.failed) {
        findings.push({ check: "test-failed", message: failure.message, location: failure.location });
    }
    // A finding without a position (a path the locator could not resolve) falls back to the file start.
    const located = findings.map((f) => {
        const bounded = f.message.length > MAX_MESSAGE_LENGTH ? { ...f, message: boundMessage(f.message) } : f;
        return bounded.location === undefined ? { ...bounded, location: { file: parsed.file, line: 1, column: 1 } } : bounded;
    });
    return { findings: located.sort((a, b) => compareLocations(a.location, b.location)), tests };
}

/** The findings of analyzeParsedPolicy. */
export function checkPolicy(parsed: ParsedPolicy, options: AnalyzeOptions = {}): PolicyFinding[] {
    return analyzeParsedPolicy(parsed, options).findings;
}

/** Parse + run every check and test; syntax errors come back as findings with check "syntax". Never throws on any string input. */
export function analyzePolicy(text: string, file?: string, options?: AnalyzeOptions): PolicyFinding[] {
    return checkPolicy(parsePolicy(text, file), options);
}
