/** The verdict every command prints and exits with: mandatory violations block, advisories do not. */

export function countMandatory(result: { violations: ReadonlyArray<{ enforcementLevel: string }> }): number {
    return result.violations.filter((v) => v.enforcementLevel === "mandatory").length;
}

/** "Result: passed (0 mandatory violations, N advisory)" or "Result: <failedWord> (M mandatory violation(s), N advisory)". */
export function verdictLine(result: { violations: ReadonlyArray<{ enforcementLevel: string }> }, failedWord: string): string {
    const mandatory = countMandatory(result);
    const advisory = result.violations.length - mandatory;
    return mandatory === 0
        ? `Result: passed (0 mandatory violations, ${advisory} advisory)`
        : `Result: ${failedWord} (${mandatory} mandatory violation${mandatory === 1 ? "" : "s"}, ${advisory} advisory)`;
}
