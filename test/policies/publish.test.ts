/**
 * Publishing: `pulumi policy publish` packs policies/ with `npm pack`, whose prepack step (bundle.js)
 * copies the compiled pack into the directory. Checks that such a self-contained pack, without the
 * repository's dist/, starts under run-policy-pack and serves every rule.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyPackHost } from "../../cli/policyPackHost";
import { allRules } from "../../policies/rules";
import { assertPackBuilt, PACK_DIR, REPO_ROOT } from "../support/packHarness";

describe("the policy pack as published", () => {
    let dir: string;

    before(() => {
        assertPackBuilt();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "tailnet-guard-publish-"));
        const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { main: string; files: string[]; scripts: Record<string, string> };
        assert.strictEqual(manifest.scripts.prepack, "node bundle.js");
        for (const file of ["PulumiPolicy.yaml", "package.json", manifest.main]) {
            fs.copyFileSync(path.join(PACK_DIR, file), path.join(dir, file));
        }
        execFileSync(process.execPath, [path.join(PACK_DIR, "bundle.js"), "--out", path.join(dir, "bundle")], { stdio: "pipe" });
        // What `npm install` gives a published pack: its dependencies, here the repository's.
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    });

    after(() => {
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("lists only files that exist after the prepack step, with the pack's dependencies", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { files: string[]; dependencies: Record<string, string> };
        for (const entry of manifest.files.filter((f) => f !== "README.md")) {
            assert.ok(fs.existsSync(path.join(dir, entry)), `${entry} missing from the packed directory`);
        }
        assert.ok(fs.existsSync(path.join(dir, "bundle", "policies", "index.js")) && fs.existsSync(path.join(dir, "bundle", "acl", "index.js")));
        assert.ok(!fs.readdirSync(path.join(dir, "bundle", "policies")).some((f) => f.endsWith(".map")), "source maps are left out");
        for (const dependency of ["@pulumi/policy", "@pulumi/pulumi", "jsonc-parser", "ipaddr.js"]) {
            assert.ok(manifest.dependencies[dependency], `${dependency} is not a dependency`);
        }
    });

    it("starts from the bundle under run-policy-pack and serves every rule, loading the policy-file parser lazily", async function () {
        this.timeout(60_000);
        const host = await PolicyPackHost.start({ packDir: dir });
        try {
            const info = await host.getAnalyzerInfo();
            assert.deepStrictEqual(info.policies.map((p) => p.name), allRules.map((r) => r.name));
            const diagnostics = await host.analyze({
                type: "tailscale:index/acl:Acl",
                urn: "urn:pulumi:dev::demo::tailscale:index/acl:Acl::a",
                name: "a",
                properties: { acl: '{ "acls": [{ "action": "accept", "src": ["*"], "dst": ["*:*"] }] }' },
            });
            assert.ok(diagnostics.some((d) => d.policyName === "policy-file-no-allow-all"));
        } finally {
            await host.stop();
        }
    });
});
