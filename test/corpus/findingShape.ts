/**
 * What every diagnostic of the policy-file analyser must look like, whatever the input: a known check
 * id, a one-line message, and a location in the analysed file with line >= 1 and column >= 1.
 */
import assert from "node:assert/strict";
import { LINT_CATALOG, POLICY_TEST_IDS, POLICY_VALIDATION_IDS, type PolicyFinding } from "../../acl";

/** Check ids that say the file breaks the grammar (acl/findings.ts PolicyValidationId). */
export const VALIDATION_IDS: ReadonlySet<string> = new Set<string>(POLICY_VALIDATION_IDS);

export const ALL_CHECK_IDS: ReadonlySet<string> = new Set<string>([...VALIDATION_IDS, ...Object.keys(LINT_CATALOG), ...POLICY_TEST_IDS]);

/** "check@line:col", the compact form the corpus tables use. */
export function findingKey(finding: PolicyFinding): string {
    return `${finding.check}@${finding.location?.line}:${finding.location?.column}`;
}

/** The validation findings of a run as "check@line:col" (lints left out: they are policy advice, not input errors). */
export function validationKeys(findings: readonly PolicyFinding[]): string[] {
    return findings.filter((f) => VALIDATION_IDS.has(f.check)).map(findingKey);
}

/** Line count of a text as LineIndex counts lines ("\n", "\r\n" and a lone "\r" each end one). */
export function lineCount(text: string): number {
    return text.split(/\r\n|\r|\n/).length;
}

/**
 * Asserts every finding is well formed: a known check id, a non-empty single-line message that
 * carries no stack trace, and a location in `file` inside the text (line >= 1, column >= 1).
 */
export function assertWellFormed(findings: readonly PolicyFinding[], file: string, text: string): void {
    const lines = lineCount(text);
    for (const finding of findings) {
        const where = `${findingKey(finding)} in ${file}`;
        assert.ok(ALL_CHECK_IDS.has(finding.check), `unknown check id ${finding.check}`);
        assert.equal(typeof finding.message, "string", where);
        assert.ok(finding.message.length > 0, `${where}: empty message`);
        assert.ok(!/\n\s+at /.test(finding.message), `${where}: message carries a stack trace`);
        assert.ok(finding.location !== undefined, `${where}: no location`);
        assert.equal(finding.location.file, file, where);
        assert.ok(Number.isInteger(finding.location.line) && finding.location.line >= 1, `${where}: line < 1`);
        assert.ok(Number.isInteger(finding.location.column) && finding.location.column >= 1, `${where}: column < 1`);
        assert.ok(finding.location.line <= lines, `${where}: line past the end of the text (${lines} lines)`);
    }
}
