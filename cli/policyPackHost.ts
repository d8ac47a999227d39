/**
 * Runs a CrossGuard policy pack the way the Pulumi engine does and talks to it over the Analyzer gRPC
 * service. Used by `tailnet-guard preview` and by the engine-faithful tests.
 *
 * The engine starts a Node pack as
 *   node <pack>/node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine-address> <pack-dir>
 * and reads the port the pack prints on stdout. The gRPC modules are loaded from that same
 * @pulumi/pulumi install, so the messages we build are the classes the pack's server expects.
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type * as AnalyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as AnalyzerGrpcPb from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as GrpcJs from "@grpc/grpc-js";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: string;
    tags: string[];
    url: string;
    remediationSteps: string;
    configSchema?: { properties: Record<string, unknown>; required: string[] };
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    initialConfig: Record<string, { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> }>;
}

/** A resource in the engine's terms; `properties` in wire form (see wire.ts). */
export interface AnalyzedResource {
    type: string;
    urn: string;
    name: string;
    properties: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    options?: { parent?: string; protect?: boolean; ignoreChanges?: string[]; additionalSecretOutputs?: string[]; aliases?: string[] };
    provider?: { type: string; urn: string; name: string; properties: Record<string, unknown> };
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    urn: string;
    severity: string;
}

/** A policy the pack says does not apply to the resource (or stack), with its reason. */
export interface NotApplicable {
    policyName: string;
    reason: string;
}

/** A whole Analyze or AnalyzeStack answer: the diagnostics and the policies that did not apply. */
export interface AnalyzeAnswer {
    diagnostics: Diagnostic[];
    notApplicable: NotApplicable[];
}

export interface Remediation {
    policyName: string;
    description: string;
    properties?: Record<string, unknown>;
    diagnostic: string;
}

export type PolicyConfig = Record<string, { enforcementLevel?: EnforcementLevel } & Record<string, unknown>>;

export class PolicyPackStartError extends Error {
    constructor(message: string, readonly stderr: string) {
        super(message);
        this.name = "PolicyPackStartError";
    }
}

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"]; // proto enum order
const SEVERITIES = ["unspecified", "low", "medium", "high", "critical"]; // proto enum order

interface PulumiModules {
    pb: typeof AnalyzerPb;
    grpcPb: typeof AnalyzerGrpcPb;
    grpc: typeof GrpcJs;
    struct: { Struct: { fromJavaScript(value: Record<string, unknown>): unknown } };
    empty: { Empty: new () => unknown };
    runPolicyPack: string;
}

/** Loads the proto and gRPC modules from the @pulumi/pulumi install that the pack itself resolves. */
function loadPulumiModules(packDir: string): PulumiModules {
    const pulumiPackage = require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] });
    const pulumiDir = path.dirname(pulumiPackage);
    const from = (id: string) => require(require.resolve(id, { paths: [pulumiDir] }));
    return {
        pb: from("@pulumi/pulumi/proto/analyzer_pb"),
        grpcPb: from("@pulumi/pulumi/proto/analyzer_grpc_pb"),
        grpc: from("@grpc/grpc-js"),
        struct: from("google-protobuf/google/protobuf/struct_pb"),
        empty: from("google-protobuf/google/protobuf/empty_pb"),
        runPolicyPack: path.join(pulumiDir, "cmd", "run-policy-pack"),
    };
}

export interface StartOptions {
    /** The pack directory (holding PulumiPolicy.yaml). */
    packDir: string;
    /** How long to wait for the port, in ms. */
    startTimeoutMs?: number;
    /** Address passed as the engine's; the Node launcher accepts and drops it. */
    engineAddress?: string;
}

export class PolicyPackHost {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: AnalyzerGrpcPb.AnalyzerClient,
        private readonly m: PulumiModules,
        readonly port: number,
        private readonly stderr: () => string,
    ) {}

    static async start(options: StartOptions): Promise<PolicyPackHost> {
        const packDir = path.resolve(options.packDir);
        if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
            throw new PolicyPackStartError(`no PulumiPolicy.yaml in ${packDir}: pass the directory of a policy pack`, "");
        }
        let m: PulumiModules;
        try {
            m = loadPulumiModules(packDir);
        } catch (error) {
            throw new PolicyPackStartError(
                `cannot find @pulumi/pulumi for the pack in ${packDir}: run npm ci (${(error as Error).message})`,
                "",
            );
        }
        const child = spawn(process.execPath, [m.runPolicyPack, options.engineAddress ?? "127.0.0.1:0", packDir], {
            cwd: packDir,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stderr!.setEncoding("utf8");
        child.stderr!.on("data", (chunk: string) => {
            stderr += chunk;
        });
        const port = await readPort(child, options.startTimeoutMs ?? 60_000, () => stderr);
        const client = new m.grpcPb.AnalyzerClient(`127.0.0.1:${port}`, m.grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
        });
        return new PolicyPackHost(child, client, m, port, () => stderr);
    }

    /** What the pack printed on stderr so far (for error reports). */
    get errorOutput(): string {
        return this.stderr();
    }

    private call<Req, Res>(method: string, request: Req): Promise<Res> {
        return new Promise((resolve, reject) => {
            const fn = (this.client as unknown as Record<string, Function>)[method];
            fn.call(this.client, request, (error: Error | null, response: Res) => {
                if (error) {
                    reject(error);
                } else {
                    resolve(response);
                }
            });
        });
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const info = await this.call<unknown, AnalyzerPb.AnalyzerInfo>("getAnalyzerInfo", new this.m.empty.Empty());
        const initialConfig: AnalyzerInfo["initialConfig"] = {};
        info.getInitialconfigMap().forEach((value, key) => {
            initialConfig[key] = {
                enforcementLevel: LEVELS[value.getEnforcementlevel()],
                properties: (value.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
            };
        });
        return {
            name: info.getName(),
            version: info.getVersion(),
            supportsConfig: info.getSupportsconfig(),
            initialConfig,
            policies: info.getPoliciesList().map((p) => {
                const schema = p.getConfigschema();
                return {
                    name: p.getName(),
                    description: p.getDescription(),
                    enforcementLevel: LEVELS[p.getEnforcementlevel()],
                    severity: SEVERITIES[p.getSeverity()] ?? "unspecified",
                    tags: p.getTagsList(),
                    url: p.getUrl(),
                    remediationSteps: p.getRemediationSteps(),
                    configSchema: schema
                        ? {
                              properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
                              required: schema.getRequiredList(),
                          }
                        : undefined,
                };
            }),
        };
    }

    /** Sends policy config as the engine does after validating it (ConfigureAnalyzerRequest). */
    async configure(config: PolicyConfig): Promise<void> {
        const request = new this.m.pb.ConfigureAnalyzerRequest();
        const map = request.getPolicyconfigMap();
        for (const [policy, { enforcementLevel, ...properties }] of Object.entries(config)) {
            const entry = new this.m.pb.PolicyConfig();
            const level = enforcementLevel ?? "mandatory";
            entry.setEnforcementlevel(LEVELS.indexOf(level) as AnalyzerPb.EnforcementLevel);
            entry.setProperties(this.m.struct.Struct.fromJavaScript(properties) as never);
            map.set(policy, entry);
        }
        await this.call("configure", request);
    }

    async analyze(resource: AnalyzedResource): Promise<Diagnostic[]> {
        return (await this.analyzeAnswer(resource)).diagnostics;
    }

    async analyzeStack(resources: AnalyzedResource[]): Promise<Diagnostic[]> {
        return (await this.analyzeStackAnswer(resources)).diagnostics;
    }

    async analyzeAnswer(resource: AnalyzedResource): Promise<AnalyzeAnswer> {
        return this.answer(await this.call<unknown, AnalyzerPb.AnalyzeResponse>("analyze", this.analyzeRequest(resource)));
    }

    async analyzeStackAnswer(resources: AnalyzedResource[]): Promise<AnalyzeAnswer> {
        const request = new this.m.pb.AnalyzeStackRequest();
        request.setResourcesList(
            resources.map((r) => {
                const resource = new this.m.pb.AnalyzerResource();
                resource.setType(r.type);
                resource.setUrn(r.urn);
                resource.setName(r.name);
                resource.setProperties(this.struct(r.properties));
                resource.setOptions(this.options(r));
                if (r.provider) {
                    resource.setProvider(this.provider(r.provider));
                }
                resource.setParent(r.parent ?? "");
                resource.setDependenciesList(r.dependencies ?? []);
                return resource;
            }),
        );
        return this.answer(await this.call<unknown, AnalyzerPb.AnalyzeResponse>("analyzeStack", request));
    }

    /** The request the engine sends for one resource, to Analyze and to Remediate alike. */
    private analyzeRequest(resource: AnalyzedResource): AnalyzerPb.AnalyzeRequest {
        const request = new this.m.pb.AnalyzeRequest();
        request.setType(resource.type);
        request.setUrn(resource.urn);
        request.setName(resource.name);
        request.setProperties(this.struct(resource.properties));
        request.setOptions(this.options(resource));
        if (resource.provider) {
            request.setProvider(this.provider(resource.provider));
        }
        return request;
    }

    private answer(response: AnalyzerPb.AnalyzeResponse): AnalyzeAnswer {
        return {
            diagnostics: response.getDiagnosticsList().map((d) => this.diagnostic(d)),
            notApplicable: response.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
        };
    }

    async remediate(resource: AnalyzedResource): Promise<Remediation[]> {
        const response = await this.call<unknown, AnalyzerPb.RemediateResponse>("remediate", this.analyzeRequest(resource));
        return response.getRemediationsList().map((r) => ({
            policyName: r.getPolicyname(),
            description: r.getDescription(),
            properties: r.getProperties()?.toJavaScript() as Record<string, unknown> | undefined,
            diagnostic: r.getDiagnostic(),
        }));
    }

    /** Stops the pack process and the client. */
    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode === null && this.child.signalCode === null) {
            const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
            this.child.kill("SIGTERM");
            await exited;
        }
    }

    private struct(value: Record<string, unknown>): never {
        return this.m.struct.Struct.fromJavaScript(value) as never;
    }

    private options(resource: AnalyzedResource): AnalyzerPb.AnalyzerResourceOptions {
        const options = new this.m.pb.AnalyzerResourceOptions();
        const o = resource.options ?? {};
        options.setProtect(o.protect ?? false);
        options.setIgnorechangesList(o.ignoreChanges ?? []);
        options.setAdditionalsecretoutputsList(o.additionalSecretOutputs ?? []);
        options.setAliasesList(o.aliases ?? []);
        options.setParent(o.parent ?? resource.parent ?? "");
        return options;
    }

    private provider(p: NonNullable<AnalyzedResource["provider"]>): AnalyzerPb.AnalyzerProviderResource {
        const provider = new this.m.pb.AnalyzerProviderResource();
        provider.setType(p.type);
        provider.setUrn(p.urn);
        provider.setName(p.name);
        provider.setProperties(this.struct(p.properties));
        return provider;
    }

    private diagnostic(d: AnalyzerPb.AnalyzeDiagnostic): Diagnostic {
        return {
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: LEVELS[d.getEnforcementlevel()],
            urn: d.getUrn(),
            severity: SEVERITIES[d.getSeverity()] ?? "unspecified",
        };
    }
}

/** The pack's error output without terminal colours and stack frames: the reason a person needs to read. */
export function startFailureReason(stderr: string): string {
    const plain = stderr.replace(/\u001b\[[0-9;]*m/g, "");
    const lines = plain.split("\n").filter((line) => !/^\s+at /.test(line) && line.trim() !== "");
    return lines.join("\n").trim() || "no error output";
}

/** Resolves with the port the pack prints as its first stdout line; rejects if it exits or times out first. */
function readPort(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<number> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new PolicyPackStartError(`the policy pack printed no port within ${timeoutMs} ms`, stderr()));
        }, timeoutMs);
        const onExit = (code: number | null) => {
            clearTimeout(timer);
            reject(new PolicyPackStartError(`the policy pack exited with code ${code} before serving: ${startFailureReason(stderr())}`, stderr()));
        };
        child.once("exit", onExit);
        child.once("error", (error) => {
            clearTimeout(timer);
            reject(new PolicyPackStartError(`could not start the policy pack: ${error.message}`, stderr()));
        });
        child.stdout!.setEncoding("utf8");
        child.stdout!.on("data", (chunk: string) => {
            stdout += chunk;
            const newline = stdout.indexOf("\n");
            if (newline >= 0) {
                const port = Number(stdout.slice(0, newline).trim());
                clearTimeout(timer);
                child.removeListener("exit", onExit);
                if (Number.isInteger(port) && port > 0) {
                    resolve(port);
                } else {
                    child.kill("SIGKILL");
                    reject(new PolicyPackStartError(`the policy pack printed ${JSON.stringify(stdout.slice(0, newline))} instead of a port`, stderr()));
                }
            }
        });
    });
}
