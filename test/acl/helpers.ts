import { analyzePolicy, type PolicyCheckId, type PolicyFinding } from "../../acl";

/** Findings of one check only. */
export function findingsOf(text: string, check: PolicyCheckId): PolicyFinding[] {
    return analyzePolicy(text, "policy.hujson").filter((finding) => finding.check === check);
}

/** Lines joined with "\n", so tests can state positions line by line. */
export function lines(...rows: string[]): string {
    return rows.join("\n");
}

/** "line:column" of a finding, for compact assertions. */
export function at(finding: PolicyFinding): string {
    return finding.location === undefined ? "none" : `${finding.location.line}:${finding.location.column}`;
}

/**
 * "line:column" where `needle` first occurs in `text` (1-based, "\n" line breaks): the expected
 * position of a finding about that value, derived from the input rather than from the analyser.
 */
export function positionOf(text: string, needle: string, occurrence = 1, after?: string): string {
    let offset = after === undefined ? -1 : text.indexOf(after);
    if (offset < 0 && after !== undefined) throw new Error(`${JSON.stringify(after)} is not in the policy text`);
    for (let i = 0; i < occurrence; i++) {
        offset = text.indexOf(needle, offset + 1);
        if (offset < 0) throw new Error(`${JSON.stringify(needle)} (occurrence ${occurrence}) is not in the policy text`);
    }
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    return `${line}:${column}`;
}

/** The policy as indented JSON text, the way tests write policies with one value per line. */
export function policyText(policy: unknown): string {
    return JSON.stringify(policy, null, 2);
}

/** Every finding as [check, "line:col", message], in report order. */
export function summary(text: string, options?: Parameters<typeof analyzePolicy>[2]): Array<[string, string, string]> {
    return analyzePolicy(text, "policy.hujson", options).map((f) => [f.check, at(f), f.message]);
}
