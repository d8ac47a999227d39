/**
 * Benchmark of the offline policy audit: parse a generated ~1 MiB policy, build the evaluator and
 * run every test, compared with JSON.parse of the same bytes; then the same at 4x the size to
 * show the cost grows linearly. Prints medians of several runs. Run with
 *   npx ts-node --transpile-only bench/acl/auditBench.ts [sizeMiB] [runs]
 * or, compiled, node dist/bench/acl/auditBench.js.
 */
import { parsePolicy } from "../../acl/parse";
import { createEvaluator, runPolicyTests } from "../../acl/evaluate";
import { generatePolicy } from "./generatePolicy";

const MIB = 1024 * 1024;

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time<T>(work: () => T): { ms: number; result: T } {
    const start = process.hrtime.bigint();
    const result = work();
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

interface Figures {
    bytes: number;
    assertions: number;
    jsonParseMs: number;
    parseMs: number;
    evaluateMs: number;
    /** Median over runs of (parse + evaluate) / JSON.parse measured back to back, less sensitive to load. */
    pairedRatio: number;
    /** The same for evaluate alone. */
    pairedEvaluateRatio: number;
}

function measure(targetBytes: number, runs: number): Figures {
    const policy = generatePolicy(targetBytes, 7);
    const jsonParse: number[] = [];
    const parse: number[] = [];
    const evaluate: number[] = [];
    const ratios: number[] = [];
    const evaluateRatios: number[] = [];
    for (let run = 0; run < runs; run++) {
        const json = time(() => JSON.parse(policy.text)).ms;
        jsonParse.push(json);
        const parsed = time(() => parsePolicy(policy.text, "generated.hujson"));
        parse.push(parsed.ms);
        const report = time(() => runPolicyTests(parsed.result, createEvaluator(parsed.result)));
        evaluate.push(report.ms);
        ratios.push((parsed.ms + report.ms) / json);
        evaluateRatios.push(report.ms / json);
        if (report.result.failed.length > 0 || report.result.skipped > 0) {
            const first = report.result.failed[0];
            throw new Error(
                `the generated policy should pass all its tests, but ${report.result.failed.length} failed and ` +
                    `${report.result.skipped} were skipped${first === undefined ? "" : `; first: ${first.message}`}`,
            );
        }
        if (report.result.passed !== policy.assertions) {
            throw new Error(`expected ${policy.assertions} assertions to pass, got ${report.result.passed}`);
        }
    }
    return {
        bytes: Buffer.byteLength(policy.text),
        assertions: policy.assertions,
        jsonParseMs: median(jsonParse),
        parseMs: median(parse),
        evaluateMs: median(evaluate),
        pairedRatio: median(ratios),
        pairedEvaluateRatio: median(evaluateRatios),
    };
}

function print(label: string, figures: Figures): void {
    const total = figures.parseMs + figures.evaluateMs;
    console.log(`${label}:`);
    console.log(`  bytes                 ${figures.bytes} (${(figures.bytes / MIB).toFixed(2)} MiB), ${figures.assertions} test assertions`);
    console.log(`  JSON.parse            ${figures.jsonParseMs.toFixed(1)} ms`);
    console.log(`  parse (HuJSON+pos)    ${figures.parseMs.toFixed(1)} ms`);
    console.log(`  evaluate+tests        ${figures.evaluateMs.toFixed(1)} ms`);
    console.log(`  parse+evaluate        ${total.toFixed(1)} ms = ${(total / figures.jsonParseMs).toFixed(2)}x JSON.parse`);
    console.log(`  evaluate alone        ${(figures.evaluateMs / figures.jsonParseMs).toFixed(2)}x JSON.parse`);
    console.log(
        `  per-run ratios        parse+evaluate ${figures.pairedRatio.toFixed(2)}x, evaluate ${figures.pairedEvaluateRatio.toFixed(2)}x ` +
            "(median of ratios measured back to back)",
    );
}

function main(): void {
    const sizeMiB = Number(process.argv[2] ?? "1");
    const runs = Number(process.argv[3] ?? "7");
    if (!(sizeMiB > 0) || !Number.isInteger(runs) || runs < 1) {
        throw new Error(`usage: auditBench [sizeMiB > 0] [runs >= 1]; got sizeMiB=${process.argv[2]} runs=${process.argv[3]}`);
    }
    // Warm up the JIT on the measured size so the first measured runs are not outliers.
    measure(sizeMiB * MIB, 3);
    const base = measure(sizeMiB * MIB, runs);
    print(`${sizeMiB} MiB policy (median of ${runs})`, base);
    const large = measure(4 * sizeMiB * MIB, runs);
    print(`${4 * sizeMiB} MiB policy (median of ${runs})`, large);
    const baseTotal = base.parseMs + base.evaluateMs;
    const largeTotal = large.parseMs + large.evaluateMs;
    console.log("scaling (4x input):");
    console.log(`  parse+evaluate        ${(largeTotal / baseTotal).toFixed(2)}x time for ${(large.bytes / base.bytes).toFixed(2)}x bytes`);
    console.log(`  evaluate+tests        ${(large.evaluateMs / base.evaluateMs).toFixed(2)}x`);
    console.log(`  JSON.parse            ${(large.jsonParseMs / base.jsonParseMs).toFixed(2)}x`);
}

main();
