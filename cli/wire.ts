/**
 * Pulumi's wire form of resource properties, as the engine sends them to an analyzer: secrets wrapped in
 * a signature object, unknown (computed) values as a sentinel string.
 * See https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/runtime/rpc.ts for the constants.
 */

import { SECRET_PLACEHOLDER, SECRET_SIG, SPECIAL_SIG_KEY } from "../policies/secretValues";
import { UNKNOWN as UNKNOWN_VALUE } from "../policies/unknowns";

export { SECRET_PLACEHOLDER, SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_VALUE };

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
