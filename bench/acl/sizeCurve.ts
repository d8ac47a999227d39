/**
 * Cost per MiB of the full policy analysis from 1/4 MiB to 8 MiB, split into V8's garbage-collection
 * pauses and the rest, with JSON.parse per MiB beside it: shows where the growth past 1 MiB comes
 * from (auditBench.ts gives the goal figures; this gives the curve behind them). The sizes are
 * measured in alternating rounds. Run with
 *   node dist/bench/acl/sizeCurve.js [runs]
 */
import { measureSizes } from "./auditBench";

const MIB = 1024 * 1024;
const SIZES_MIB = [0.25, 0.5, 1, 2, 4, 8];

/** One line per size: ms per MiB of the analysis, of its GC pauses, of the rest, and of JSON.parse. */
export async function sizeCurve(runs: number = 5): Promise<string[]> {
    if (!Number.isInteger(runs) || runs < 1) throw new Error(`sizeCurve: runs must be an integer >= 1; got ${runs}`);
    const sizes = SIZES_MIB.map((mib) => mib * MIB);
    await measureSizes(sizes, 1);
    const { figures } = await measureSizes(sizes, runs);
    const lines = [`policy size   analysis   GC pauses   outside GC   JSON.parse   (ms per MiB, median of ${runs})`];
    for (const f of figures) {
        const mib = f.bytes / MIB;
        const perMib = (ms: number) => (ms / mib).toFixed(1).padStart(9);
        lines.push(`${mib.toFixed(2).padStart(7)} MiB ${perMib(f.totalMs)}  ${perMib(f.gcMs)}   ${perMib(f.outsideGcMs)}    ${perMib(f.jsonParseMs)}`);
    }
    return lines;
}

if (require.main === module) {
    void sizeCurve(Number(process.argv[2] ?? "5")).then((lines) => {
        for (const line of lines) console.log(line);
    });
}
