/**
 * Integration against a real tailnet, through the Pulumi Automation API and a local file backend:
 * `up` the example stack, read the policy file and settings back, check the policy pack blocks an
 * insecure program in a real `pulumi preview --policy-pack`, then `destroy`.
 *
 * Runs only when credentials and the Pulumi CLI are present; otherwise every test is skipped with the reason:
 *   TAILSCALE_TAILNET                               the tailnet to manage (e.g. example.com, or "-")
 *   TAILSCALE_API_KEY, or
 *   TAILSCALE_OAUTH_CLIENT_ID + TAILSCALE_OAUTH_CLIENT_SECRET
 *   `pulumi` on PATH
 * The tailnet should be a test tailnet: the stack replaces its policy file and settings while it runs
 * (the previous policy file is restored on destroy only if you set resetPolicyOnDestroy yourself).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parsePolicy } from "../../acl";
import { REPO_ROOT, fixture } from "../support/cli";

interface Credentials {
    tailnet: string;
    config: Record<string, { value: string; secret: boolean }>;
}

function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | string {
    const tailnet = env.TAILSCALE_TAILNET;
    if (!tailnet) return "TAILSCALE_TAILNET is not set";
    const config: Credentials["config"] = { "tailscale:tailnet": { value: tailnet, secret: false } };
    if (env.TAILSCALE_OAUTH_CLIENT_ID && env.TAILSCALE_OAUTH_CLIENT_SECRET) {
        config["tailscale:oauthClientId"] = { value: env.TAILSCALE_OAUTH_CLIENT_ID, secret: false };
        config["tailscale:oauthClientSecret"] = { value: env.TAILSCALE_OAUTH_CLIENT_SECRET, secret: true };
    } else if (env.TAILSCALE_API_KEY) {
        config["tailscale:apiKey"] = { value: env.TAILSCALE_API_KEY, secret: true };
    } else {
        return "neither TAILSCALE_API_KEY nor TAILSCALE_OAUTH_CLIENT_ID/TAILSCALE_OAUTH_CLIENT_SECRET is set";
    }
    return { tailnet, config };
}

function pulumiOnPath(): boolean {
    return spawnSync("pulumi", ["version"], { stdio: "ignore" }).status === 0;
}

/** Why the suite cannot run here, or undefined when it can. */
function skipReason(): string | undefined {
    const credentials = credentialsFromEnv(process.env);
    if (typeof credentials === "string") return credentials;
    if (!pulumiOnPath()) return "the pulumi CLI is not on PATH";
    return undefined;
}

describe("integration: a real tailnet (Automation API, local backend)", function () {
    this.timeout(15 * 60_000);
    const reason = skipReason();

    before(function () {
        if (reason !== undefined) {
            // The expected outcome on machines without credentials: say why in the run's output.
            console.log(`    (skipped: ${reason}; see README "Integration tests")`);
            this.skip();
        }
    });

    describe("the example stack", function () {
        let backendDir: string;
        let auto: typeof import("@pulumi/pulumi/automation");
        let stack: import("@pulumi/pulumi/automation").Stack;
        const envVars: Record<string, string> = {};

        before(async function () {
            auto = await import("@pulumi/pulumi/automation");
            backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "tailnet-guard-it-"));
            envVars.PULUMI_BACKEND_URL = `file://${backendDir}`;
            envVars.PULUMI_CONFIG_PASSPHRASE = "tailnet-guard-integration";
            stack = await auto.LocalWorkspace.createOrSelectStack(
                { stackName: "integration", workDir: REPO_ROOT },
                { envVars },
            );
            const credentials = credentialsFromEnv(process.env) as Credentials;
            for (const [key, { value, secret }] of Object.entries(credentials.config)) {
                await stack.setConfig(key, { value, secret });
            }
        });

        after(async function () {
            if (stack === undefined) return;
            await stack.destroy({ onOutput: () => undefined });
            await stack.workspace.removeStack("integration");
            fs.rmSync(backendDir, { recursive: true, force: true });
        });

        it("deploys with pulumi up", async () => {
            const result = await stack.up({ onOutput: () => undefined });
            assert.equal(result.summary.result, "succeeded");
            assert.ok(result.outputs.policyFile.value.includes('"grants"'));
        });

        it("reads back the policy file that was rendered", async () => {
            const outputs = await stack.outputs();
            const rendered = parsePolicy(outputs.policyFile.value).value as { grants: unknown };
            const readBack = await auto.LocalWorkspace.create({
                projectSettings: { name: "tailnet-guard-readback", runtime: "nodejs" },
                program: async () => {
                    const tailscale = await import("@pulumi/tailscale");
                    const acl = await tailscale.getAcl();
                    return { json: acl.json };
                },
                envVars,
            });
            const readStack = await auto.Stack.createOrSelect("readback", readBack);
            const credentials = credentialsFromEnv(process.env) as Credentials;
            for (const [key, { value, secret }] of Object.entries(credentials.config)) {
                await readStack.setConfig(key, { value, secret });
            }
            try {
                const up = await readStack.up({ onOutput: () => undefined });
                assert.deepEqual(JSON.parse(up.outputs.json.value).grants, rendered.grants);
            } finally {
                await readStack.destroy({ onOutput: () => undefined });
                await readStack.workspace.removeStack("readback");
            }
        });

        it("keeps the hardened settings after a refresh", async () => {
            await stack.refresh({ onOutput: () => undefined });
            const state = await stack.exportStack();
            const settings = (state.deployment.resources as Array<{ type: string; outputs: Record<string, unknown> }>).find(
                (r) => r.type === "tailscale:index/tailnetSettings:TailnetSettings",
            );
            assert.ok(settings, "no TailnetSettings in the stack state");
            assert.equal(settings.outputs.devicesApprovalOn, true);
            assert.equal(settings.outputs.usersApprovalOn, true);
            assert.equal(settings.outputs.devicesAutoUpdatesOn, true);
        });

        it("is blocked by the policy pack in a real pulumi preview of an insecure program", () => {
            const dir = fixture("insecure-program");
            const env = { ...process.env, ...envVars };
            spawnSync("pulumi", ["stack", "init", "blocked", "--cwd", dir], { env, stdio: "ignore" });
            try {
                const preview = spawnSync("pulumi", ["preview", "--cwd", dir, "--stack", "blocked", "--policy-pack", path.join(REPO_ROOT, "policies")], {
                    env,
                    encoding: "utf8",
                });
                assert.notEqual(preview.status, 0, "an insecure preview must fail");
                assert.match(preview.stdout + preview.stderr, /mandatory/);
                assert.match(preview.stdout + preview.stderr, /tailnet-device-approval/);
            } finally {
                spawnSync("pulumi", ["stack", "rm", "blocked", "--yes", "--force", "--cwd", dir], { env, stdio: "ignore" });
            }
        });
    });
});
