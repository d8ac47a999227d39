/**
 * Wraps the Analyzer gRPC handlers @pulumi/policy registers, for three things the SDK does not offer:
 *
 * 1. Rejecting invalid policy config at Configure. @pulumi/policy's Configure handler stores any config it is
 * sent (node_modules/@pulumi/policy/server.js, `configure`), and the SDK offers no hook, so the pack wraps
 * that handler where the SDK registers it: on the @grpc/grpc-js Server the SDK itself loads. A bad config
 * then fails the Configure call with INVALID_ARGUMENT and a message naming the policy, the setting, the
 * value and what is expected. evaluate.ts checks config again at use, in case this wrapping is bypassed.
 * 2. Reading which input values are secret before the SDK unwraps them (see secretValues.ts), so that no
 *    violation message quotes a secret.
 * 3. Speed: Analyze and AnalyzeStack answered by the SDK's own handlers over fewer policies
 *    (routedHandlers.ts), with not-applicable entries encoded once (responseEncoding.ts).
 */
import * as path from "path";
import { packConfigErrors, ENFORCEMENT_LEVELS } from "./configValidation";
import type { Rule } from "./rule";
import { recordAcceptedConfig, type PolicyConfigs } from "./acceptedConfig";
import { forgetSecrets, rememberSecrets, secretStringsOf } from "./secretValues";
import { routedHandlers, withReusedEntryEncoding, type AnalyzerHookOptions } from "./routedHandlers";
import type { AnyHandler } from "./typeDispatch";

/** Proto enum order of pulumirpc.EnforcementLevel. */
const PROTO_LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;

interface PolicyConfigEntry {
    getEnforcementlevel(): number;
    getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
}

interface ConfigureCall {
    request: { getPolicyconfigMap(): { entries(): Iterable<[string, PolicyConfigEntry]> } };
}

type Callback = (error: { code: number; details: string; message: string } | null, response?: unknown) => void;
type Handler = (call: ConfigureCall, callback: Callback) => unknown;

/** The Configure request as { policy: { enforcementLevel, ...settings } }. */
function requestedConfig(call: ConfigureCall): PolicyConfigs {
    const config: PolicyConfigs = {};
    for (const [name, entry] of call.request.getPolicyconfigMap().entries()) {
        const level = PROTO_LEVELS[entry.getEnforcementlevel()] ?? `level ${entry.getEnforcementlevel()}`;
        config[name] = { ...(entry.getProperties()?.toJavaScript() ?? {}), enforcementLevel: level };
    }
    return config;
}

/**
 * Configure that refuses an invalid config, forwards a valid one to the SDK's handler, and passes it to
 * `onAccepted` once that handler has accepted it too (acceptedConfig.ts keeps it for the routed handlers).
 */
export function validatingConfigure(
    rules: readonly Rule[],
    original: Handler,
    invalidArgument: number,
    onAccepted: (config: PolicyConfigs) => void = () => undefined,
): Handler {
    return (call, callback) => {
        let problems: string[];
        let config: PolicyConfigs | undefined;
        try {
            config = requestedConfig(call);
            problems = packConfigErrors(rules, config);
        } catch (error) {
            problems = [`unreadable policy config (${error instanceof Error ? error.message : String(error)})`];
        }
        if (problems.length > 0 || config === undefined) {
            const details = `invalid tailnet-guard policy config: ${problems.join("; ")}. Levels are ${ENFORCEMENT_LEVELS.join(", ")}; run \`tailnet-guard policies\` for each policy's settings.`;
            callback({ code: invalidArgument, details, message: details });
            return undefined;
        }
        const accepted = config;
        return original(call, (error, response) => {
            if (!error) onAccepted(accepted);
            callback(error, response);
        });
    };
}

interface StructLike {
    toJavaScript(): Record<string, unknown>;
}
interface ResourceMessage {
    getUrn(): string;
    getProperties(): StructLike | undefined;
    getProvider?(): { getUrn(): string; getProperties(): StructLike | undefined } | undefined;
}

/** Reads a message's secret values once, when first asked. */
function lazySecrets(message: { getProperties(): StructLike | undefined }): () => string[] {
    let secrets: string[] | undefined;
    return () => (secrets ??= secretStringsOf(message.getProperties()?.toJavaScript()));
}

/**
 * URN -> the secret values of the resource and of its provider, from a request in wire form. Lazy: the
 * properties are decoded again only for a resource some rule reports on.
 */
function secretsByUrn(resources: ResourceMessage[]): Array<[string, () => string[]]> {
    const entries: Array<[string, () => string[]]> = [];
    for (const resource of resources) {
        const own = lazySecrets(resource);
        const provider = resource.getProvider?.();
        if (provider) {
            const providerSecrets = lazySecrets(provider);
            entries.push([provider.getUrn(), providerSecrets]);
            entries.push([resource.getUrn(), () => [...own(), ...providerSecrets()]]);
        } else {
            entries.push([resource.getUrn(), own]);
        }
    }
    return entries;
}

/** Records the request's secret values for as long as the SDK's handler takes to answer. */
export function rememberingSecrets(original: AnyHandler, resourcesOf: (request: unknown) => ResourceMessage[]): AnyHandler {
    return (call, callback) => {
        let entries: Array<[string, () => string[]]> = [];
        try {
            entries = secretsByUrn(resourcesOf(call.request));
        } catch {
            entries = [];
        }
        entries.forEach(([urn, secrets]) => rememberSecrets(urn, secrets));
        let done = false;
        const finish = () => {
            if (!done) {
                done = true;
                entries.forEach(([urn]) => forgetSecrets(urn));
            }
        };
        try {
            return original(call, (...args: unknown[]) => {
                finish();
                callback(...args);
            });
        } catch (error) {
            finish();
            throw error;
        }
    };
}

let installed = false;

export type { AnalyzerHookOptions };

/**
 * Wraps the Analyzer service the SDK is about to register: Configure validates config, Analyze and
 * AnalyzeStack are routed, and every call that reports on resources keeps their secrets out of the
 * messages. Call before `new PolicyPack`.
 */
export function installAnalyzerHooks(options: AnalyzerHookOptions): void {
    if (installed) {
        return;
    }
    installed = true;
    if (options.policies.length !== options.rules.length || options.policies.some((p, i) => p.name !== options.rules[i].name)) {
        throw new Error("installAnalyzerHooks: policies must be the SDK form of rules, in the same order");
    }
    const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [policyDir] })) as {
        Server: { prototype: { addService(service: unknown, implementation: Record<string, unknown>): void } };
        status: { INVALID_ARGUMENT: number };
    };
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service: unknown, implementation: Record<string, unknown>) {
        const configure = implementation.configure;
        const isAnalyzer = typeof implementation.analyze === "function" && typeof configure === "function";
        const single = (request: unknown) => [request as ResourceMessage];
        const stack = (request: unknown) => (request as { getResourcesList(): ResourceMessage[] }).getResourcesList();
        const routes = isAnalyzer ? routedHandlers(options, implementation, policyDir) : undefined;
        const wrapped = routes
            ? {
                  ...implementation,
                  configure: validatingConfigure(options.rules, configure as Handler, grpc.status.INVALID_ARGUMENT, recordAcceptedConfig),
                  analyze: rememberingSecrets(routes.analyze, single),
                  analyzeStack: rememberingSecrets(routes.analyzeStack, stack),
                  remediate: rememberingSecrets(implementation.remediate as AnyHandler, single),
              }
            : implementation;
        return addService.call(this, isAnalyzer ? withReusedEntryEncoding(service, policyDir) : service, wrapped);
    };
}
