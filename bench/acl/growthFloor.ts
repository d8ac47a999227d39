/**
 * What the growth goal (4x the input, at most 4.5x the time) is up against on the machine at hand.
 * Each configuration runs in a fresh Node process that times, in alternating rounds at 1 and 4 MiB:
 *   - JSON.parse alone of the generated policy (the previous value dropped before each parse),
 *   - the full analysis, analyzeParsedPolicy(parsePolicy(text)), as auditBench times it, and
 *   - in processes of their own, the skeletons of two designs (designSkeletons.ts): parse, number
 *     every name, two more walks, over JSON.parse's object graph (the analysis's design until
 *     2026-11-26) and over an off-heap token tape (its design since: acl/tape.ts);
 * under V8's default young generation (16 MiB semi-spaces on 64-bit Node 20), and under
 * `--max-semi-space-size=256`, where a young-generation collection lands in about one 4 MiB analysis
 * out of five instead of about once in each (two or three times with the object graph), so the medians
 * have none. The second shows the
 * growth of the work itself and of cache misses; the difference is what the collector adds, mostly
 * which with JSON.parse's object graph was mostly copying the parsed value twice at 4 MiB (it died
 * young at 1 MiB); the tape keeps no parsed value on the garbage-collected heap.
 * The product never sets V8 flags; this benchmark sets one only to take the collector out of the
 * measurement. Run with
 *   node dist/bench/acl/growthFloor.js [rounds]
 */
import { execFileSync } from "child_process";
import { analyzeParsedPolicy } from "../../acl/analyze";
import { parsePolicy } from "../../acl/parse";
import { mean, median, timeSync } from "../stats";
import { POLICY_SEED } from "./auditBench";
import { objectGraphSkeleton, tapeSkeleton, type SkeletonResult } from "./designSkeletons";
import { generatePolicy } from "./generatePolicy";

const MIB = 1024 * 1024;
const CHILD_FLAG = "--growth-floor-child";

/** A piece of work timed on the generated policy text. */
interface Subject {
    label: string;
    run(text: string): unknown;
    /** Also print the growth of the mean times (which count every collection; a median may skip them at 1 MiB). */
    means?: boolean;
}

/**
 * Subjects timed together in one process, in alternating rounds. The analysis and the skeletons run
 * in processes of their own: what one subject leaves in the young generation moves where the next
 * one's collections land, so timing them side by side would change each other's figures.
 */
const SUBJECT_SETS = {
    analysis: [
        // The previous value is dropped before the analysis, so no collection inside it copies this one.
        { label: "JSON.parse alone", run: (text: string) => void JSON.parse(text) },
        { label: "full analysis", run: (text: string) => analyzeParsedPolicy(parsePolicy(text)), means: true },
    ],
    skeletons: [
        { label: "skeleton: object graph", run: objectGraphSkeleton },
        { label: "skeleton: token tape", run: tapeSkeleton },
    ],
} satisfies Record<string, Subject[]>;
type SubjectSet = keyof typeof SUBJECT_SETS;

/** What one process measured: for each subject, the growth of its medians and of its means. */
interface ChildResult {
    growth: Record<string, { median: number; mean: number }>;
    bytes: number;
}

/** The child's work: alternating rounds of a set's subjects at both sizes; prints its ChildResult as JSON. */
function measureInThisProcess(set: SubjectSet, rounds: number): ChildResult {
    const subjects: Subject[] = SUBJECT_SETS[set];
    // The policies auditBench measures (generatePolicy returns them as flat strings, as a file read does).
    const texts = [1, 4].map((mib) => generatePolicy(mib * MIB, POLICY_SEED).text);
    if (set === "skeletons") for (const text of texts) sameResult(objectGraphSkeleton(text), tapeSkeleton(text));
    const samples = subjects.map((): number[][] => [[], []]);
    const warmUp = 3;
    for (let round = 0; round < warmUp + rounds; round++) {
        const order = round % 2 === 0 ? [0, 1] : [1, 0];
        for (const size of order) {
            subjects.forEach((subject, index) => {
                const { ms } = timeSync(() => subject.run(texts[size]));
                if (round >= warmUp) samples[index][size].push(ms);
            });
        }
    }
    const growth: ChildResult["growth"] = {};
    subjects.forEach((subject, index) => {
        const [small, large] = samples[index];
        growth[subject.label] = { median: median(large) / median(small), mean: mean(large) / mean(small) };
    });
    return { growth, bytes: texts[1].length / texts[0].length };
}

/** The two skeletons must do the same work (same names, read in the same order) for their timings to compare. */
function sameResult(objectGraph: SkeletonResult, tape: SkeletonResult): void {
    if (objectGraph.distinct !== tape.distinct || objectGraph.checksum !== tape.checksum) {
        throw new Error(`the design skeletons disagree: object graph ${JSON.stringify(objectGraph)}, tape ${JSON.stringify(tape)}`);
    }
}

function measureInChild(set: SubjectSet, rounds: number, v8Flags: readonly string[]): ChildResult {
    const output = execFileSync(process.execPath, [...v8Flags, __filename, CHILD_FLAG, set, String(rounds)], { encoding: "utf8", maxBuffer: 1 << 20 });
    return JSON.parse(output) as ChildResult;
}

/** Runs every subject set under both configurations, `processes` times each (alternating), and returns the lines to print. */
export function growthFloorFigures(rounds: number = 31, processes: number = 2): string[] {
    if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(processes) || processes < 1) {
        throw new Error(`growthFloorFigures: rounds and processes must be integers >= 1; got rounds=${rounds} processes=${processes}`);
    }
    const configurations: Array<{ label: string; flags: string[]; results: ChildResult[] }> = [
        { label: "default young generation", flags: [], results: [] },
        { label: "--max-semi-space-size=256", flags: ["--max-semi-space-size=256"], results: [] },
    ];
    const sets = Object.keys(SUBJECT_SETS) as SubjectSet[];
    for (let run = 0; run < processes; run++) {
        for (const set of sets) for (const configuration of configurations) configuration.results.push(measureInChild(set, rounds, configuration.flags));
    }
    const bytes = configurations[0].results[0].bytes;
    /** One line: `figure` of every process that timed the subject, configuration by configuration. */
    const row = (label: string, subject: string, figure: "median" | "mean") =>
        `  ${label.padEnd(24)}${configurations
            .map((c) => c.results.flatMap((r) => (r.growth[subject] === undefined ? [] : [`${r.growth[subject][figure].toFixed(2)}x`])).join(" ").padEnd(26))
            .join("")}`;
    const subjects = sets.flatMap((set): Subject[] => SUBJECT_SETS[set]);
    return [
        `growth at ${bytes.toFixed(2)}x the bytes (1 -> 4 MiB); medians of ${rounds} alternating rounds, one column entry per fresh process:`,
        `                          ${configurations.map((c) => c.label.padEnd(26)).join("")}`,
        ...subjects.flatMap(({ label, means }) => [row(label, label, "median"), ...(means === true ? [row(`${label} (means)`, label, "mean")] : [])]),
        "  (the growth goal is <= 4.5x; in the second column the medians have no young-generation collection inside an analysis.",
        "  The skeletons, timed in processes of their own, parse, number every name and walk twice more: over JSON.parse's",
        "  value, as the analysis was built until 2026-11-26, and over an off-heap token tape, as it is built now (acl/tape.ts);\n" +
            "  see bench/acl/designSkeletons.ts)",
    ];
}

if (require.main === module) {
    if (process.argv[2] === CHILD_FLAG) {
        const set = process.argv[3];
        if (set === undefined || !Object.hasOwn(SUBJECT_SETS, set)) throw new Error(`growthFloor child: unknown subject set ${JSON.stringify(set)}`);
        process.stdout.write(JSON.stringify(measureInThisProcess(set as SubjectSet, Number(process.argv[4]))));
    } else {
        for (const line of growthFloorFigures(Number(process.argv[2] ?? "31"))) console.log(line);
    }
}
