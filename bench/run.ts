/**
 * `npm run bench`: every performance figure of tailnet-guard, each measured side by side with its
 * baseline in this one run, printed as a ratio against its goal. Build first (`npm run build`; `npm ci`
 * does it). Takes a few minutes on two cores; pass --quick for fewer rounds.
 */
import * as os from "os";
import { allocationFigures } from "./acl/allocationBench";
import { auditFigures } from "./acl/auditBench";
import { growthFloorFigures } from "./acl/growthFloor";
import { analyzeLoadFigure } from "./analyzeLoad";
import { startupFigures } from "./pack/startup";
import { previewFigure } from "./previewBench";

async function main(): Promise<void> {
    const quick = process.argv.includes("--quick");
    const cpus = os.cpus();
    console.log(`tailnet-guard benchmarks, ${new Date().toISOString()}`);
    console.log(`machine: ${cpus.length} x ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
    console.log("");
    const sections: Array<[string, () => Promise<string[]>]> = [
        ["policy analysis (audit) vs JSON.parse", () => auditFigures(1, quick ? 5 : 21)],
        ["growth at 4x the input, with and without V8's young-generation collections, and of two designs' skeletons", async () => growthFloorFigures(quick ? 11 : 31, quick ? 1 : 2)],
        ["allocation per analysis (the same in every run: what young-generation collections work through)", () => allocationFigures(quick ? 2 : 5)],
        ["pack start-up", async () => startupFigures(quick ? 5 : 15)],
        ["pack throughput", async () => [await analyzeLoadFigure(quick ? 1 : 3)]],
        ["preview end to end", async () => [await previewFigure(quick ? 1 : 3)]],
    ];
    let failed = false;
    for (const [title, run] of sections) {
        console.log(`## ${title}`);
        try {
            for (const line of await run()) console.log(line);
        } catch (error) {
            failed = true;
            console.log(`could not measure: ${error instanceof Error ? error.message : String(error)}`);
        }
        console.log("");
    }
    process.exitCode = failed ? 1 : 0;
}

void main();
