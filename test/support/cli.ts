/**
 * Runs the compiled `tailnet-guard` CLI the way a user does (`node dist/cli/index.js ...`), so tests see
 * the real exit code, stdout and stderr. `npm test` compiles before mocha runs.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(REPO_ROOT, "dist", "cli", "index.js");

export interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

export function fixture(name: string): string {
    return path.join(REPO_ROOT, "test", "fixtures", name);
}

export function runCli(args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
    if (!fs.existsSync(CLI)) {
        throw new Error(`${CLI} is missing: run "npm run build" (npm test builds first)`);
    }
    return new Promise((resolve, reject) => {
        execFile(
            process.execPath,
            [CLI, ...args],
            { cwd: options.cwd ?? REPO_ROOT, timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
            (error, stdout, stderr) => {
                if (error && typeof error.code !== "number") {
                    reject(error);
                    return;
                }
                resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
            },
        );
    });
}
