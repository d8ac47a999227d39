/**
 * Pulumi's wire form of resource properties, as the engine sends them to an analyzer: secrets wrapped in
 * a signature object, unknown (computed) values as a sentinel string.
 * See https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/runtime/rpc.ts for the constants.
 */

export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What the CLI prints in place of a secret value. */
export const SECRET_PLACEHOLDER = "[secret]";
/** What the CLI prints in place of a value unknown until apply. */
export const UNKNOWN_PLACEHOLDER = "[unknown]";

export type WireValue = unknown;

export function wireSecret(value: WireValue): Record<string, WireValue> {
    return { [SPECIAL_SIG_KEY]: SECRET_SIG, value };
}

export function isWireSecret(value: WireValue): value is { value: WireValue } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG;
}

/** A copy fit to print: secrets become "[secret]", unknowns "[unknown]". */
export function redactWire(value: WireValue): unknown {
    if (isWireSecret(value)) {
        return SECRET_PLACEHOLDER;
    }
    if (value === UNKNOWN_VALUE) {
        return UNKNOWN_PLACEHOLDER;
    }
    if (Array.isArray(value)) {
        return value.map(redactWire);
    }
    if (typeof value === "object" && value !== null) {
        const out: Record<string, unknown> = {};
        for (const [key, inner] of Object.entries(value)) {
            out[key] = redactWire(inner);
        }
        return out;
    }
    return value;
}

/** Every plain string held in secret wrappers, so output can be checked for leaks. */
export function secretStrings(value: WireValue, inSecret = false, into: string[] = []): string[] {
    if (isWireSecret(value)) {
        return secretStrings(value.value, true, into);
    }
    if (typeof value === "string") {
        if (inSecret && value.length > 0) {
            into.push(value);
        }
    } else if (Array.isArray(value)) {
        value.forEach((v) => secretStrings(v, inSecret, into));
    } else if (typeof value === "object" && value !== null) {
        Object.values(value).forEach((v) => secretStrings(v, inSecret, into));
    }
    return into;
}
