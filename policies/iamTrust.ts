/** Reading an IAM trust policy (a role's assumeRolePolicy) for the statements that let another account in. */

interface Statement {
    Effect?: unknown;
    Action?: unknown;
    Principal?: unknown;
    Condition?: unknown;
}

function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function allowsAssumeRole(statement: Statement): boolean {
    return statement.Effect === "Allow" && list(statement.Action).some((a) => a === "sts:AssumeRole" || a === "sts:*" || a === "*");
}

function hasAwsPrincipal(statement: Statement): boolean {
    const principal = statement.Principal;
    return principal === "*" || (typeof principal === "object" && principal !== null && "AWS" in principal);
}

/** True when the statement's Condition pins sts:ExternalId with StringEquals (or StringLike without wildcards). */
function requiresExternalId(statement: Statement): boolean {
    const condition = statement.Condition;
    if (typeof condition !== "object" || condition === null) return false;
    for (const [operator, clauses] of Object.entries(condition as Record<string, unknown>)) {
        if (!/^String(Equals|Like)$/.test(operator) || typeof clauses !== "object" || clauses === null) continue;
        for (const [key, value] of Object.entries(clauses as Record<string, unknown>)) {
            if (key.toLowerCase() === "sts:externalid" && list(value).length > 0 && list(value).every((v) => typeof v === "string" && v !== "" && !v.includes("*"))) {
                return true;
            }
        }
    }
    return false;
}

export type TrustProblem = { kind: "unreadable" } | { kind: "missing-external-id"; statementIndexes: number[] };

/** Problems with a trust policy given as JSON text or an object; undefined when every cross-account grant pins an external ID. */
export function trustPolicyProblem(policy: unknown): TrustProblem | undefined {
    let document: unknown = policy;
    if (typeof policy === "string") {
        try {
            document = JSON.parse(policy);
        } catch {
            return { kind: "unreadable" };
        }
    }
    if (typeof document !== "object" || document === null) {
        return { kind: "unreadable" };
    }
    const statements = list((document as Record<string, unknown>).Statement) as Statement[];
    const missing = statements
        .map((s, i) => ({ s, i }))
        .filter(({ s }) => typeof s === "object" && s !== null && allowsAssumeRole(s) && hasAwsPrincipal(s) && !requiresExternalId(s))
        .map(({ i }) => i);
    return missing.length > 0 ? { kind: "missing-external-id", statementIndexes: missing } : undefined;
}
