/**
 * 1,000+ resources through the pack: every resource of test/fixtures/large-program sent with Analyze,
 * then one AnalyzeStack of them all, against tailnet-guard's pack and against a no-op pack under the
 * same launcher, alternately. Goal: at most 1.5x the no-op pack's time.
 * Run after `npm run build`: node dist/bench/analyzeLoad.js [rounds]
 */
import * as path from "path";
import { PolicyPackHost, type AnalyzedResource } from "../cli/policyPackHost";
import { collectResources, defaultPackDir, toAnalyzedResources } from "../cli/preview";
import { figure, sideBySide, timeMs } from "./stats";

const ROOT = path.resolve(__dirname, "..", "..");
export const NOOP_PACK = path.join(ROOT, "bench", "pack", "noop-pack");

async function analyzeAll(packDir: string, resources: AnalyzedResource[]): Promise<number> {
    const host = await PolicyPackHost.start({ packDir });
    try {
        // Start-up is measured elsewhere; this times the calls only.
        return await timeMs(async () => {
            for (const resource of resources) {
                await host.analyze(resource);
            }
            await host.analyzeStack(resources);
        });
    } finally {
        await host.stop();
    }
}

export async function analyzeLoadFigure(rounds = 3): Promise<string> {
    const run = await collectResources(path.join(ROOT, "test", "fixtures", "large-program"), "dev");
    const resources = toAnalyzedResources(run);
    const packDir = defaultPackDir();
    const result = await sideBySide(
        rounds,
        () => analyzeAll(packDir, resources),
        () => analyzeAll(NOOP_PACK, resources),
    );
    return figure(
        `pack throughput (${resources.length} Analyze + 1 AnalyzeStack)`,
        `tailnet-guard ${result.subjectMs.toFixed(0)} ms vs no-op pack ${result.baselineMs.toFixed(0)} ms`,
        result.ratio,
        1.5,
    );
}

if (require.main === module) {
    analyzeLoadFigure(Number(process.argv[2] ?? 3)).then(
        (line) => console.log(line),
        (error) => {
            console.error(error);
            process.exitCode = 1;
        },
    );
}
