/**
 * Policy-file fragments that components contribute to the tailnet's policy: a subnet router's route
 * auto-approval for its own tag, a Tailscale Service's host approval, the device posture rules.
 * `HardenedTailnet` merges them into the policy document before rendering and checking it, so each
 * approval is granted to the one tag that needs it and is visible in the rendered file.
 */
import type { PolicyDocument, PostureSelector } from "../acl";
import type { AutoApprovers } from "../acl/document";

export interface PolicyFragment {
    /** Where the fragment comes from ("SubnetRouter office"), used in conflict messages. */
    source: string;
    /** Auto-approvals to add: routes, exit node, services. */
    autoApprovers?: AutoApprovers;
    /** Posture definitions to add; a name already defined with other conditions is a conflict. */
    postures?: Record<PostureSelector, string[]>;
    /** Postures to add to `defaultSrcPosture`. */
    defaultSrcPosture?: string[];
}

/** The fragments could not be merged: two sources define the same posture differently. */
export class PolicyFragmentConflict extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyFragmentConflict";
    }
}

function union(a: readonly string[] | undefined, b: readonly string[]): string[] {
    const out = [...(a ?? [])];
    for (const item of b) {
        if (!out.includes(item)) out.push(item);
    }
    return out;
}

function mergeMap(target: Record<string, string[]> | undefined, add: Record<string, string[]> | undefined): Record<string, string[]> | undefined {
    if (add === undefined) return target;
    const out: Record<string, string[]> = { ...(target ?? {}) };
    for (const [key, values] of Object.entries(add)) {
        out[key] = union(out[key], values);
    }
    return out;
}

/**
 * Returns a new document with the fragments merged in: approver lists are unions (existing entries
 * first, in order), postures are added, `defaultSrcPosture` is extended. Never mutates its inputs.
 */
export function mergePolicyFragments(doc: PolicyDocument, fragments: readonly PolicyFragment[]): PolicyDocument {
    if (fragments.length === 0) return doc;
    const out: PolicyDocument = { ...doc };
    for (const fragment of fragments) {
        if (fragment.autoApprovers !== undefined) {
            const current: AutoApprovers = { ...(out.autoApprovers ?? {}) };
            const routes = mergeMap(current.routes, fragment.autoApprovers.routes);
            const services = mergeMap(current.services, fragment.autoApprovers.services);
            const exitNode = fragment.autoApprovers.exitNode ? union(current.exitNode, fragment.autoApprovers.exitNode) : current.exitNode;
            out.autoApprovers = {
                ...current,
                ...(routes ? { routes } : {}),
                ...(exitNode ? { exitNode } : {}),
                ...(services ? { services } : {}),
            };
        }
        if (fragment.postures !== undefined) {
            const postures: Record<PostureSelector, string[]> = { ...(out.postures ?? {}) };
            for (const [name, conditions] of Object.entries(fragment.postures) as [PostureSelector, string[]][]) {
                const existing = postures[name];
                if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(conditions)) {
                    throw new PolicyFragmentConflict(
                        `${fragment.source}: posture ${name} is already defined with other conditions: rename one of them`,
                    );
                }
                postures[name] = [...conditions];
            }
            out.postures = postures;
        }
        if (fragment.defaultSrcPosture !== undefined) {
            out.defaultSrcPosture = union(out.defaultSrcPosture, fragment.defaultSrcPosture);
        }
    }
    return out;
}
