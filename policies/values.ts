/** Small readers for resource inputs, which arrive as loosely typed JSON. */
import { innermost, isUnknownSentinel, plainCopy, unguarded } from "./unknowns";

export function isTrue(value: unknown): boolean {
    return value === true;
}

export function asNumber(value: unknown): number | undefined {
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

export function asStringList(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Shows a value in a message; never used for secret fields. */
export function show(value: unknown): string {
    return value === undefined ? "unset" : JSON.stringify(value);
}

/**
 * The resource's inputs with `changes` applied, for a remediation. Copies the plain inputs (unknown values
 * stay unknown for the engine to resolve) so that an unknown field the fix does not touch does not stop it.
 */
export function patched(props: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
    return { ...plainCopy(innermost(props)), ...changes };
}

/** True for a non-empty string. */
export function isNonEmptyString(value: unknown): value is string {
    return typeof value === "string" && value.trim().length > 0;
}

/**
 * For presence checks only: true when the input is a non-empty string or a value computed from another
 * resource (unknown during preview, such as a role's ARN). Reads without tripping the unknown guard: that a
 * computed value will be set is known even when the value is not.
 */
export function isSetOrComputed(props: Record<string, unknown>, key: string): boolean {
    const raw = (unguarded(props) as Record<string, unknown>)[key];
    return isUnknownSentinel(raw) || isNonEmptyString(raw);
}
