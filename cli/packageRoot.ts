/**
 * Where this package is installed: the directory holding policies/PulumiPolicy.yaml, found from the
 * running file whether it runs from the TypeScript sources (cli/) or the build (dist/cli/).
 */
import * as fs from "fs";
import * as path from "path";

export class PackageLayoutError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PackageLayoutError";
    }
}

let root: string | undefined;

export function packageRoot(): string {
    if (root !== undefined) return root;
    let dir = __dirname;
    for (let depth = 0; depth < 4; depth++) {
        if (fs.existsSync(path.join(dir, "policies", "PulumiPolicy.yaml"))) {
            root = dir;
            return dir;
        }
        dir = path.dirname(dir);
    }
    throw new PackageLayoutError(`cannot find the tailnet-guard package (policies/PulumiPolicy.yaml) above ${__dirname}`);
}

/** The package's own policy pack directory. */
export function defaultPackDir(): string {
    return path.join(packageRoot(), "policies");
}

/** The package's version, for tool metadata in reports. */
export function packageVersion(): string {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "0.0.0";
}
