/**
 * Reads a Pulumi project the way the CLI would before running it: Pulumi.yaml (name, main, typed config
 * with defaults) and, if present, Pulumi.<stack>.yaml. The result is the PULUMI_CONFIG map the Node SDK
 * reads, so a program sees the same `pulumi.Config` values offline.
 * https://www.pulumi.com/docs/iac/concepts/projects/project-file/
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

export class ProjectError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProjectError";
    }
}

export interface ProjectSettings {
    dir: string;
    name: string;
    /** Absolute path of the program entry (file or directory). */
    main: string;
    stack: string;
    /** `project:key` (or `pkg:key`) to the value's JSON text or plain string, as PULUMI_CONFIG holds it. */
    config: Record<string, string>;
    /** Keys whose value is secret in the stack file; their ciphertext cannot be read offline. */
    secretKeys: string[];
}

function readYaml(file: string): Record<string, unknown> {
    let parsed: unknown;
    try {
        parsed = yaml.load(fs.readFileSync(file, "utf8"));
    } catch (error) {
        const mark = (error as { mark?: { line: number; column: number } }).mark;
        const where = mark ? `${file}:${mark.line + 1}:${mark.column + 1}` : file;
        throw new ProjectError(`${where}: not valid YAML (${(error as Error).message.split("\n")[0]})`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new ProjectError(`${file}: expected a YAML mapping at the top level`);
    }
    return parsed as Record<string, unknown>;
}

/** PULUMI_CONFIG stores strings as-is and everything else as JSON. */
function encodeConfigValue(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function qualify(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

export function readProject(dir: string, stack = "dev"): ProjectSettings {
    const absolute = path.resolve(dir);
    const projectFile = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(absolute, f)).find((f) => fs.existsSync(f));
    if (!projectFile) {
        throw new ProjectError(`no Pulumi.yaml in ${absolute}: pass the directory of a Pulumi program`);
    }
    const project = readYaml(projectFile);
    const name = project.name;
    if (typeof name !== "string" || name.length === 0) {
        throw new ProjectError(`${projectFile}: "name" must be a non-empty string`);
    }
    const main = typeof project.main === "string" ? path.resolve(absolute, project.main) : absolute;

    const config: Record<string, string> = {};
    const declared = project.config;
    if (declared !== undefined && (typeof declared !== "object" || declared === null || Array.isArray(declared))) {
        throw new ProjectError(`${projectFile}: "config" must be a mapping of keys to settings`);
    }
    for (const [key, spec] of Object.entries((declared ?? {}) as Record<string, unknown>)) {
        // A key may be given as a bare default value or as { type, default, description, secret }.
        const isSchema = typeof spec === "object" && spec !== null && !Array.isArray(spec);
        const value = isSchema ? (spec as Record<string, unknown>).default ?? (spec as Record<string, unknown>).value : spec;
        if (value !== undefined && value !== null) {
            config[qualify(name, key)] = encodeConfigValue(value);
        }
    }

    const secretKeys: string[] = [];
    const stackFile = path.join(absolute, `Pulumi.${stack}.yaml`);
    if (fs.existsSync(stackFile)) {
        const stackSettings = readYaml(stackFile);
        const stackConfig = stackSettings.config ?? {};
        if (typeof stackConfig !== "object" || stackConfig === null || Array.isArray(stackConfig)) {
            throw new ProjectError(`${stackFile}: "config" must be a mapping of keys to values`);
        }
        for (const [key, value] of Object.entries(stackConfig as Record<string, unknown>)) {
            const qualified = qualify(name, key);
            if (typeof value === "object" && value !== null && "secure" in (value as object)) {
                // Encrypted by the stack's secrets provider: unreadable offline. The program sees a
                // placeholder marked secret, which never appears in output.
                config[qualified] = "[secret config: not decrypted offline]";
                secretKeys.push(qualified);
            } else {
                config[qualified] = encodeConfigValue(value);
            }
        }
    }
    return { dir: absolute, name, main, stack, config, secretKeys };
}
