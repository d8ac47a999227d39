import * as pulumi from "@pulumi/pulumi";

/** Longest value shown in an error message; longer values are cut with an ellipsis and their size. */
export const MAX_SHOWN_VALUE_LENGTH = 200;

/** Objects and lists nested deeper than this are shown as `{…}` / `[…]`. */
const MAX_SHOWN_DEPTH = 4;

/**
 * Throws the error every component uses for a bad argument: it names the component, the field, the
 * value given and the fix. Thrown before any child resource is registered.
 */
export function badArgument(resource: pulumi.Resource, component: string, field: string, value: unknown, fix: string): never {
    throw new pulumi.ResourceError(`${component}: ${field} is ${describeValue(value)}: ${fix}`, resource, true);
}

/**
 * A short, JSON-like text of any value for an error message. Never throws: BigInts show as `10n`,
 * NaN and the infinities by name, a circular reference as `[Circular]`, deep nesting as `{…}`, an
 * Output or a Promise as what it is, and anything longer than `maxLength` is cut with an ellipsis
 * and its full length (strings) so a huge value cannot make a huge message. `undefined` is "unset".
 */
export function describeValue(value: unknown, maxLength: number = MAX_SHOWN_VALUE_LENGTH): string {
    if (value === undefined) return "unset";
    if (typeof value === "string") {
        if (value.length <= maxLength) return JSON.stringify(value);
        return `${JSON.stringify(cutAt(value, maxLength))}… (${value.length} characters)`;
    }
    const out = new BoundedText(maxLength);
    try {
        writeValue(out, value, new Set(), 0);
    } catch {
        // A getter or a proxy that throws: say what kind of value it is instead.
        return Object.prototype.toString.call(value);
    }
    return out.text();
}

/** Cuts `text` to at most `length` UTF-16 units without splitting a surrogate pair. */
function cutAt(text: string, length: number): string {
    const code = text.charCodeAt(length - 1);
    return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/** Text that stops growing past its limit, so describing a huge list does not walk all of it. */
class BoundedText {
    private parts: string[] = [];
    private size = 0;
    constructor(private readonly limit: number) {}

    get full(): boolean {
        return this.size > this.limit;
    }

    push(part: string): void {
        if (this.full) return;
        this.parts.push(part);
        this.size += part.length;
    }

    text(): string {
        const joined = this.parts.join("");
        return this.full ? `${cutAt(joined, this.limit)}…` : joined;
    }
}

function writeValue(out: BoundedText, value: unknown, ancestors: Set<object>, depth: number): void {
    switch (typeof value) {
        case "undefined":
            out.push("undefined");
            return;
        case "bigint":
            out.push(`${value}n`);
            return;
        case "number":
            out.push(Object.is(value, -0) ? "-0" : String(value)); // NaN, Infinity, -Infinity by name
            return;
        case "string":
            out.push(JSON.stringify(value.length > MAX_SHOWN_VALUE_LENGTH ? `${cutAt(value, MAX_SHOWN_VALUE_LENGTH)}…` : value));
            return;
        case "boolean":
            out.push(String(value));
            return;
        case "symbol":
            out.push(value.toString());
            return;
        case "function":
            out.push(value.name ? `function ${value.name}` : "a function");
            return;
    }
    if (value === null) {
        out.push("null");
        return;
    }
    const object = value as object;
    if (pulumi.Output.isInstance(object)) {
        out.push("an Output (a value known only during deployment)");
        return;
    }
    if (object instanceof Promise) {
        out.push("a Promise");
        return;
    }
    if (object instanceof Date) {
        out.push(Number.isNaN(object.getTime()) ? "an invalid Date" : JSON.stringify(object.toISOString()));
        return;
    }
    if (ancestors.has(object)) {
        out.push("[Circular]");
        return;
    }
    const isList = Array.isArray(object);
    if (depth >= MAX_SHOWN_DEPTH) {
        out.push(isList ? "[…]" : "{…}");
        return;
    }
    ancestors.add(object);
    if (isList) {
        out.push("[");
        for (let i = 0; i < object.length && !out.full; i++) {
            if (i > 0) out.push(",");
            writeValue(out, object[i], ancestors, depth + 1);
        }
        out.push("]");
    } else {
        out.push("{");
        let first = true;
        for (const key of Object.keys(object)) {
            if (out.full) break;
            const member = (object as Record<string, unknown>)[key];
            if (member === undefined) continue; // an unset field, as JSON leaves it out
            if (!first) out.push(",");
            first = false;
            out.push(`${JSON.stringify(key)}:`);
            writeValue(out, member, ancestors, depth + 1);
        }
        out.push("}");
    }
    ancestors.delete(object);
}

/** A tag as Tailscale accepts it: "tag:" then a letter, then letters, digits or dashes. */
export const TAG_PATTERN = /^tag:[A-Za-z][A-Za-z0-9-]*$/;

export function isInteger(value: unknown): value is number {
    return typeof value === "number" && Number.isInteger(value);
}
