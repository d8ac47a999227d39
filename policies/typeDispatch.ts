/**
 * Analyze calls routed by resource type. @pulumi/policy's Analyze handler visits every policy of the pack
 * for every resource: for the ~60 policies that cannot apply to a given type it builds a not-applicable
 * entry, and for the others it deserializes the resource's properties once per policy
 * (node_modules/@pulumi/policy/server.js, makeAnalyzeRpcFun). With one policy per rule that loop, not the
 * rules, is most of the pack's cost per call.
 *
 * This module keeps the SDK's handler and its semantics (config, enforcement levels, report format,
 * unknown values, errors) and only narrows what it visits: for each resource type it builds, once, the
 * SDK's own handler over the policies that apply to that type, and answers for the others with the same
 * not-applicable entries the SDK would have built (prepared once per type and reused). A test compares
 * the answers with those of the SDK's handler over the whole pack, request by request.
 */
import type { AnalyzeResponseLike, NotApplicableEntry } from "./responseEncoding";

/** A unary gRPC handler as @grpc/grpc-js calls it. */
export type AnyHandler = (call: { request: unknown }, callback: (...args: unknown[]) => void) => unknown;

/** What the dispatcher needs to know of each policy of the pack, in pack order. */
export interface DispatchPolicy<P> {
    /** The SDK policy object, handed to the SDK's handler unchanged. */
    policy: P;
    name: string;
    /** Resource types the policy applies to; undefined for a stack policy (not visited by Analyze). */
    resourceTypes: readonly string[] | undefined;
    /** The reason the SDK reports when the policy does not apply to a type. */
    notApplicableReason: string;
}

/** Adds entries to what the SDK reported, keeping the pack's order of policies. */
export function addNotApplicable(response: AnalyzeResponseLike, entries: readonly NotApplicableEntry[], order: ReadonlyMap<string, number>): void {
    if (entries.length === 0) return;
    const fromSdk = response.getNotApplicableList();
    const position = (entry: NotApplicableEntry) => order.get(entry.getPolicyName()) ?? -1;
    response.setNotApplicableList(fromSdk.length === 0 ? [...entries] : [...fromSdk, ...entries].sort((a, b) => position(a) - position(b)));
}

/** A policy's prepared not-applicable entry. */
export interface PreparedEntry {
    name: string;
    entry: NotApplicableEntry;
}

/** The entries of the policies not disabled now: the SDK skips a disabled policy before it looks at applicability. */
export function enabledEntries(prepared: readonly PreparedEntry[], levelOf: (policyName: string) => string): NotApplicableEntry[] {
    return prepared.filter((p) => levelOf(p.name) !== "disabled").map((p) => p.entry);
}

export interface TypeDispatchOptions<P> {
    policies: ReadonlyArray<DispatchPolicy<P>>;
    /** The SDK's Analyze handler over the given policies (makeAnalyzeRpcFun bound to the pack's name, version and level). */
    analyzeHandlerFor(policies: readonly P[]): AnyHandler;
    /** A pulumirpc.PolicyNotApplicable for a policy. */
    notApplicableEntry(policyName: string, reason: string): NotApplicableEntry;
    /** The enforcement level in force for a policy now (config at Configure, else the policy's, else the pack's). */
    levelOf(policyName: string): string;
    /** A number that changes whenever the levels may have changed (each accepted Configure). */
    levelsVersion(): number;
}

interface TypeRoute<P> {
    handler: AnyHandler;
    /** Policies that cannot apply to the type, in pack order, each with its prepared entry. */
    others: PreparedEntry[];
    /** The entries to report (those of policies not disabled), for the levels of `levelsVersion`. */
    entries: NotApplicableEntry[];
    levelsVersion: number | undefined;
}

/** An Analyze handler that answers as the SDK's would over every policy, visiting only those that apply. */
export function typeDispatchingAnalyze<P>(options: TypeDispatchOptions<P>): AnyHandler {
    const resourcePolicies = options.policies.filter((p) => p.resourceTypes !== undefined);
    const order = new Map(options.policies.map((p, index) => [p.name, index]));
    const routes = new Map<string, TypeRoute<P>>();

    const routeFor = (type: string): TypeRoute<P> => {
        let route = routes.get(type);
        if (route === undefined) {
            const applies = resourcePolicies.filter((p) => p.resourceTypes!.includes(type));
            const others = resourcePolicies
                .filter((p) => !p.resourceTypes!.includes(type))
                .map((p) => ({ name: p.name, entry: options.notApplicableEntry(p.name, p.notApplicableReason) }));
            route = { handler: options.analyzeHandlerFor(applies.map((p) => p.policy)), others, entries: [], levelsVersion: undefined };
            routes.set(type, route);
        }
        return route;
    };

    return (call, callback) => {
        let route: TypeRoute<P>;
        try {
            route = routeFor((call.request as { getType(): string }).getType());
        } catch (error) {
            callback(error instanceof Error ? error : new Error(String(error)));
            return undefined;
        }
        return route.handler(call, (error: unknown, response?: unknown) => {
            if (error || response === undefined) {
                callback(error, response);
                return;
            }
            const answer = response as AnalyzeResponseLike;
            const version = options.levelsVersion();
            if (route.levelsVersion !== version) {
                route.entries = enabledEntries(route.others, options.levelOf);
                route.levelsVersion = version;
            }
            addNotApplicable(answer, route.entries, order);
            callback(null, answer);
        });
    };
}
