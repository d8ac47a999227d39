import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import type { PolicyTape } from "../tape";

/** Thresholds of the configurable checks; every field is optional and has a default. */
export interface AnalyzeOptions {
    /** Longest SSH checkPeriod accepted by ssh-check-period-too-long, in hours (default 12). */
    maxCheckPeriodHours?: number;
}

/**
 * One check over a policy that parsed to an object, read from its token tape (acl/tape.ts): a check must
 * skip sections that do not have the shape it expects rather than throw.
 */
export type PolicyCheck = (parsed: ParsedPolicy, tape: PolicyTape, options: AnalyzeOptions) => PolicyFinding[];
