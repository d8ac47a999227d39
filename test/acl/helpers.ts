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
