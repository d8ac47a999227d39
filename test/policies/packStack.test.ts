/**
 * Every stack rule through the pack as the engine runs it: AnalyzeStack with a whole stack (dependencies
 * and parents set, as the engine sends them) that breaks that rule, reported at the resource at fault.
 */
import * as assert from "assert";
import type { AnalyzedResource } from "../../cli/policyPackHost";
import { allRules } from "../../policies/rules";
import { usePolicyPack } from "../support/packHarness";

const STACK = "urn:pulumi:dev::demo";
const PROVIDER = { type: "pulumi:providers:tailscale", urn: `${STACK}::pulumi:providers:tailscale::default`, name: "default", properties: { tailnet: "example.com" } };

function res(type: string, name: string, properties: Record<string, unknown>, dependencies: string[] = []): AnalyzedResource {
    return {
        type,
        name,
        urn: `${STACK}::${type}::${name}`,
        properties,
        dependencies,
        provider: type.startsWith("tailscale:") ? PROVIDER : undefined,
    };
}

/** A complete, hardened tailnet: every stack rule passes on it alone. */
function hardenedTailnet(): AnalyzedResource[] {
    return [
        res("tailscale:index/tailnetSettings:TailnetSettings", "settings", { devicesApprovalOn: true }),
        res("tailscale:index/acl:Acl", "policy", { acl: '{"tagOwners": {"tag:server": ["group:admins"]}, "groups": {"group:admins": ["a@example.com"]}}' }),
        res("tailscale:index/contacts:Contacts", "contacts", { accounts: [{ email: "it@example.com" }], supports: [{ email: "it@example.com" }], securities: [{ email: "sec@example.com" }] }),
        res("tailscale:index/logstreamConfiguration:LogstreamConfiguration", "config-logs", { logType: "configuration", destinationType: "splunk", url: "https://siem.example.com", token: "t0ken-value" }),
    ];
}

const TRUST_WITHOUT_EXTERNAL_ID = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }],
});

/** Rule -> the resources to add to the hardened tailnet, and the name of the resource at fault. */
const BREAKING: Record<string, { add: () => AnalyzedResource[]; atFault: string }> = {
    "tailnet-single-settings-and-policy": {
        add: () => [res("tailscale:index/tailnetSettings:TailnetSettings", "settings-2", {})],
        atFault: "settings-2",
    },
    "tags-owned-in-policy": { add: () => [res("tailscale:index/tailnetKey:TailnetKey", "ci-key", { tags: ["tag:ci"] })], atFault: "ci-key" },
    "dns-single-owner": {
        add: () => [res("tailscale:index/dnsConfiguration:DnsConfiguration", "dns", { magicDns: true }), res("tailscale:index/dnsPreferences:DnsPreferences", "dns-prefs", { magicDns: true })],
        atFault: "dns-prefs",
    },
    "device-key-expiry-tagged-only": {
        add: () => [res("tailscale:index/deviceKey:DeviceKey", "laptop-key", { deviceId: "n-laptop", keyExpiryDisabled: true })],
        atFault: "laptop-key",
    },
    "device-authorization-tagged-only": {
        add: () => [res("tailscale:index/deviceAuthorization:DeviceAuthorization", "laptop-auth", { deviceId: "n-laptop", authorized: true })],
        atFault: "laptop-auth",
    },
    "log-bucket-protected": {
        add: () => {
            const bucket = res("aws:s3/bucket:Bucket", "log-bucket", {});
            return [bucket, res("tailscale:index/logstreamConfiguration:LogstreamConfiguration", "s3-logs", { logType: "network", destinationType: "s3", s3AuthenticationType: "rolearn", s3RoleArn: "arn:aws:iam::1:role/w" }, [bucket.urn])];
        },
        atFault: "log-bucket",
    },
    "log-stream-role-external-id": {
        add: () => {
            const role = res("aws:iam/role:Role", "writer", { assumeRolePolicy: TRUST_WITHOUT_EXTERNAL_ID });
            return [role, res("tailscale:index/logstreamConfiguration:LogstreamConfiguration", "s3-logs", { logType: "network", destinationType: "s3", s3AuthenticationType: "rolearn", s3Bucket: "b" }, [role.urn])];
        },
        atFault: "writer",
    },
};

/** Rules whose breaking stack is the hardened one minus a resource. */
const REMOVING: Record<string, string> = {
    "log-stream-configured": "config-logs",
    "security-contacts-managed": "contacts",
};

describe("policy pack over gRPC: every stack rule in AnalyzeStack", () => {
    const pack = usePolicyPack();
    const stackRules = allRules.filter((r) => r.kind === "stack");

    it("has a breaking stack for every stack rule", () => {
        assert.deepStrictEqual(stackRules.map((r) => r.name).filter((name) => !BREAKING[name] && !REMOVING[name]), []);
    });

    it("passes the hardened tailnet on every stack rule", async () => {
        const diagnostics = await pack.host.analyzeStack(hardenedTailnet());
        assert.deepStrictEqual(diagnostics.map((d) => `${d.policyName}: ${d.message}`), []);
    });

    for (const rule of stackRules) {
        it(`${rule.name}: reported at ${rule.enforcementLevel} level at the resource at fault`, async () => {
            const breaking = BREAKING[rule.name];
            const resources = breaking
                ? [...hardenedTailnet(), ...breaking.add()]
                : hardenedTailnet().filter((r) => r.name !== REMOVING[rule.name]);
            const diagnostics = (await pack.host.analyzeStack(resources)).filter((d) => d.policyName === rule.name && d.enforcementLevel === rule.enforcementLevel);
            assert.ok(diagnostics.length > 0, `${rule.name} did not fire`);
            if (breaking) {
                assert.ok(
                    diagnostics.some((d) => d.urn.endsWith(`::${breaking.atFault}`)),
                    `${rule.name} did not name ${breaking.atFault}: ${diagnostics.map((d) => d.urn).join(", ")}`,
                );
            }
        });
    }
});
