/**
 * Pack start-up: the time from spawning the pack exactly as the Pulumi engine does
 * (`node node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine> <pack dir>`) to the port it prints,
 * for tailnet-guard's pack and for a zero-policy pack on the same @pulumi/policy, alternating so both
 * see the same machine load. Prints the medians and their ratio (goal: <= 1.15).
 *
 *   npx tsc -p . && node dist/bench/pack/startup.js [runs=15]
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const RUN_POLICY_PACK = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [REPO_ROOT] })), "cmd", "run-policy-pack");
const GOAL = 1.15;

const PACKS = {
    "tailnet-guard": path.join(REPO_ROOT, "policies"),
    "no-op": path.join(REPO_ROOT, "bench", "pack", "noop-pack"),
};

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

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
    const runs = Number(process.argv[2] ?? 15);
    if (!Number.isInteger(runs) || runs < 1) {
        throw new Error(`runs must be a positive integer, got ${process.argv[2]}`);
    }
    for (const entry of [path.join(REPO_ROOT, "dist", "policies", "index.js"), path.join(REPO_ROOT, "dist", "bench", "pack", "noop-pack", "index.js")]) {
        if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run "npx tsc -p ." first`);
    }
    // One warm-up start each, so the file system cache is as warm for both.
    await startOnce(PACKS["no-op"]);
    await startOnce(PACKS["tailnet-guard"]);
    const times: Record<keyof typeof PACKS, number[]> = { "tailnet-guard": [], "no-op": [] };
    for (let i = 0; i < runs; i++) {
        // Alternate which goes first, so neither always follows the other.
        const order: Array<keyof typeof PACKS> = i % 2 === 0 ? ["no-op", "tailnet-guard"] : ["tailnet-guard", "no-op"];
        for (const name of order) {
            times[name].push(await startOnce(PACKS[name]));
        }
    }
    const subject = median(times["tailnet-guard"]);
    const baseline = median(times["no-op"]);
    const ratio = subject / baseline;
    process.stdout.write(
        [
            `pack start-up, ${runs} runs each, alternating (spawn run-policy-pack -> port printed):`,
            `  no-op pack (0 policies)         median ${baseline.toFixed(1)} ms  (min ${Math.min(...times["no-op"]).toFixed(1)}, max ${Math.max(...times["no-op"]).toFixed(1)})`,
            `  tailnet-guard pack              median ${subject.toFixed(1)} ms  (min ${Math.min(...times["tailnet-guard"]).toFixed(1)}, max ${Math.max(...times["tailnet-guard"]).toFixed(1)})`,
            `  ratio ${ratio.toFixed(3)} (goal <= ${GOAL}): ${ratio <= GOAL ? "meets the goal" : "MISSES the goal"}`,
            "",
        ].join("\n"),
    );
}

main().catch((error) => {
    process.stderr.write(`bench/pack/startup: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
});
