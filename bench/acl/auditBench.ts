/**
 * Benchmark of the full offline analysis of a policy file, `analyzeParsedPolicy(parsePolicy(text))`:
 * parse (HuJSON with positions), grammar validation and every lint, and the file's own tests, on a
 * generated ~1 MiB policy with thousands of rules, groups and tests, against JSON.parse of the same
 * bytes; then the same at 4x the size to show the cost grows linearly.
 *
 * Goals: the whole analysis costs at most 10x JSON.parse, and 4x the input costs at most 4.5x the
 * time. The two sizes run in alternating rounds and medians are taken, so machine load hits both
 * alike. The full analyses (the figure the goals are about) have rounds of their own, apart from
 * JSON.parse and the phases, whose garbage (JSON.parse's object graph above all) would otherwise be
 * collected during them. A sample of the full analysis covers the same bytes at both sizes (the
 * 1 MiB policy is analysed 4 times back to back, timed per analysis: see measureSizes). Each full
 * analysis is also split into V8's garbage-collection pauses and the rest. Run with
 *   npx ts-node --transpile-only bench/acl/auditBench.ts [sizeMiB] [runs]
 * or, compiled, node dist/bench/acl/auditBench.js; a bench runner calls auditFigures().
 */
import { constants, performance, PerformanceObserver, type PerformanceEntry } from "perf_hooks";
import { analyzeParsedPolicy } from "../../acl/analyze";
import { ALL_CHECKS } from "../../acl/checks";
import { runPolicyTests, type PolicyTestReport } from "../../acl/evaluate";
import { parsePolicy } from "../../acl/parse";
import { generatePolicy, type GeneratedPolicy } from "./generatePolicy";
import { mean, median, timeSync as time } from "../stats";

const MIB = 1024 * 1024;
/** Goal: the full analysis costs at most this many times JSON.parse of the same bytes. */
export const RATIO_GOAL = 10;
/** Goal: 4x the input costs at most this many times the time. */
export const SCALING_GOAL = 4.5;
/** Seed of the generated policies the policy-analysis benchmarks measure (the same bytes in each). */
export const POLICY_SEED = 7;

export interface AuditFigures {
    bytes: number;
    assertions: number;
    findings: number;
    jsonParseMs: number;
    /** parsePolicy: HuJSON to value (positions are indexed on the first locate, inside the later phases). */
    parseMs: number;
    /** Grammar validation and every lint (ALL_CHECKS), measured on their own. */
    checksMs: number;
    /** The file's own tests and sshTests, measured on their own. */
    testsMs: number;
    /** analyzeParsedPolicy(parsePolicy(text)) as one call: the figure the goals are about. */
    totalMs: number;
    /** Median over runs of the garbage-collection pauses within the full analysis. */
    gcMs: number;
    /** Median over runs of the full analysis less its garbage-collection pauses. */
    outsideGcMs: number;
    /** Median over samples of the young-generation collections (scavenges) per full analysis (a sample's count over its analyses). */
    scavenges: number;
    /** Mean over runs of the full analysis: counts the collections of every run, where the median may skip them. */
    meanTotalMs: number;
    /** Median over runs of total / JSON.parse measured back to back (less sensitive to load). */
    pairedRatio: number;
    /** Median of the full analysis timed one a sample (rounds of their own, after the equal-work ones). */
    singleMs: number;
}

/**
 * The parse and the checks timed apart, on a fresh parse (so no phase profits from positions
 * another indexed). A function of its own, so the parsed policy is garbage once it returns and
 * the later steps do not run with an extra copy of it alive.
 */
function timeParseAndChecks(text: string): { parseMs: number; checksMs: number } {
    const parsed = time(() => parsePolicy(text, "generated.hujson"));
    const tape = parsed.result.tape;
    if (tape === undefined) throw new Error("the generated policy did not parse");
    return { parseMs: parsed.ms, checksMs: time(() => ALL_CHECKS.map((check) => check(parsed.result, tape, {}))).ms };
}

/** The file's own tests, timed on a fresh parse; returns the number of assertions that passed. */
function timeTests(text: string): { ms: number; passed: number } {
    const report = time(() => runPolicyTests(parsePolicy(text, "generated.hujson")));
    return { ms: report.ms, passed: report.result.passed };
}

/**
 * The figure the goals are about: analyzeParsedPolicy(parsePolicy(text)) as one call, `repeat`
 * times back to back; the time per analysis, when the sample ran (performance.now()), and the last
 * analysis's outcome.
 */
function timeAnalysis(text: string, repeat: number = 1): { ms: number; from: number; to: number; findings: number; tests: PolicyTestReport } {
    const from = performance.now();
    let analysis = analyzeParsedPolicy(parsePolicy(text, "generated.hujson"));
    for (let more = 1; more < repeat; more++) analysis = analyzeParsedPolicy(parsePolicy(text, "generated.hujson"));
    const to = performance.now();
    return { ms: (to - from) / repeat, from, to, findings: analysis.findings.length, tests: analysis.tests };
}

/**
 * Records V8's garbage-collection pauses (perf_hooks "gc" entries). Entries reach the observer
 * asynchronously: await delivered() once the timed work is done, then read within().
 */
class GcPauses {
    private readonly entries: PerformanceEntry[] = [];
    private readonly observer = new PerformanceObserver((list) => this.entries.push(...list.getEntries()));

    constructor() {
        this.observer.observe({ entryTypes: ["gc"] });
    }

    /**
     * Resolves once the entries queued so far have reached the observer: Node hands them over a
     * couple of event-loop turns later, so wait until two turns bring nothing new.
     */
    async delivered(): Promise<void> {
        const turn = () => new Promise((resolve) => setImmediate(resolve));
        let seen = -1;
        while (seen !== this.entries.length) {
            seen = this.entries.length;
            await turn();
            await turn();
        }
    }

    /** Milliseconds of pauses that started within [from, to], and how many of them were scavenges. */
    within(from: number, to: number): { ms: number; scavenges: number } {
        let ms = 0;
        let scavenges = 0;
        for (const entry of this.entries) {
            if (entry.startTime < from || entry.startTime > to) continue;
            ms += entry.duration;
            if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges++;
        }
        return { ms, scavenges };
    }

    stop(): void {
        this.observer.disconnect();
    }
}

/** JSON.parse of the text, timed; the value is dropped at once. */
function timeJsonParse(text: string): number {
    return time(() => JSON.parse(text) as unknown).ms;
}

/** The samples of one size, gathered a run at a time. */
class SizeSamples {
    readonly policy: GeneratedPolicy;
    readonly json: number[] = [];
    readonly parse: number[] = [];
    readonly checks: number[] = [];
    readonly tests: number[] = [];
    readonly total: number[] = [];
    readonly ratios: number[] = [];
    readonly single: number[] = [];
    readonly intervals: Array<{ from: number; to: number }> = [];
    findings = 0;

    /** `repeat`: analyses per timed sample (see measureSizes). */
    constructor(
        targetBytes: number,
        readonly repeat: number,
    ) {
        this.policy = generatePolicy(targetBytes, POLICY_SEED);
    }

    /**
     * One sample of the figure the goals are about: the full analysis alone, `repeat` times back to
     * back, timed per analysis. The samples of every size alternate with nothing else in between,
     * so no sample pays for collecting garbage the benchmark made for another purpose (JSON.parse of
     * 4 MiB leaves a large object graph that old-generation marking then traces during the next
     * runs, which would weigh on the large size more).
     */
    sampleAnalysis(): void {
        const analysis = this.analysed(this.repeat);
        this.total.push(analysis.ms);
        this.intervals.push(analysis);
    }

    /** One sample of the full analysis run once (whatever the size), for the growth of one-analysis samples. */
    sampleSingleAnalysis(): void {
        this.single.push(this.analysed(1).ms);
    }

    /** timeAnalysis of the policy, checked: every test assertion of the generated policy passes. */
    private analysed(repeat: number): ReturnType<typeof timeAnalysis> {
        const { policy } = this;
        const analysis = timeAnalysis(policy.text, repeat);
        this.findings = analysis.findings;
        const outcome = analysis.tests;
        if (outcome.failed.length > 0 || outcome.skipped > 0 || outcome.passed !== policy.assertions) {
            const first = outcome.failed[0];
            throw new Error(
                `the generated policy should pass all its ${policy.assertions} test assertions, but ${outcome.passed} passed, ` +
                    `${outcome.failed.length} failed and ${outcome.skipped} were skipped${first === undefined ? "" : `; first: ${first.message}`}`,
            );
        }
        return analysis;
    }

    /**
     * One run of the baseline and the breakdown: JSON.parse, the phases apart, then a full analysis
     * and JSON.parse back to back (the paired ratio, which a change in machine speed affects least).
     */
    sampleBreakdown(): void {
        const { policy } = this;
        this.json.push(timeJsonParse(policy.text));
        const phases = timeParseAndChecks(policy.text);
        this.parse.push(phases.parseMs);
        this.checks.push(phases.checksMs);
        const report = timeTests(policy.text);
        this.tests.push(report.ms);
        if (report.passed !== policy.assertions) throw new Error(`expected ${policy.assertions} assertions to pass, got ${report.passed}`);
        const paired = timeAnalysis(policy.text).ms;
        this.ratios.push(paired / timeJsonParse(policy.text));
    }

    /** The medians, with the GC pauses of each full analysis (a sample's, shared among its analyses). */
    figures(pauses: GcPauses): AuditFigures {
        const collections = this.intervals.map(({ from, to }) => {
            const { ms, scavenges } = pauses.within(from, to);
            return { ms: ms / this.repeat, scavenges: scavenges / this.repeat };
        });
        const gc = collections.map((c) => c.ms);
        return {
            bytes: Buffer.byteLength(this.policy.text),
            assertions: this.policy.assertions,
            findings: this.findings,
            jsonParseMs: median(this.json),
            parseMs: median(this.parse),
            checksMs: median(this.checks),
            testsMs: median(this.tests),
            totalMs: median(this.total),
            gcMs: median(gc),
            outsideGcMs: median(this.total.map((ms, run) => ms - gc[run])),
            scavenges: median(collections.map((c) => c.scavenges)),
            meanTotalMs: mean(this.total),
            pairedRatio: median(this.ratios),
            singleMs: median(this.single),
        };
    }
}

/**
 * Measures several sizes, interleaved: each round runs every size once, so a change in machine speed
 * during the benchmark (this machine is shared) hits every size alike. The full analyses run first,
 * in rounds of their own; then JSON.parse and the phases, in other rounds. Also returns, per size,
 * the median over rounds of its full-analysis time over that of the first size in the same round.
 *
 * Each sample of the full analysis covers about the same bytes at every size: a size n times
 * smaller than the largest is analysed n times back to back and timed per analysis. A sample of
 * one 1 MiB analysis (3.5 MB allocated) would meet a young-generation collection about one time in
 * four, so its median would leave out the collections that 1 MiB analyses do cause, while the
 * median 4 MiB sample always holds one: the growth figure would count collection time at one size
 * only. Equal-work samples count collections at the same rate at every size, and are exposed to
 * the same spells of machine load (a 25 ms sample is hit or missed by a spell that a 100 ms sample
 * averages). Rounds of one-analysis samples follow, for comparison; then the phases and JSON.parse,
 * one run per sample.
 */
export async function measureSizes(targetBytes: readonly number[], runs: number): Promise<{ figures: AuditFigures[]; pairedScaling: number[] }> {
    const largest = Math.max(...targetBytes);
    const sizes = targetBytes.map((bytes) => new SizeSamples(bytes, Math.max(1, Math.round(largest / bytes))));
    const pauses = new GcPauses();
    try {
        for (let run = 0; run < runs; run++) for (const size of sizes) size.sampleAnalysis();
        for (let run = 0; run < runs; run++) for (const size of sizes) size.sampleSingleAnalysis();
        for (let run = 0; run < runs; run++) for (const size of sizes) size.sampleBreakdown();
        await pauses.delivered();
        const figures = sizes.map((size) => size.figures(pauses));
        const pairedScaling = sizes.map((size) => median(size.total.map((ms, run) => ms / sizes[0].total[run])));
        return { figures, pairedScaling };
    } finally {
        pauses.stop();
    }
}

function verdict(met: boolean): string {
    return met ? "meets" : "MISSES";
}

/** The lines of one size; `goal` says whether the ratio goal applies to it (it is set for the base size). */
function describe(label: string, f: AuditFigures, goal: boolean): string[] {
    const ratio = f.totalMs / f.jsonParseMs;
    const against = goal ? `goal <= ${RATIO_GOAL}x: ${verdict(ratio <= RATIO_GOAL)}` : "the ratio goal is set for the base size; growth below";
    return [
        `${label}:`,
        `  bytes                   ${f.bytes} (${(f.bytes / MIB).toFixed(2)} MiB), ${f.assertions} test assertions, ${f.findings} findings`,
        `  JSON.parse              ${f.jsonParseMs.toFixed(1)} ms`,
        `  parse (HuJSON)          ${f.parseMs.toFixed(1)} ms = ${(f.parseMs / f.jsonParseMs).toFixed(2)}x JSON.parse`,
        `  validation + lints      ${f.checksMs.toFixed(1)} ms = ${(f.checksMs / f.jsonParseMs).toFixed(2)}x (positions indexed here, on the first finding)`,
        `  tests + sshTests        ${f.testsMs.toFixed(1)} ms = ${(f.testsMs / f.jsonParseMs).toFixed(2)}x (including its own parse)`,
        `  full analysis           ${f.totalMs.toFixed(1)} ms = ${ratio.toFixed(2)}x JSON.parse (paired per run: ${f.pairedRatio.toFixed(2)}x); ${against}`,
        `    of which GC pauses    ${f.gcMs.toFixed(1)} ms (${((100 * f.gcMs) / f.totalMs).toFixed(0)}%); outside them ${f.outsideGcMs.toFixed(1)} ms`,
        `    young-generation GCs  ${f.scavenges.toFixed(2)} per analysis (median); mean time of the full analysis ${f.meanTotalMs.toFixed(1)} ms`,
    ];
}

/** Runs the benchmark (a warm-up, then `runs` measured runs per size) and returns the lines it prints. */
export async function auditFigures(sizeMiB: number = 1, runs: number = 21): Promise<string[]> {
    if (!(sizeMiB > 0) || !Number.isInteger(runs) || runs < 1) {
        throw new Error(`auditFigures: sizeMiB must be > 0 and runs an integer >= 1; got sizeMiB=${sizeMiB} runs=${runs}`);
    }
    // Warm up the JIT on both sizes so the first measured runs are not outliers.
    await measureSizes([sizeMiB * MIB, 4 * sizeMiB * MIB], 2);
    const { figures, pairedScaling } = await measureSizes([sizeMiB * MIB, 4 * sizeMiB * MIB], runs);
    const [base, large] = figures;
    const bytes = large.bytes / base.bytes;
    const scaling = large.totalMs / base.totalMs;
    // Time per byte against the base size: 1.00 is perfectly linear.
    const perByte = scaling / bytes;
    return [
        ...describe(`${sizeMiB} MiB policy (median of ${runs}; a sample of the full analysis runs it 4 times, timed per analysis)`, base, true),
        ...describe(`${4 * sizeMiB} MiB policy (median of ${runs})`, large, false),
        "scaling (4x input):",
        `  full analysis           ${scaling.toFixed(2)}x time for ${bytes.toFixed(2)}x bytes (${perByte.toFixed(2)}x per byte); ` +
            `goal <= ${SCALING_GOAL}x for 4x: ${verdict(scaling / bytes <= SCALING_GOAL / 4)} (paired per round: ${pairedScaling[1].toFixed(2)}x)`,
        `  outside GC pauses       ${(large.outsideGcMs / base.outsideGcMs).toFixed(2)}x (GC pauses ${base.gcMs > 0 ? `${(large.gcMs / base.gcMs).toFixed(1)}x` : `${large.gcMs.toFixed(1)} ms against none`})`,
        `  of the mean times       ${(large.meanTotalMs / base.meanTotalMs).toFixed(2)}x`,
        `  one analysis a sample   ${(large.singleMs / base.singleMs).toFixed(2)}x (medians ${base.singleMs.toFixed(1)} / ${large.singleMs.toFixed(1)} ms; young-generation collections in most 4 MiB samples, in few 1 MiB ones)`,
        `  against JSON.parse's    ${(scaling / (large.jsonParseMs / base.jsonParseMs)).toFixed(2)}x the growth of JSON.parse of the same bytes in this run`,
        `  parse                   ${(large.parseMs / base.parseMs).toFixed(2)}x`,
        `  validation + lints      ${(large.checksMs / base.checksMs).toFixed(2)}x`,
        `  tests + sshTests        ${(large.testsMs / base.testsMs).toFixed(2)}x`,
        `  JSON.parse              ${(large.jsonParseMs / base.jsonParseMs).toFixed(2)}x`,
    ];
}

if (require.main === module) {
    const sizeMiB = Number(process.argv[2] ?? "1");
    const runs = Number(process.argv[3] ?? "21");
    void auditFigures(sizeMiB, runs).then((lines) => {
        for (const line of lines) console.log(line);
    });
}
