/**
 * Secrets never leak: credentials placed where rules look (provider keys, OAuth client secrets, a
 * log-stream token, a posture client secret, a secret webhook endpoint, an auth key in user data, keys
 * pasted into a policy file) must not appear in any byte of any output format of preview or audit.
 * Every credential in the fixtures carries the marker LEAKCANARY.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { fixture, runCli, type CliRun } from "../support/cli";

const CANARY = "LEAKCANARY";

function assertNoLeak(label: string, run: CliRun): void {
    for (const [stream, text] of [["stdout", run.stdout], ["stderr", run.stderr]] as const) {
        const at = text.indexOf(CANARY);
        assert.equal(at, -1, `${label} ${stream} leaks a credential: ...${text.slice(Math.max(0, at - 60), at + 40)}...`);
    }
}

describe("secrets never leak into output", function () {
    this.timeout(120_000);

    it("preview prints no credential in text, JSON or markdown, while the rules about them still fire", async () => {
        const formats = ["text", "json", "markdown"] as const;
        const runs = await Promise.all(formats.map((format) => runCli(["preview", fixture("leaky-program"), "--format", format])));
        runs.forEach((run, i) => {
            assert.equal(run.code, 1, `${formats[i]}: ${run.stderr}`);
            assertNoLeak(`preview --format ${formats[i]}`, run);
        });
        // The scan is only meaningful if the rules looked at the credentials and reported on them.
        const policies = new Set((JSON.parse(runs[1].stdout).violations as Array<{ policy: string }>).map((v) => v.policy));
        for (const policy of ["provider-scoped-credentials", "log-stream-credentials", "webhook-https", "ec2-user-data-no-auth-key"]) {
            assert.ok(policies.has(policy), `${policy} did not fire on the leaky program`);
        }
        assert.match(runs[0].stdout, /endpointUrl "\[secret\]" is not a valid URL/);
    });

    it("audit prints no credential pasted into a policy file, in text, JSON or SARIF", async () => {
        const file = path.join(fixture("policies"), "leaky.hujson");
        for (const format of ["text", "json", "sarif"]) {
            const run = await runCli(["audit", file, "--format", format]);
            assert.equal(run.code, 1, `${format}: ${run.stderr}`);
            assertNoLeak(`audit --format ${format}`, run);
            assert.ok(run.stdout.includes("policy-file-schema"), `${format}: the unknown "apiKey" key is still reported`);
        }
    });
});
