/**
 * What the growth goal (4x the input, at most 4.5x the time) is up against on the machine at hand.
 * Each configuration runs in a fresh Node process that times, in alternating rounds at 1 and 4 MiB:
 *   - JSON.parse alone of the generated policy (the previous value dropped before each parse), and
 *   - the full analysis, analyzeParsedPolicy(parsePolicy(text)), as auditBench times it;
 * under V8's default young generation (16 MiB semi-spaces on 64-bit Node 20), and under
 * `--max-semi-space-size=256`, where a young-generation collection lands in about one 4 MiB analysis
 * out of five instead of two or three times in each (so the medians have none). The second shows the
 * growth of the work itself and of cache misses; the difference is what the collector adds, mostly
 * by copying the parsed value twice at 4 MiB (it dies young at 1 MiB).
 * The product never sets V8 flags; this benchmark sets one only to take the collector out of the
 * measurement. Run with
 *   node dist/bench/acl/growthFloor.js [rounds]
 */
import { execFileSync } from "child_process";
import { analyzeParsedPolicy } from "../../acl/analyze";
import { parsePolicy } from "../../acl/parse";
import { mean, median, timeSync } from "../stats";
import { POLICY_SEED } from "./auditBench";
import { generatePolicy } from "./generatePolicy";

const MIB = 1024 * 1024;
const CHILD_FLAG = "--growth-floor-child";

/** What one process measured: growth of the medians and of the means, for each subject. */
interface ChildResult {
    jsonParse: { median: number; mean: number };
    analysis: { median: number; mean: number };
    bytes: number;
}

/** The child's work: alternating rounds of both subjects at both sizes; prints its ChildResult as JSON. */
function measureInThisProcess(rounds: number): ChildResult {
    // The policies auditBench measures (generatePolicy returns them as flat strings, as a file read does).
    const texts = [1, 4].map((mib) => generatePolicy(mib * MIB, POLICY_SEED).text);
    const parseMs: number[][] = [[], []];
    const analysisMs: number[][] = [[], []];
    const warmUp = 3;
    for (let round = 0; round < warmUp + rounds; round++) {
        const order = round % 2 === 0 ? [0, 1] : [1, 0];
        for (const size of order) {
            const parsed = timeSync(() => JSON.parse(texts[size]) as unknown);
            // Dropped before the analysis, so that no collection inside it copies this value.
            parsed.result = undefined;
            const analysed = timeSync(() => analyzeParsedPolicy(parsePolicy(texts[size])));
            if (round >= warmUp) {
                parseMs[size].push(parsed.ms);
                analysisMs[size].push(analysed.ms);
            }
        }
    }
    const growth = (samples: number[][]) => ({ median: median(samples[1]) / median(samples[0]), mean: mean(samples[1]) / mean(samples[0]) });
    return { jsonParse: growth(parseMs), analysis: growth(analysisMs), bytes: texts[1].length / texts[0].length };
}

function measureInChild(rounds: number, v8Flags: readonly string[]): ChildResult {
    const output = execFileSync(process.execPath, [...v8Flags, __filename, CHILD_FLAG, String(rounds)], { encoding: "utf8", maxBuffer: 1 << 20 });
    return JSON.parse(output) as ChildResult;
}

/** Runs both configurations `processes` times each (alternating) and returns the lines to print. */
export function growthFloorFigures(rounds: number = 31, processes: number = 2): string[] {
    if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(processes) || processes < 1) {
        throw new Error(`growthFloorFigures: rounds and processes must be integers >= 1; got rounds=${rounds} processes=${processes}`);
    }
    const configurations: Array<{ label: string; flags: string[]; results: ChildResult[] }> = [
        { label: "default young generation", flags: [], results: [] },
        { label: "--max-semi-space-size=256", flags: ["--max-semi-space-size=256"], results: [] },
    ];
    for (let run = 0; run < processes; run++) for (const configuration of configurations) configuration.results.push(measureInChild(rounds, configuration.flags));
    const bytes = configurations[0].results[0].bytes;
    /** One line: a figure of every process, configuration by configuration. */
    const row = (label: string, pick: (r: ChildResult) => number) =>
        `  ${label.padEnd(22)}${configurations.map((c) => c.results.map((r) => `${pick(r).toFixed(2)}x`).join(" ").padEnd(26)).join("")}`;
    return [
        `growth at ${bytes.toFixed(2)}x the bytes (1 -> 4 MiB); medians of ${rounds} alternating rounds, one column entry per fresh process:`,
        `                        ${configurations.map((c) => c.label.padEnd(26)).join("")}`,
        row("JSON.parse alone", (r) => r.jsonParse.median),
        row("full analysis", (r) => r.analysis.median),
        row("full analysis (means)", (r) => r.analysis.mean),
        "  (the growth goal is <= 4.5x; in the second column the medians have no young-generation collection inside an analysis)",
    ];
}

if (require.main === module) {
    if (process.argv[2] === CHILD_FLAG) {
        process.stdout.write(JSON.stringify(measureInThisProcess(Number(process.argv[3]))));
    } else {
        for (const line of growthFloorFigures(Number(process.argv[2] ?? "31"))) console.log(line);
    }
}
