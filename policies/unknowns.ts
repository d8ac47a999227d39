/**
 * Values unknown until apply. During `pulumi preview` the engine sends a computed input (an ID, an ARN,
 * a generated name) as a sentinel string; @pulumi/policy keeps those sentinels in the props it hands to
 * a policy and throws its UnknownValueError when one is read through its proxy
 * (node_modules/@pulumi/policy/proxy.js). Rules here read props through `guardUnknowns`, which throws an
 * `UnknownPropertyError` naming the resource and the property path, so that evaluate.ts can report
 * "cannot verify <prop> until apply" at advisory level instead of passing silently.
 */

/** The sentinels @pulumi/policy uses for unknown values (proxy.js, unknown*Value); a test keeps them in step. */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (also the engine's generic unknown)
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The generic unknown, for tests and fixtures. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/** Thrown when a rule reads a value that is unknown until apply. */
export class UnknownPropertyError extends Error {
    constructor(
        readonly resourceName: string,
        readonly path: string,
        /** The URN of the resource, when the guard was given it. */
        readonly urn?: string,
    ) {
        super(`${resourceName}.${path} is unknown until apply`);
        this.name = "UnknownPropertyError";
    }
}

/** Key under which @pulumi/policy's proxy returns the object it wraps (proxy.js getSpecialProxyTarget). */
const SDK_PROXY_TARGET = "__getSpecialProxyTarget";

/** The plain object behind @pulumi/policy's unknown-checking proxy, or the value itself. */
export function unwrapSdkProxy<T>(value: T): T {
    if (typeof value === "object" && value !== null) {
        const target = (value as Record<string, unknown>)[SDK_PROXY_TARGET];
        if (typeof target === "object" && target !== null) {
            return target as T;
        }
    }
    return value;
}

function pathOf(path: string, key: string | symbol): string {
    const segment = typeof key === "symbol" ? key.toString() : key;
    return path === "" ? segment : /^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`;
}

/** Symbol under which a guarded view returns the plain value it wraps. */
const GUARDED_TARGET = Symbol("tailnet-guard.guardedTarget");

/** The plain value behind a guarded view (unknown sentinels included), or the value itself. */
export function unguarded<T>(value: T): T {
    if (typeof value === "object" && value !== null) {
        const target = (value as Record<symbol, unknown>)[GUARDED_TARGET];
        if (target !== undefined) {
            return target as T;
        }
    }
    return value;
}

/**
 * A read-only view of `value` that throws UnknownPropertyError on reading an unknown sentinel.
 * `in`, Object.keys and Array.isArray behave as on the plain value.
 */
export function guardUnknowns<T>(value: T, resourceName: string, path = "", urn?: string): T {
    if (typeof value !== "object" || value === null) {
        return value;
    }
    return new Proxy(value as unknown as object, {
        get(target, key, receiver) {
            if (key === GUARDED_TARGET) {
                return target;
            }
            const field = Reflect.get(target, key, receiver) as unknown;
            if (typeof key === "symbol") {
                return field;
            }
            if (isUnknownSentinel(field)) {
                throw new UnknownPropertyError(resourceName, pathOf(path, key), urn);
            }
            // Proxy invariant: a non-configurable, non-writable own data property must be returned as is.
            const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
            if (descriptor && "value" in descriptor && descriptor.configurable === false && descriptor.writable === false) {
                return field;
            }
            return guardUnknowns(field, resourceName, pathOf(path, key), urn);
        },
        set() {
            return false;
        },
    }) as T;
}

/**
 * A deep copy of plain objects and arrays with no proxies, for remediation results. Unknown sentinels stay
 * as they are; any other object (notably @pulumi/policy's Secret, which the SDK re-wraps as a secret when it
 * serialises the result) is kept by reference so that a remediation never turns a secret into plain text.
 */
export function plainCopy<T>(value: T): T {
    if (Array.isArray(value)) {
        return value.map((item) => plainCopy(item)) as unknown as T;
    }
    if (typeof value === "object" && value !== null) {
        const prototype = Object.getPrototypeOf(value);
        if (prototype !== Object.prototype && prototype !== null) {
            return value;
        }
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
            out[key] = plainCopy(Reflect.get(value as object, key) as unknown);
        }
        return out as T;
    }
    return value;
}

/**
 * The plain inputs behind every proxy layer: ours (guardUnknowns) and the SDK's (the unknown-checking
 * proxy and, during Remediate, the secrets-preserving proxy, behind which secrets are Secret objects).
 */
export function innermost<T>(value: T): T {
    let current = unguarded(value);
    for (let i = 0; i < 4; i++) {
        const next = unwrapSdkProxy(current);
        if (next === current) break;
        current = next;
    }
    return current;
}
