/** Small helpers shared by the benchmarks: timing, means and medians, and side-by-side alternation. */
import { performance } from "perf_hooks";

export function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number {
    return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Times synchronous work on the monotonic high-resolution clock: its milliseconds and its result. */
export function timeSync<T>(work: () => T): { ms: number; result: T } {
    const start = process.hrtime.bigint();
    const result = work();
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

export async function timeMs(fn: () => Promise<unknown> | unknown): Promise<number> {
    const start = performance.now();
    await fn();
    return performance.now() - start;
}

/**
 * Runs `subject` and `baseline` alternately, `rounds` times each, so both see the same machine load,
 * and returns the medians and their ratio.
 */
export async function sideBySide(
    rounds: number,
    subject: () => Promise<number>,
    baseline: () => Promise<number>,
): Promise<{ subjectMs: number; baselineMs: number; ratio: number }> {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < rounds; i++) {
        b.push(await baseline());
        a.push(await subject());
    }
    const subjectMs = median(a);
    const baselineMs = median(b);
    return { subjectMs, baselineMs, ratio: subjectMs / baselineMs };
}

/** One line a figure: what, the measurement, the ratio and the goal, easy to read and to grep. */
export function figure(name: string, detail: string, ratio: number, goal: number): string {
    const verdict = ratio <= goal ? "meets" : "MISSES";
    return `${name}: ${detail}; ratio ${ratio.toFixed(2)} (goal <= ${goal}) ${verdict}`;
}
