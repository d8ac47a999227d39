/**
 * `tailnet-guard preview`: runs a Pulumi program offline (mocks, no engine, no credentials), then sends
 * every resource through the policy pack over the same gRPC calls the engine makes (Analyze per
 * resource, then AnalyzeStack), and gathers the violations.
 */
import { fork } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { defaultPackDir } from "./packageRoot";
import { normalisePackConfig } from "./packConfig";
import { PolicyPackHost, type AnalyzedResource, type AnalyzerInfo, type Diagnostic, type EnforcementLevel } from "./policyPackHost";
import type { RegisteredResource, RunnerMessage } from "./programRunner";
import { redactSecrets, secretStringsOf } from "../policies/secretValues";
import { wireSecret } from "./wire";

export { defaultPackDir };

export class ProgramError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProgramError";
    }
}

export interface PreviewOptions {
    /** Directory of the Pulumi program (holding Pulumi.yaml). */
    dir: string;
    stack?: string;
    /** Policy pack directory; defaults to this package's `policies/`. */
    packDir?: string;
    /** Raw policy config (the `--policy-pack-config` format). */
    packConfig?: unknown;
    packConfigSource?: string;
}

export interface PreviewViolation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    responsibility: string;
    urn: string;
    message: string;
}

export interface PreviewResult {
    project: string;
    stack: string;
    pack: { name: string; version: string };
    resources: Array<{ urn: string; type: string; name: string }>;
    violations: PreviewViolation[];
}

function runnerCommand(): { script: string; execArgv: string[] } {
    const compiled = path.join(__dirname, "programRunner.js");
    if (fs.existsSync(compiled) && __filename.endsWith(".js")) {
        return { script: compiled, execArgv: [] };
    }
    // Running from TypeScript sources (tests): compile the runner on the fly too.
    return { script: path.join(__dirname, "programRunner.ts"), execArgv: ["-r", "ts-node/register/transpile-only"] };
}

/** Runs the program in a child process so its crashes, exits and globals stay its own. */
export function collectResources(dir: string, stack: string): Promise<RunnerMessage & { ok: true }> {
    const { script, execArgv } = runnerCommand();
    return new Promise((resolve, reject) => {
        const child = fork(script, [path.resolve(dir), stack], { execArgv, stdio: ["ignore", "pipe", "pipe", "ipc"] });
        let stderr = "";
        let message: RunnerMessage | undefined;
        child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        // The program's own console output is not ours to print in a report.
        child.stdout!.resume();
        child.on("message", (m) => (message = m as RunnerMessage));
        child.on("error", (error) => reject(new ProgramError(`could not run the program: ${error.message}`)));
        child.on("exit", (code) => {
            if (message?.ok) {
                resolve(message);
            } else if (message && !message.ok) {
                reject(new ProgramError(message.error));
            } else {
                reject(new ProgramError(`the program exited with code ${code} without finishing: ${stderr.trim() || "no output"}`));
            }
        });
    });
}

function parseConfigValue(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/**
 * Turns the program's registrations into the resources the engine would analyse: explicit provider
 * references resolved to the provider resource, and a default provider per package, configured from
 * `<package>:*` config keys as the engine does.
 */
export function toAnalyzedResources(run: RunnerMessage & { ok: true }): AnalyzedResource[] {
    const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
    const defaults = new Map<string, AnalyzedResource>();
    const asProvider = (r: { type: string; urn: string; name: string; properties: Record<string, unknown> }) => ({
        type: r.type,
        urn: r.urn,
        name: r.name,
        properties: r.properties,
    });

    const defaultProvider = (pkg: string, version: string): AnalyzedResource => {
        const name = version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
        const key = `${pkg}::${name}`;
        let provider = defaults.get(key);
        if (!provider) {
            const properties: Record<string, unknown> = {};
            for (const [configKey, text] of Object.entries(run.config)) {
                if (configKey.startsWith(`${pkg}:`)) {
                    const value = parseConfigValue(text);
                    properties[configKey.slice(pkg.length + 1)] = run.secretKeys.includes(configKey) ? wireSecret(value) : value;
                }
            }
            if (version) {
                properties.version = version;
            }
            const type = `pulumi:providers:${pkg}`;
            provider = { type, name, urn: `urn:pulumi:${run.stack}::${run.project}::${type}::${name}`, properties };
            defaults.set(key, provider);
        }
        return provider;
    };

    // The engine registers the program's root stack resource first and parents every top-level resource
    // to it (its type is left out of the children's URNs). The mock monitor has no such root, so add it.
    const stack = stackResource(run.project, run.stack);
    const analyzed = run.resources.map((r: RegisteredResource): AnalyzedResource => {
        const parent = r.parent || (r.type.startsWith("pulumi:providers:") ? undefined : stack.urn);
        const resource: AnalyzedResource = {
            type: r.type,
            urn: r.urn,
            name: r.name,
            properties: r.properties,
            parent,
            dependencies: r.dependencies,
            options: {
                parent,
                protect: r.protect,
                ignoreChanges: r.ignoreChanges,
                additionalSecretOutputs: r.additionalSecretOutputs,
                aliases: r.aliases,
            },
        };
        const isProvider = r.type.startsWith("pulumi:providers:");
        if (r.custom && !isProvider) {
            if (r.providerRef) {
                const providerUrn = r.providerRef.slice(0, r.providerRef.lastIndexOf("::"));
                const explicit = byUrn.get(providerUrn);
                if (explicit) {
                    resource.provider = asProvider(explicit);
                }
            } else {
                resource.provider = asProvider(defaultProvider(r.type.split(":")[0], r.version));
            }
        }
        return resource;
    });
    return [stack, ...defaults.values(), ...analyzed];
}

/** The root `pulumi:pulumi:Stack` resource `pulumi up` creates for every program. */
export function stackResource(project: string, stack: string): AnalyzedResource {
    const type = "pulumi:pulumi:Stack";
    const name = `${project}-${stack}`;
    return { type, name, urn: `urn:pulumi:${stack}::${project}::${type}::${name}`, properties: {} };
}

function responsibilityOf(info: AnalyzerInfo): Map<string, string> {
    const map = new Map<string, string>();
    for (const p of info.policies) {
        const tag = p.tags.find((t) => t.startsWith("responsibility:"));
        map.set(p.name, tag ? tag.slice("responsibility:".length) : "");
    }
    return map;
}

/** Replaces every secret value the program produced, wherever it appears, with "[secret]". */
function scrubber(resources: AnalyzedResource[]): (text: string) => string {
    // The pack's own reading of secrets: the same values it keeps out of its messages.
    const secrets = [...new Set(resources.flatMap((r) => secretStringsOf(r.properties)))];
    return (text) => redactSecrets(text, secrets);
}

/** Strips the description line the policy SDK puts before each violation message. */
function violationText(d: Diagnostic): string {
    const prefix = `${d.description}\n`;
    return d.message.startsWith(prefix) ? d.message.slice(prefix.length) : d.message;
}

export async function runPreview(options: PreviewOptions): Promise<PreviewResult> {
    const stack = options.stack ?? "dev";
    // The program and the pack start side by side; whichever fails first is the error reported, and a
    // pack that did start is stopped again.
    const starting = PolicyPackHost.start({ packDir: options.packDir ?? defaultPackDir() });
    // Handled here so a start failure during the program run is not an unhandled rejection; awaited below.
    starting.catch(() => undefined);
    let run: RunnerMessage & { ok: true };
    try {
        run = await collectResources(options.dir, stack);
    } catch (error) {
        await starting.then((host) => host.stop(), () => undefined);
        throw error;
    }
    const resources = toAnalyzedResources(run);
    const host = await starting;
    try {
        const info = await host.getAnalyzerInfo();
        if (options.packConfig !== undefined) {
            await host.configure(normalisePackConfig(options.packConfig, info, options.packConfigSource));
        }
        const responsibilities = responsibilityOf(info);
        const scrub = scrubber(resources);
        const stackUrn = stackResource(run.project, run.stack).urn;
        const violations: PreviewViolation[] = [];
        const collect = (diagnostics: Diagnostic[], urn: string) => {
            for (const d of diagnostics) {
                violations.push({
                    policy: d.policyName,
                    enforcementLevel: d.enforcementLevel,
                    responsibility: responsibilities.get(d.policyName) ?? "",
                    urn: d.urn || urn,
                    message: scrub(violationText(d)),
                });
            }
        };
        for (const resource of resources) {
            collect(await host.analyze(resource), resource.urn);
        }
        collect(await host.analyzeStack(resources), stackUrn);
        return {
            project: run.project,
            stack: run.stack,
            pack: { name: info.name, version: info.version },
            resources: resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name })),
            violations,
        };
    } finally {
        await host.stop();
    }
}
