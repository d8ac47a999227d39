import { parsePolicy, type ParsedPolicy } from "../../../acl";
import { createEvaluator, type EvaluatorOptions, type PolicyEvaluator } from "../../../acl/evaluate";

/** A policy object as a parsed file (pretty-printed, so every rule has its own lines). */
export function parsedOf(policy: Record<string, unknown>): ParsedPolicy {
    return parsePolicy(JSON.stringify(policy, null, 2), "policy.hujson");
}

export function evaluatorOf(policy: Record<string, unknown>, options?: EvaluatorOptions): PolicyEvaluator {
    return createEvaluator(parsedOf(policy), options);
}

/** "allow grants[1]" / "deny", for compact table assertions. */
export function verdict(result: { allowed: boolean; decidedBy?: { path: string } }): string {
    return result.allowed ? `allow ${result.decidedBy?.path}` : "deny";
}

/** "accept ssh[0]" / "check ssh[1]" / "deny". */
export function sshVerdict(result: { action: string; decidedBy?: { path: string } }): string {
    return result.action === "deny" ? "deny" : `${result.action} ${result.decidedBy?.path}`;
}
