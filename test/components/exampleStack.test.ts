/**
 * The example stack (index.ts + Pulumi.yaml) previewed offline through the compiled CLI, with the
 * policy pack: the default config composes the tailnet's settings, policy, DNS, contacts, a security
 * webhook and both log streams into the S3 archive; `subnetRouterEnabled` adds a hardened router.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT, runCli } from "../support/cli";

interface PreviewJson {
    resources: { type: string; name: string; urn: string }[];
    violations: { enforcementLevel: string; policyName?: string; message?: string }[];
}

function parse(stdout: string): PreviewJson {
    return JSON.parse(stdout) as PreviewJson;
}

function count(preview: PreviewJson, type: string): number {
    return preview.resources.filter((r) => r.type === type).length;
}

describe("components: the example stack", () => {
    it("previews the composed hardened tailnet with 0 mandatory violations", async () => {
        const run = await runCli(["preview", ".", "--format", "json"]);
        assert.strictEqual(run.code, 0, run.stdout + run.stderr);
        const preview = parse(run.stdout);
        assert.deepStrictEqual(preview.violations.filter((v) => v.enforcementLevel === "mandatory"), []);
        const expected: [string, number][] = [
            ["tailscale:index/tailnetSettings:TailnetSettings", 1],
            ["tailscale:index/acl:Acl", 1],
            ["tailscale:index/dnsConfiguration:DnsConfiguration", 1],
            ["tailscale:index/contacts:Contacts", 1],
            ["tailscale:index/webhook:Webhook", 1],
            ["tailscale:index/logstreamConfiguration:LogstreamConfiguration", 2],
            ["aws:s3/bucket:Bucket", 1],
            ["tailscale:index/awsExternalId:AwsExternalId", 1],
            ["aws:ec2/instance:Instance", 0],
        ];
        assert.deepStrictEqual(expected.map(([type]) => [type, count(preview, type)]), expected);
        const streams = preview.resources.filter((r) => r.type === "tailscale:index/logstreamConfiguration:LogstreamConfiguration").map((r) => r.name).sort();
        assert.deepStrictEqual(streams, ["tailnet-configuration-logs", "tailnet-network-logs"]);
    });

    it("adds a hardened subnet router when subnetRouterEnabled is set, still with 0 mandatory violations", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tailnet-guard-router-"));
        try {
            const project = fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8").replace(/^main: .*$/m, `main: ${path.join(REPO_ROOT, "dist", "index.js")}`);
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), project);
            fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  tailnet-guard-example:subnetRouterEnabled: true\n");
            fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
            const run = await runCli(["preview", dir, "--format", "json"]);
            assert.strictEqual(run.code, 0, run.stdout + run.stderr);
            const preview = parse(run.stdout);
            assert.deepStrictEqual(preview.violations.filter((v) => v.enforcementLevel === "mandatory"), []);
            for (const type of ["aws:ec2/instance:Instance", "aws:ssm/parameter:Parameter", "aws:ssm/patchBaseline:PatchBaseline", "aws:ssm/association:Association", "aws:ec2/securityGroup:SecurityGroup"]) {
                assert.strictEqual(count(preview, type), 1, type);
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
