/**
 * Pack start-up: the time from spawning the pack exactly as the Pulumi engine does
 * (`node node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine> <pack dir>`) to the port it prints,
 * for tailnet-guard's pack, a zero-policy pack on the same @pulumi/policy, and @pulumi/awsguard's pack,
 * in rotating order so all see the same machine load. Prints the medians and the ratios (goal against
 * the no-op pack: <= 1.15).
 *
 *   npx tsc -p . && node dist/bench/pack/startup.js [runs=15]
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { figure, median } from "../stats";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const RUN_POLICY_PACK = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [REPO_ROOT] })), "cmd", "run-policy-pack");
const GOAL = 1.15;

const PACKS = {
    "tailnet-guard": path.join(REPO_ROOT, "policies"),
    "no-op": path.join(REPO_ROOT, "bench", "pack", "noop-pack"),
    // @pulumi/awsguard (a dev dependency) with every policy on: a widely used pack, for comparison.
    awsguard: path.join(REPO_ROOT, "bench", "awsguard-pack"),
};
type PackName = keyof typeof PACKS;

/** Milliseconds from spawn to the first stdout line (the port); the pack is then killed. */
function startOnce(packDir: string): Promise<number> {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:0", packDir], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
            stdout += chunk;
            if (stdout.includes("\n")) {
                const elapsed = performance.now() - started;
                child.removeAllListeners("exit");
                child.once("exit", () => resolve(elapsed));
                child.kill("SIGKILL");
            }
        });
        child.once("exit", (code) => reject(new Error(`${packDir} exited with ${code} before printing a port: ${stderr.trim()}`)));
    });
}

/** Start-up medians of the three packs and the ratios, as printable lines. */
export async function startupFigures(runs = 15): Promise<string[]> {
    if (!Number.isInteger(runs) || runs < 1) {
        throw new Error(`runs must be a positive integer, got ${runs}`);
    }
    const names = Object.keys(PACKS) as PackName[];
    for (const name of names) {
        const entry = require(path.join(PACKS[name], "package.json")).main as string | undefined;
        if (entry && !fs.existsSync(path.resolve(PACKS[name], entry)) && !fs.existsSync(path.resolve(PACKS[name], `${entry}.js`))) {
            throw new Error(`${path.resolve(PACKS[name], entry)} is missing: run "npm run build" first`);
        }
    }
    // One warm-up start each, so the file system cache is as warm for all.
    for (const name of names) await startOnce(PACKS[name]);
    const times: Record<PackName, number[]> = { "tailnet-guard": [], "no-op": [], awsguard: [] };
    for (let i = 0; i < runs; i++) {
        // Rotate which goes first, so none always follows another.
        for (let k = 0; k < names.length; k++) {
            const name = names[(i + k) % names.length];
            times[name].push(await startOnce(PACKS[name]));
        }
    }
    const m = (name: PackName) => median(times[name]);
    const range = (name: PackName) => `min ${Math.min(...times[name]).toFixed(0)}, max ${Math.max(...times[name]).toFixed(0)}`;
    return [
        figure(
            `pack start-up vs a no-op pack (${runs} runs each, spawn run-policy-pack -> port printed)`,
            `tailnet-guard ${m("tailnet-guard").toFixed(0)} ms (${range("tailnet-guard")}) vs no-op ${m("no-op").toFixed(0)} ms (${range("no-op")})`,
            m("tailnet-guard") / m("no-op"),
            GOAL,
        ),
        `pack start-up vs @pulumi/awsguard: tailnet-guard ${m("tailnet-guard").toFixed(0)} ms vs awsguard ${m("awsguard").toFixed(0)} ms (${range("awsguard")}); ratio ${(m("tailnet-guard") / m("awsguard")).toFixed(2)} (lower is faster)`,
    ];
}

if (require.main === module) {
    startupFigures(Number(process.argv[2] ?? 15)).then(
        (lines) => process.stdout.write(lines.join("\n") + "\n"),
        (error) => {
            process.stderr.write(`bench/pack/startup: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exitCode = 1;
        },
    );
}
