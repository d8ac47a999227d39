/**
 * Analyze and AnalyzeStack handlers that answer as @pulumi/policy's handlers over the whole pack would,
 * at a fraction of the cost, built from the SDK's own handler factories (server.js makeAnalyzeRpcFun and
 * makeAnalyzeStackRpcFun) so that config, enforcement levels, the report format, unknown values and
 * errors keep the SDK's semantics:
 *
 * - Analyze: the SDK's handler over only the policies that apply to the resource's type (typeDispatch.ts).
 * - AnalyzeStack: the SDK's handler over one policy that runs every stack rule (sdkAdapter.ts,
 *   combinedStackPolicy), so the stack is deserialized once rather than once per stack rule; the
 *   not-applicable entries that one policy cannot report for the others are added here.
 *
 * Built on the first call (the pack's version comes from the SDK's GetAnalyzerInfo). If the SDK lacks a
 * factory, or building fails, the SDK's own handlers answer. test/policies/routedHandlers.test.ts checks
 * the answers against the SDK's handlers over the whole pack, request by request.
 */
import { acceptedConfigVersion, configuredLevel, configuredSettings } from "./acceptedConfig";
import type { Rule, StackRule } from "./rule";
import { combinedStackPolicy, isTailscaleType, notApplicableReason, STACK_NOT_APPLICABLE_REASON } from "./sdkAdapter";
import { reusingEntryEncoding, type AnalyzeResponseLike, type NotApplicableEntry } from "./responseEncoding";
import { addNotApplicable, enabledEntries, typeDispatchingAnalyze, type AnyHandler } from "./typeDispatch";

export interface AnalyzerHookOptions {
    rules: readonly Rule[];
    /** The SDK policies handed to PolicyPack, in the same order as `rules`. */
    policies: ReadonlyArray<{ name: string; enforcementLevel?: string }>;
    /** The pack's own enforcement level (PolicyPackArgs.enforcementLevel). */
    packEnforcementLevel: string;
}

type HandlerFactory = (name: string, version: string, level: string, policies: readonly unknown[]) => AnyHandler;

interface SdkServerModule {
    makeAnalyzeRpcFun?: HandlerFactory;
    makeAnalyzeStackRpcFun?: HandlerFactory;
}

interface NotApplicableMessage extends NotApplicableEntry {
    setPolicyName(name: string): void;
    setReason(reason: string): void;
}

interface AnalyzerProtoModule {
    PolicyNotApplicable: new () => NotApplicableMessage;
    AnalyzeResponse: new () => AnalyzeResponseLike & { serializeBinary(): Uint8Array };
}

interface AnalyzerInfoMessage {
    getName(): string;
    getVersion(): string;
}

function loadFrom<T>(policyDir: string, request: string): T {
    return require(require.resolve(request, { paths: [policyDir] })) as T;
}

/** Asks the SDK's GetAnalyzerInfo handler for the pack's name and version (the SDK reads the version from package.json). */
function analyzerInfo(getAnalyzerInfo: AnyHandler): Promise<AnalyzerInfoMessage> {
    return new Promise((resolve, reject) => {
        getAnalyzerInfo({ request: undefined }, (error: unknown, info?: unknown) => {
            if (error || info === undefined) reject(error instanceof Error ? error : new Error(String(error)));
            else resolve(info as AnalyzerInfoMessage);
        });
    });
}

/** A handler built on its first call; the fallback answers if building fails. */
function builtOnFirstCall(build: () => Promise<AnyHandler | undefined>, fallback: AnyHandler): AnyHandler {
    let handler: Promise<AnyHandler> | undefined;
    return (call, callback) => {
        handler ??= build().then(
            (built) => built ?? fallback,
            () => fallback,
        );
        // A handler that throws (rather than answering with an error) fails the call, never the pack.
        handler
            .then((h) => h(call, callback))
            .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
        return undefined;
    };
}

export function routedHandlers(
    options: AnalyzerHookOptions,
    implementation: Record<string, unknown>,
    policyDir: string,
): { analyze: AnyHandler; analyzeStack: AnyHandler } {
    const defaults = new Map(options.policies.map((p) => [p.name, p.enforcementLevel || options.packEnforcementLevel]));
    const levelOf = (name: string) => configuredLevel(name) ?? defaults.get(name) ?? options.packEnforcementLevel;
    const order = new Map(options.rules.map((rule, index) => [rule.name, index]));

    const sdk = async () => {
        const server = loadFrom<SdkServerModule>(policyDir, "@pulumi/policy/server");
        const proto = loadFrom<AnalyzerProtoModule>(policyDir, "@pulumi/pulumi/proto/analyzer_pb");
        if (typeof implementation.getAnalyzerInfo !== "function") return undefined;
        const info = await analyzerInfo(implementation.getAnalyzerInfo as AnyHandler);
        const entry = (name: string, reason: string): NotApplicableEntry => {
            const message = new proto.PolicyNotApplicable();
            message.setPolicyName(name);
            message.setReason(reason);
            return message;
        };
        return { server, info, entry };
    };
    let pieces: ReturnType<typeof sdk> | undefined;
    const sdkPieces = () => (pieces ??= sdk());

    const analyze = builtOnFirstCall(async () => {
        const loaded = await sdkPieces();
        const make = loaded?.server.makeAnalyzeRpcFun;
        if (!loaded || typeof make !== "function") return undefined;
        return typeDispatchingAnalyze({
            policies: options.rules.map((rule, index) => ({
                policy: options.policies[index],
                name: rule.name,
                resourceTypes: rule.kind === "resource" ? rule.resourceTypes : undefined,
                notApplicableReason: rule.kind === "resource" ? notApplicableReason(rule.resourceTypes) : "",
            })),
            analyzeHandlerFor: (policies) => make(loaded.info.getName(), loaded.info.getVersion(), options.packEnforcementLevel, policies),
            notApplicableEntry: loaded.entry,
            levelOf,
            levelsVersion: acceptedConfigVersion,
        });
    }, implementation.analyze as AnyHandler);

    const analyzeStack = builtOnFirstCall(async () => {
        const loaded = await sdkPieces();
        const make = loaded?.server.makeAnalyzeStackRpcFun;
        if (!loaded || typeof make !== "function") return undefined;
        const stackRules = options.rules.filter((rule): rule is StackRule => rule.kind === "stack");
        const handler = make(loaded.info.getName(), loaded.info.getVersion(), options.packEnforcementLevel, [
            combinedStackPolicy(stackRules, { levelOf, configOf: configuredSettings }),
        ]);
        // One entry per stack rule, made once; which are reported depends on the levels at the time.
        const entries = stackRules.map((rule) => ({ name: rule.name, entry: loaded.entry(rule.name, STACK_NOT_APPLICABLE_REASON) }));
        const routed: AnyHandler = (call, callback) => {
            let hasTailscale = true;
            try {
                const resources = (call.request as { getResourcesList(): Array<{ getType(): string }> }).getResourcesList();
                hasTailscale = resources.some((r) => isTailscaleType(r.getType()));
            } catch {
                // The SDK's handler reports a malformed request.
            }
            return handler(call, (error: unknown, response?: unknown) => {
                if (!error && response !== undefined && !hasTailscale) {
                    addNotApplicable(response as AnalyzeResponseLike, enabledEntries(entries, levelOf), order);
                }
                callback(error, response);
            });
        };
        return routed;
    }, implementation.analyzeStack as AnyHandler);

    return { analyze, analyzeStack };
}

type MethodDefinition = { responseSerialize?: (response: unknown) => Buffer } & Record<string, unknown>;

/** The Analyzer service definition with Analyze and AnalyzeStack responses encoded by responseEncoding.ts. */
export function withReusedEntryEncoding(service: unknown, policyDir: string): unknown {
    try {
        const proto = loadFrom<AnalyzerProtoModule>(policyDir, "@pulumi/pulumi/proto/analyzer_pb");
        const encodeAlone = (entry: NotApplicableEntry) => {
            const response = new proto.AnalyzeResponse();
            response.setNotApplicableList([entry]);
            return response.serializeBinary();
        };
        const methods = service as Record<string, MethodDefinition>;
        const copy: Record<string, MethodDefinition> = { ...methods };
        for (const method of ["analyze", "analyzeStack"]) {
            const definition = methods[method];
            if (definition && typeof definition.responseSerialize === "function") {
                copy[method] = { ...definition, responseSerialize: reusingEntryEncoding(definition.responseSerialize, encodeAlone) };
            }
        }
        return copy;
    } catch {
        return service;
    }
}
