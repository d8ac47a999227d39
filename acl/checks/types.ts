import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";

/**
 * One check over a policy that parsed to an object. `doc` is that object, untyped: a check must
 * skip sections that do not have the shape it expects rather than throw.
 */
export type PolicyCheck = (parsed: ParsedPolicy, doc: Record<string, unknown>) => PolicyFinding[];
