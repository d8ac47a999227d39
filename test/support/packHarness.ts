/**
 * Starts the policy pack the way the Pulumi engine does (cli/policyPackHost.ts: run-policy-pack, read the
 * port, talk gRPC) once per test file: call `usePolicyPack()` at the top of a describe block, and use
 * `pack.host` in its tests. The pack runs from its compiled entry (policies/package.json main ->
 * dist/policies/index.js), so the harness refuses to run against a build older than the pack's sources.
 */
import * as fs from "fs";
import * as path from "path";
import { PolicyPackHost } from "../../cli/policyPackHost";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const PACK_DIR = path.join(REPO_ROOT, "policies");

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? sources(full) : entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
    });
}

/** Throws unless dist/ holds a build of every pack source (policies/) at least as new as the source. */
export function assertPackBuilt(): void {
    for (const source of sources(PACK_DIR)) {
        const compiled = path.join(REPO_ROOT, "dist", path.relative(REPO_ROOT, source)).replace(/\.ts$/, ".js");
        if (!fs.existsSync(compiled) || fs.statSync(compiled).mtimeMs < fs.statSync(source).mtimeMs) {
            throw new Error(`${path.relative(REPO_ROOT, source)} has no up-to-date build: run "npx tsc -p ." before the pack tests (npm test builds first)`);
        }
    }
}

export interface PackFixture {
    readonly host: PolicyPackHost;
}

/** Starts the pack in a before hook and stops it in an after hook of the enclosing describe block. */
export function usePolicyPack(): PackFixture {
    let host: PolicyPackHost | undefined;
    before(async function () {
        this.timeout(60_000);
        assertPackBuilt();
        host = await PolicyPackHost.start({ packDir: PACK_DIR });
    });
    after(async () => {
        await host?.stop();
        host = undefined;
    });
    return {
        get host(): PolicyPackHost {
            if (!host) throw new Error("the policy pack is not running (usePolicyPack() must be called inside describe)");
            return host;
        },
    };
}
