/** Lookups over a stack's resources for the stack rules. */
import type { StackResource } from "./rule";
import { UnknownPropertyError } from "./unknowns";

export function ofType(resources: readonly StackResource[], ...types: string[]): StackResource[] {
    return resources.filter((r) => types.includes(r.type));
}

/**
 * The value `read` returns, or undefined when it reads a value unknown until apply. Only for lookups that
 * have another way to succeed (matching by dependency when a name is unknown); a decision must not use it.
 */
export function ifKnown<T>(read: () => T): T | undefined {
    try {
        return read();
    } catch (error) {
        if (error instanceof UnknownPropertyError) {
            return undefined;
        }
        throw error;
    }
}

/**
 * Which tailnet a resource is managed in: the `tailnet` its provider is configured with, else the provider
 * itself (a provider with no tailnet set uses its credentials' tailnet).
 */
export function tailnetOf(resource: StackResource): string {
    const provider = resource.provider;
    if (!provider) {
        return "the default tailnet";
    }
    const tailnet = ifKnown(() => provider.props.tailnet);
    return typeof tailnet === "string" && tailnet !== "" && tailnet !== "-" ? `tailnet ${tailnet}` : `the tailnet of provider ${provider.name}`;
}

/** Groups resources by tailnet, keeping insertion order. */
export function byTailnet(resources: readonly StackResource[]): Map<string, StackResource[]> {
    const groups = new Map<string, StackResource[]>();
    for (const resource of resources) {
        const key = tailnetOf(resource);
        const group = groups.get(key) ?? [];
        group.push(resource);
        groups.set(key, group);
    }
    return groups;
}

/** True when `from` depends on `to` (an input of `from` comes from `to`). */
export function dependsOn(from: StackResource, to: StackResource): boolean {
    return from.dependencies.includes(to.urn);
}

/** Tailscale resources proper (not providers). */
export function tailscaleResources(resources: readonly StackResource[]): StackResource[] {
    return resources.filter((r) => r.type.startsWith("tailscale:"));
}
