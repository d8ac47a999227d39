/**
 * `tailnet-guard preview` of the example stack end to end (program under mocks, pack start, every
 * Analyze, AnalyzeStack), against running the same program under mocks alone: the ratio is what the
 * policy check adds to a plain offline run of the program.
 * Run after `npm run build`: node dist/bench/previewBench.js [rounds]
 */
import * as path from "path";
import { collectResources, runPreview } from "../cli/preview";
import { figure, sideBySide, timeMs } from "./stats";

const ROOT = path.resolve(__dirname, "..", "..");

export async function previewFigure(rounds = 3): Promise<string> {
    const result = await sideBySide(
        rounds,
        () => timeMs(() => runPreview({ dir: ROOT })),
        () => timeMs(() => collectResources(ROOT, "dev")),
    );
    return figure(
        "preview of the example stack, end to end",
        `${result.subjectMs.toFixed(0)} ms vs ${result.baselineMs.toFixed(0)} ms to run the program alone under mocks`,
        result.ratio,
        2,
    );
}

if (require.main === module) {
    previewFigure(Number(process.argv[2] ?? 3)).then(
        (line) => console.log(line),
        (error) => {
            console.error(error);
            process.exitCode = 1;
        },
    );
}
