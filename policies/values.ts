/** Small readers for resource inputs, which arrive as loosely typed JSON. */

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
