/** Configure and Remediate over gRPC: non-default thresholds and levels, invalid config rejected, safe fixes. */
import * as assert from "assert";
import type { AnalyzedResource } from "../../cli/policyPackHost";
import { UNKNOWN_VALUE, wireSecret } from "../../cli/wire";
import { usePolicyPack } from "../support/packHarness";

const STACK = "urn:pulumi:dev::demo";
function res(type: string, name: string, properties: Record<string, unknown>, extra: Partial<AnalyzedResource> = {}): AnalyzedResource {
    return { type, name, urn: `${STACK}::${type}::${name}`, properties, ...extra };
}
const SETTINGS = "tailscale:index/tailnetSettings:TailnetSettings";
const KEY = "tailscale:index/tailnetKey:TailnetKey";

describe("policy pack Configure and Remediate over gRPC", () => {
    const pack = usePolicyPack();

    afterEach(() => pack.host.configure({}));

    describe("Configure", () => {
        it("applies a non-default threshold", async () => {
            const key = res(KEY, "k", { tags: ["tag:server"], expiry: 7200 });
            assert.deepStrictEqual(await pack.host.analyze(key), []);
            await pack.host.configure({ "auth-key-expiry": { enforcementLevel: "mandatory", maxSeconds: 3600 } });
            const diagnostics = await pack.host.analyze(key);
            assert.deepStrictEqual(diagnostics.map((d) => d.policyName), ["auth-key-expiry"]);
            assert.match(diagnostics[0].message, /at most 3600 seconds/);
        });

        it("sets levels: advisory reports as advisory, disabled reports nothing", async () => {
            const lax = res(SETTINGS, "s", { devicesApprovalOn: false });
            await pack.host.configure({ "tailnet-device-approval": { enforcementLevel: "advisory" }, "tailnet-user-approval": { enforcementLevel: "disabled" } });
            const diagnostics = await pack.host.analyze(lax);
            assert.strictEqual(diagnostics.find((d) => d.policyName === "tailnet-device-approval")?.enforcementLevel, "advisory");
            assert.ok(!diagnostics.some((d) => d.policyName === "tailnet-user-approval"));
        });

        const invalid: Array<[string, Record<string, Record<string, unknown>>, RegExp]> = [
            ["a value of the wrong type", { "tailnet-key-expiry": { enforcementLevel: "mandatory", maxDays: "ninety" } }, /tailnet-key-expiry\.maxDays is "ninety" \(string\): expected an integer/],
            ["a value above the maximum", { "tailnet-key-expiry": { enforcementLevel: "mandatory", maxDays: 365 } }, /tailnet-key-expiry\.maxDays is 365: the maximum is 180/],
            ["an enum value outside the list", { "webhook-critical-events": { enforcementLevel: "mandatory", requiredEvents: ["nodeExploded"] } }, /requiredEvents\[0\] is "nodeExploded": expected one of/],
            ["an unknown setting", { "webhook-https": { enforcementLevel: "mandatory", strict: true } }, /webhook-https: unknown setting "strict"; it takes no settings/],
            ["an unknown policy", { "no-such-policy": { enforcementLevel: "mandatory" } }, /no policy named "no-such-policy"/],
        ];
        for (const [what, config, message] of invalid) {
            it(`rejects ${what} with INVALID_ARGUMENT and a clear message, keeping the previous config`, async () => {
                await pack.host.configure({ "auth-key-expiry": { enforcementLevel: "disabled" } });
                await assert.rejects(pack.host.configure(config as never), (error: Error & { code?: number }) => {
                    assert.strictEqual(error.code, 3); // grpc.status.INVALID_ARGUMENT
                    assert.match(error.message, /invalid tailnet-guard policy config/);
                    assert.match(error.message, message);
                    return true;
                });
                // The rejected config was not stored: auth-key-expiry is still disabled.
                assert.deepStrictEqual(await pack.host.analyze(res(KEY, "k", { tags: ["tag:x"] })), []);
            });
        }
    });

    describe("Remediate", () => {
        it("returns the fixed properties of every rule set to remediate", async () => {
            await pack.host.configure({
                "tailnet-device-approval": { enforcementLevel: "remediate" },
                "tailnet-key-expiry": { enforcementLevel: "remediate", maxDays: 60 },
            });
            const remediations = await pack.host.remediate(res(SETTINGS, "s", { devicesApprovalOn: false, devicesKeyDurationDays: 180, usersApprovalOn: true }));
            assert.deepStrictEqual(remediations.map((r) => r.policyName), ["tailnet-device-approval", "tailnet-key-expiry"]);
            assert.deepStrictEqual(remediations[1].properties, { devicesApprovalOn: true, devicesKeyDurationDays: 60, usersApprovalOn: true });
        });

        it("makes a reusable key ephemeral and keeps its secret fields secret", async () => {
            await pack.host.configure({ "auth-key-reusable-ephemeral": { enforcementLevel: "remediate" } });
            const remediations = await pack.host.remediate(res(KEY, "k", { reusable: true, tags: ["tag:ci"], description: wireSecret("s3cr3t-note") }));
            assert.strictEqual(remediations.length, 1);
            const props = remediations[0].properties!;
            assert.strictEqual(props.ephemeral, true);
            assert.strictEqual(props.reusable, true);
            assert.strictEqual((props.description as Record<string, unknown>).value, "s3cr3t-note", "still wrapped as a secret");
        });

        it("sets IMDSv2 tokens required on an instance", async () => {
            await pack.host.configure({ "ec2-imdsv2-required": { enforcementLevel: "remediate" } });
            const [fix] = await pack.host.remediate(res("aws:ec2/instance:Instance", "i", { ami: "ami-1", metadataOptions: { httpEndpoint: "enabled" } }));
            assert.deepStrictEqual(fix.properties, { ami: "ami-1", metadataOptions: { httpEndpoint: "enabled", httpTokens: "required" } });
        });

        it("does not guess while the value to fix is unknown: it says so instead", async () => {
            await pack.host.configure({ "auth-key-expiry": { enforcementLevel: "remediate" } });
            const [result] = await pack.host.remediate(res(KEY, "k", { expiry: UNKNOWN_VALUE }));
            assert.strictEqual(result.properties, undefined);
            assert.match(result.diagnostic, /can't run remediation 'auth-key-expiry'.*expiry/);
        });

        it("leaves compliant resources alone", async () => {
            await pack.host.configure({ "tailnet-device-approval": { enforcementLevel: "remediate" } });
            assert.deepStrictEqual(await pack.host.remediate(res(SETTINGS, "s", { devicesApprovalOn: true })), []);
        });
    });
});
