import * as pulumi from "@pulumi/pulumi";

/**
 * Throws the error every component uses for a bad argument: it names the component, the field, the
 * value given and the fix. Thrown before any child resource is registered.
 */
export function badArgument(resource: pulumi.Resource, component: string, field: string, value: unknown, fix: string): never {
    const shown = value === undefined ? "unset" : JSON.stringify(value);
    throw new pulumi.ResourceError(`${component}: ${field} is ${shown}: ${fix}`, resource, true);
}

/** A tag as Tailscale accepts it: "tag:" then a letter, then letters, digits or dashes. */
export const TAG_PATTERN = /^tag:[A-Za-z][A-Za-z0-9-]*$/;

export function isInteger(value: unknown): value is number {
    return typeof value === "number" && Number.isInteger(value);
}
