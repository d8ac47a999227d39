/**
 * Child process of `tailnet-guard preview`: runs a Pulumi program with `pulumi.runtime.setMocks` (a dry
 * run, no engine, no credentials) and reports every resource registration in the form the engine would
 * forward to a policy pack. Started with `fork`; answers with one IPC message.
 *
 * Registrations are read off the mock resource monitor's requests, so properties keep Pulumi's wire form
 * (secrets wrapped, unknowns as a sentinel) exactly as the program produced them.
 */
import * as fs from "fs";
import * as path from "path";
import { readProject, type ProjectSettings } from "./projectConfig";

export interface RegisteredResource {
    type: string;
    name: string;
    urn: string;
    custom: boolean;
    parent: string;
    /** Explicit provider reference (`urn::id`), empty for the default provider. */
    providerRef: string;
    /** Package version the SDK asked for (names the default provider). */
    version: string;
    dependencies: string[];
    protect: boolean;
    ignoreChanges: string[];
    additionalSecretOutputs: string[];
    aliases: string[];
    /** Inputs in wire form. */
    properties: Record<string, unknown>;
}

export type RunnerMessage =
    | { ok: true; project: string; stack: string; config: Record<string, string>; secretKeys: string[]; resources: RegisteredResource[] }
    | { ok: false; error: string };

/** The subset of the generated RegisterResourceRequest we read. */
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getParent(): string;
    getProvider(): string;
    getVersion(): string;
    getDependenciesList(): string[];
    getProtect(): boolean;
    getIgnorechangesList(): string[];
    getAdditionalsecretoutputsList(): string[];
    getAliasurnsList?(): string[];
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}
type Callback = (error: Error | null, response?: { getUrn(): string }) => void;
interface Monitor {
    registerResource(request: RegisterRequest, callback: Callback): unknown;
}

function resolveFrom(dir: string, id: string): string | undefined {
    try {
        return require.resolve(id, { paths: [dir] });
    } catch {
        return undefined;
    }
}

/** TypeScript programs are compiled on the fly without type checking, as a preview needs only their behaviour. */
function registerTypeScript(project: ProjectSettings): void {
    const entry = project.main;
    const isTs =
        entry.endsWith(".ts") || (fs.existsSync(entry) && fs.statSync(entry).isDirectory() && fs.existsSync(path.join(entry, "index.ts")));
    if (!isTs) {
        return;
    }
    const tsNode = resolveFrom(project.dir, "ts-node") ?? resolveFrom(__dirname, "ts-node");
    if (!tsNode) {
        throw new Error("the program is TypeScript but ts-node is not installed: npm install --save-dev ts-node typescript");
    }
    const tsconfig = path.join(project.dir, "tsconfig.json");
    require(tsNode).register({
        transpileOnly: true,
        project: fs.existsSync(tsconfig) ? tsconfig : undefined,
        skipProject: !fs.existsSync(tsconfig),
        compilerOptions: { module: "commonjs" },
    });
}

export async function runProgram(dir: string, stack: string): Promise<RunnerMessage & { ok: true }> {
    const project = readProject(dir, stack);
    process.env.PULUMI_CONFIG = JSON.stringify(project.config);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(project.secretKeys);
    process.chdir(project.dir);

    const pulumiEntry = resolveFrom(project.dir, "@pulumi/pulumi");
    if (!pulumiEntry) {
        throw new Error(`@pulumi/pulumi is not installed for the program in ${project.dir}: run npm ci there`);
    }
    const pulumiDir = path.dirname(resolveFrom(project.dir, "@pulumi/pulumi/package.json")!);
    const pulumi = require(pulumiEntry) as typeof import("@pulumi/pulumi");
    const settings = require(path.join(pulumiDir, "runtime", "settings")) as {
        getMonitor(): Monitor;
        waitForRPCs(): Promise<void>;
    };

    await pulumi.runtime.setMocks(
        {
            newResource: (args) => ({ id: args.custom ? `${args.name}-id` : "", state: args.inputs }),
            call: (args) => args.inputs,
        },
        project.name,
        project.stack,
        true,
    );

    const resources: RegisteredResource[] = [];
    const monitor = settings.getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) => {
        const record: RegisteredResource = {
            type: request.getType(),
            name: request.getName(),
            urn: "",
            custom: request.getCustom(),
            parent: request.getParent(),
            providerRef: request.getProvider(),
            version: request.getVersion(),
            dependencies: request.getDependenciesList(),
            protect: request.getProtect(),
            ignoreChanges: request.getIgnorechangesList(),
            additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
            aliases: request.getAliasurnsList ? request.getAliasurnsList() : [],
            properties: request.getObject()?.toJavaScript() ?? {},
        };
        resources.push(record);
        return register(request, (error, response) => {
            if (!error && response) {
                record.urn = response.getUrn();
            }
            callback(error, response);
        });
    };

    registerTypeScript(project);
    const exported = require(project.main);
    await (typeof exported === "function" ? exported() : exported);
    await settings.waitForRPCs();
    return { ok: true, project: project.name, stack: project.stack, config: project.config, secretKeys: project.secretKeys, resources };
}

function describe(error: unknown): string {
    if (error instanceof Error) {
        // A ResourceError from a component already names the field and the fix: its message is the report.
        return error.message;
    }
    return String(error);
}

if (require.main === module) {
    const [dir = ".", stack = "dev"] = process.argv.slice(2);
    const send = (message: RunnerMessage) =>
        new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
    let failed = false;
    const fail = (error: unknown) => {
        if (failed) {
            return;
        }
        failed = true;
        void send({ ok: false, error: describe(error) }).then(() => process.exit(2));
    };
    process.on("uncaughtException", fail);
    process.on("unhandledRejection", fail);
    runProgram(dir, stack).then(
        (message) => {
            if (!failed) {
                void send(message).then(() => process.exit(0));
            }
        },
        fail,
    );
}
