/**
 * Policy-file fragments that components contribute to the tailnet's policy: a subnet router's route
 * auto-approval for its own tag, an app connector's app, a Tailscale Service's host approval, the
 * device posture rules.
 * `HardenedTailnet` merges them into the policy document before rendering and checking it, so each
 * approval is granted to the one tag that needs it and is visible in the rendered file.
 */
import type { PolicyDocument, PostureSelector } from "../acl";
import { APP_CONNECTORS_CAPABILITY, type AutoApprovers, type NodeAttr } from "../acl/document";
import { badArgument } from "./errors";
import { checkList, checkObject, checkStringList, type Checker } from "./validation";

export interface PolicyFragment {
    /** Where the fragment comes from ("SubnetRouter office"), used in conflict messages. */
    source: string;
    /** Auto-approvals to add: routes, exit node, services. */
    autoApprovers?: AutoApprovers;
    /** Posture definitions to add; a name already defined with other conditions is a conflict. */
    postures?: Record<PostureSelector, string[]>;
    /** Postures to add to `defaultSrcPosture`. */
    defaultSrcPosture?: string[];
    /** Node attributes to add (an app connector's app), after the document's own entries. */
    nodeAttrs?: NodeAttr[];
}

/** The fragments could not be merged: two sources define the same posture, or the same app connector app, differently. */
export class PolicyFragmentConflict extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyFragmentConflict";
    }
}

/*
 * The policy document is the user's and is checked only after merging (rendered, then analysed with
 * file:line:col). So a malformed existing value (a number where a list belongs, an autoApprovers that
 * is not an object) is never merged into nor reshaped: it is kept as given, for that analysis to reject.
 */
function isMap(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
    return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function union(a: readonly string[] | undefined, b: readonly string[]): string[] {
    if (a !== undefined && !Array.isArray(a)) return a as string[]; // malformed: kept for the analysis
    const out = [...(a ?? [])];
    for (const item of b) {
        if (!out.includes(item)) out.push(item);
    }
    return out;
}

function mergeMap(target: Record<string, string[]> | undefined, add: Record<string, string[]> | undefined): Record<string, string[]> | undefined {
    if (add === undefined || (target !== undefined && !isMap(target))) return target; // malformed: kept for the analysis
    const out: Record<string, string[]> = { ...(target ?? {}) };
    for (const [key, values] of Object.entries(add)) {
        out[key] = union(out[key], values);
    }
    return out;
}

const FRAGMENT_FIX = "give a fragment from another component, e.g. router.policyFragment";

/** Each value of a name-to-list map (routes, services, postures) must be a list of strings. */
function checkStringListMap(c: Checker, field: string, value: unknown): void {
    if (value === undefined) return;
    checkObject(c, field, value, FRAGMENT_FIX);
    for (const [key, list] of Object.entries(value)) {
        checkStringList(c, `${field}[${JSON.stringify(key)}]`, list, FRAGMENT_FIX);
    }
}

/**
 * Checks one fragment's shape (an object whose approver, posture and default-posture fields are
 * string lists) so that merging it can never fail with a TypeError; what the strings say is checked
 * later, with the whole rendered policy.
 */
export function checkPolicyFragment(c: Checker, field: string, fragment: unknown): asserts fragment is PolicyFragment {
    checkObject(c, field, fragment, FRAGMENT_FIX);
    if (typeof fragment.source !== "string") {
        badArgument(c.resource, c.component, `${field}.source`, fragment.source, FRAGMENT_FIX);
    }
    if (fragment.autoApprovers !== undefined) {
        checkObject(c, `${field}.autoApprovers`, fragment.autoApprovers, FRAGMENT_FIX);
        const { routes, services, exitNode } = fragment.autoApprovers;
        checkStringListMap(c, `${field}.autoApprovers.routes`, routes);
        checkStringListMap(c, `${field}.autoApprovers.services`, services);
        if (exitNode !== undefined) checkStringList(c, `${field}.autoApprovers.exitNode`, exitNode, FRAGMENT_FIX);
    }
    checkStringListMap(c, `${field}.postures`, fragment.postures);
    if (fragment.defaultSrcPosture !== undefined) checkStringList(c, `${field}.defaultSrcPosture`, fragment.defaultSrcPosture, FRAGMENT_FIX);
    if (fragment.nodeAttrs !== undefined) {
        checkList(c, `${field}.nodeAttrs`, fragment.nodeAttrs, FRAGMENT_FIX);
        fragment.nodeAttrs.forEach((entry: unknown, i) => {
            checkObject(c, `${field}.nodeAttrs[${i}]`, entry, FRAGMENT_FIX);
            checkStringList(c, `${field}.nodeAttrs[${i}].target`, entry.target, FRAGMENT_FIX);
        });
    }
}

/** JSON with object keys sorted, so that two values compare equal whatever order their keys were written in. */
function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
    if (isMap(value)) return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
    return JSON.stringify(value) ?? "null";
}

/** The apps that app-connector entries of a nodeAttrs list define, by name, as canonical JSON (for comparison). */
function appConnectorsByName(nodeAttrs: readonly unknown[]): Map<string, string> {
    const apps = new Map<string, string>();
    for (const entry of nodeAttrs) {
        const configs = isMap(entry) && isMap(entry.app) ? entry.app[APP_CONNECTORS_CAPABILITY] : undefined;
        if (!Array.isArray(configs)) continue;
        for (const config of configs) {
            if (isMap(config) && typeof config.name === "string" && !apps.has(config.name)) apps.set(config.name, canonicalJson(config));
        }
    }
    return apps;
}

/**
 * The document's nodeAttrs with the fragment's entries appended. An entry already present (the same
 * JSON, whatever the order of its keys) is not added twice; an app connector app whose name is
 * already defined with another configuration is a conflict, since Tailscale would then route the same
 * app two ways. The apps defined so far are read once and kept up to date as entries are added.
 */
function mergeNodeAttrs(current: unknown, add: readonly NodeAttr[], source: string): unknown {
    if (current !== undefined && !Array.isArray(current)) return current; // malformed: kept for the analysis
    const out: unknown[] = [...(current ?? [])];
    const present = new Set(out.map(canonicalJson));
    const defined = appConnectorsByName(out);
    for (const entry of add) {
        const text = canonicalJson(entry);
        if (present.has(text)) continue;
        const apps = appConnectorsByName([entry]);
        for (const [name, config] of apps) {
            const existing = defined.get(name);
            if (existing !== undefined && existing !== config) {
                throw new PolicyFragmentConflict(`${source}: app connector app ${JSON.stringify(name)} is already defined in nodeAttrs with another configuration: rename one of them`);
            }
        }
        out.push(entry);
        present.add(text);
        for (const [name, config] of apps) if (!defined.has(name)) defined.set(name, config);
    }
    return out;
}

/**
 * Returns a new document with the fragments merged in: approver lists are unions (existing entries
 * first, in order), postures are added, `defaultSrcPosture` is extended, node attributes are appended.
 * Never mutates its inputs.
 */
export function mergePolicyFragments(doc: PolicyDocument, fragments: readonly PolicyFragment[]): PolicyDocument {
    if (fragments.length === 0) return doc;
    const out: PolicyDocument = { ...doc };
    for (const fragment of fragments) {
        if (fragment.autoApprovers !== undefined && (out.autoApprovers === undefined || isMap(out.autoApprovers))) {
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
        if (fragment.postures !== undefined && (out.postures === undefined || isMap(out.postures))) {
            const postures: Record<PostureSelector, string[]> = { ...(out.postures ?? {}) };
            for (const [name, conditions] of Object.entries(fragment.postures) as [PostureSelector, string[]][]) {
                const existing: unknown = postures[name];
                if (existing !== undefined && !isStringList(existing)) continue; // malformed: kept for the analysis
                if (existing !== undefined && (existing.length !== conditions.length || existing.some((c, i) => c !== conditions[i]))) {
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
        if (fragment.nodeAttrs !== undefined && fragment.nodeAttrs.length > 0) {
            out.nodeAttrs = mergeNodeAttrs(out.nodeAttrs, fragment.nodeAttrs, fragment.source) as NodeAttr[];
        }
    }
    return out;
}
