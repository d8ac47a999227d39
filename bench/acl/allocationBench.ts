/**
 * Bytes the full analysis allocates, at 1 and 4 MiB, and where: a figure that does not move with the
 * machine's load, unlike the timings. It matters for the growth goal because V8 runs a young-generation
 * collection each time about 16 MiB have been allocated (the default semi-space on 64-bit Node 20), and
 * each collection copies whatever is still alive, the parsed policy first: the fewer bytes an analysis
 * allocates, the fewer times its parsed policy is copied.
 *
 * Measured with V8's sampling heap profiler (through node:inspector, no flags), which records a sample
 * for about every `SAMPLING_INTERVAL` bytes allocated, with the stack that allocated them, counting
 * objects the collector has freed since. A site inside a built-in (Map.prototype.set, ...) is named
 * after its caller in this code. Run with
 *   node dist/bench/acl/allocationBench.js [runs]
 */
import { Session } from "inspector";
import { analyzeParsedPolicy } from "../../acl/analyze";
import { parsePolicy } from "../../acl/parse";
import { POLICY_SEED } from "./auditBench";
import { generatePolicy } from "./generatePolicy";

const MIB = 1024 * 1024;
/** Bytes between samples: small enough that a few runs give stable totals (within ~1%). */
const SAMPLING_INTERVAL = 512;
/** Allocation sites listed for the larger size. */
const TOP_SITES = 12;

interface ProfileNode {
    callFrame: { functionName: string; url: string; lineNumber: number };
    selfSize: number;
    children: ProfileNode[];
}

export interface AllocationFigures {
    bytes: number;
    /** Bytes allocated per full analysis, parse included. */
    allocatedPerRun: number;
    /** Allocation sites, heaviest first: "function file:line" and bytes per run. */
    sites: Array<{ site: string; bytes: number }>;
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
    return new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
}

/** The project file and line of a call frame, or undefined for built-ins and Node's own code. */
function siteOf(frame: ProfileNode["callFrame"]): string | undefined {
    const at = frame.url.indexOf("/dist/");
    if (at < 0) return undefined;
    return `${frame.functionName || "(anonymous)"} ${frame.url.slice(at + "/dist/".length)}:${frame.lineNumber + 1}`;
}

/** Self sizes by site; a built-in's allocations go to the nearest project frame above it. */
function bySite(node: ProfileNode, caller: string, totals: Map<string, number>): void {
    const own = siteOf(node.callFrame);
    const site = own ?? (caller === "" ? "(outside the analysis)" : `${caller} (in a built-in)`);
    if (node.selfSize > 0) totals.set(site, (totals.get(site) ?? 0) + node.selfSize);
    for (const child of node.children) bySite(child, own ?? caller, totals);
}

/** Profiles `runs` full analyses of the generated policy of about `targetBytes`, after two warm-up runs. */
export async function measureAllocation(targetBytes: number, runs: number): Promise<AllocationFigures> {
    // generatePolicy returns a flat string, as fs.readFileSync gives it.
    const text = generatePolicy(targetBytes, POLICY_SEED).text;
    const analyze = () => analyzeParsedPolicy(parsePolicy(text, "generated.hujson"));
    analyze();
    analyze();
    const session = new Session();
    session.connect();
    try {
        await post(session, "HeapProfiler.startSampling", {
            samplingInterval: SAMPLING_INTERVAL,
            includeObjectsCollectedByMajorGC: true,
            includeObjectsCollectedByMinorGC: true,
        });
        for (let run = 0; run < runs; run++) analyze();
        const { profile } = await post<{ profile: { head: ProfileNode } }>(session, "HeapProfiler.stopSampling");
        const totals = new Map<string, number>();
        bySite(profile.head, "", totals);
        totals.delete("(outside the analysis)");
        let allocated = 0;
        for (const bytes of totals.values()) allocated += bytes;
        const sites = [...totals].map(([site, bytes]) => ({ site, bytes: bytes / runs })).sort((a, b) => b.bytes - a.bytes);
        return { bytes: Buffer.byteLength(text), allocatedPerRun: allocated / runs, sites };
    } finally {
        session.disconnect();
    }
}

function megabytes(bytes: number): string {
    return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The report: MB per analysis and per MiB of policy at both sizes, then the heaviest sites at 4 MiB. */
export async function allocationFigures(runs: number): Promise<string[]> {
    const lines: string[] = [];
    let large: AllocationFigures | undefined;
    for (const mib of [1, 4]) {
        const figures = await measureAllocation(mib * MIB, runs);
        const perMib = figures.allocatedPerRun / (figures.bytes / MIB);
        lines.push(`  ${mib} MiB policy: ${megabytes(figures.allocatedPerRun)} allocated per analysis (${megabytes(perMib)} per MiB of policy)`);
        large = figures;
    }
    if (large !== undefined) {
        lines.push(`  heaviest sites at 4 MiB (per analysis):`);
        for (const { site, bytes } of large.sites.slice(0, TOP_SITES)) lines.push(`    ${megabytes(bytes).padStart(8)}  ${site}`);
    }
    return lines;
}

if (require.main === module) {
    const runs = Number(process.argv[2] ?? 5);
    allocationFigures(Number.isInteger(runs) && runs > 0 ? runs : 5).then(
        (lines) => console.log(lines.join("\n")),
        (error: unknown) => {
            console.error(error);
            process.exitCode = 1;
        },
    );
}
