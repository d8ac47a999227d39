import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { expectRefused, findOne, installMocks, isSecretInput, plain, settle, type Registration } from "./harness";
import type { PolicyDocument } from "../../acl";

const T = {
    settings: "tailscale:index/tailnetSettings:TailnetSettings",
    acl: "tailscale:index/acl:Acl",
    dns: "tailscale:index/dnsConfiguration:DnsConfiguration",
    contacts: "tailscale:index/contacts:Contacts",
    webhook: "tailscale:index/webhook:Webhook",
    logstream: "tailscale:index/logstreamConfiguration:LogstreamConfiguration",
    posture: "tailscale:index/postureIntegration:PostureIntegration",
};

const policy: PolicyDocument = {
    groups: { "group:admins": ["alice@example.com"] },
    tagOwners: { "tag:server": ["group:admins"], "tag:router": ["group:admins"] },
    grants: [{ src: ["group:admins"], dst: ["tag:server"], ip: ["tcp:22"] }],
};

describe("components: HardenedTailnet", () => {
    let registrations: Registration[];
    let mod: typeof import("../../components");

    before(async () => {
        registrations = await installMocks();
        mod = require("../../components");
    });

    it("defaults to hardened settings, MagicDNS, and nothing it has no address for", async () => {
        const tailnet = new mod.HardenedTailnet("ht-default", { policy });
        await settle();
        const settings = findOne(registrations, T.settings, "ht-default-settings").inputs;
        assert.deepStrictEqual(settings, {
            devicesApprovalOn: true,
            usersApprovalOn: true,
            devicesAutoUpdatesOn: true,
            devicesKeyDurationDays: 30,
            usersRoleAllowedToJoinExternalTailnet: "none",
            postureIdentityCollectionOn: true,
            networkFlowLoggingOn: true,
            aclsExternallyManagedOn: true,
        });
        const acl = findOne(registrations, T.acl, "ht-default-policy").inputs;
        assert.deepStrictEqual([acl.overwriteExistingContent, acl.resetAclOnDestroy], [false, false]);
        assert.strictEqual(acl.acl, tailnet.policyText);
        assert.deepStrictEqual(findOne(registrations, T.dns, "ht-default-dns").inputs, { magicDns: true, overrideLocalDns: false });
        assert.strictEqual(registrations.filter((r) => r.name.startsWith("ht-default-") && [T.contacts, T.webhook, T.logstream, T.posture].includes(r.type)).length, 0);
    });

    it("honours explicit loosenings of settings", async () => {
        new mod.HardenedTailnet("ht-loose", { policy, deviceApproval: false, autoUpdates: false, keyExpiryDays: 180, externalTailnetRole: "member", dns: false });
        await settle();
        const settings = findOne(registrations, T.settings, "ht-loose-settings").inputs;
        assert.deepStrictEqual(
            [settings.devicesApprovalOn, settings.devicesAutoUpdatesOn, settings.devicesKeyDurationDays, settings.usersRoleAllowedToJoinExternalTailnet],
            [false, false, 180, "member"],
        );
        assert.strictEqual(registrations.filter((r) => r.type === T.dns && r.name.startsWith("ht-loose")).length, 0);
    });

    it("manages DNS as one DnsConfiguration: nameservers override local DNS, split DNS and search paths", async () => {
        new mod.HardenedTailnet("ht-dns", {
            policy,
            dns: { nameservers: ["1.1.1.1", { address: "2606:4700:4700::1111", useWithExitNode: true }], splitDns: { "corp.example.com": ["10.0.0.2"] }, searchPaths: ["corp.example.com"] },
        });
        await settle();
        assert.deepStrictEqual(findOne(registrations, T.dns, "ht-dns-dns").inputs, {
            magicDns: true,
            nameservers: [{ address: "1.1.1.1" }, { address: "2606:4700:4700::1111", useWithExitNode: true }],
            overrideLocalDns: true,
            splitDns: [{ domain: "corp.example.com", nameservers: [{ address: "10.0.0.2" }] }],
            searchPaths: ["corp.example.com"],
        });
    });

    it("sets contacts, the security contact defaulting to the account address", async () => {
        new mod.HardenedTailnet("ht-contacts", { policy, contacts: { account: "it@example.com" } });
        new mod.HardenedTailnet("ht-contacts2", { policy, contacts: { account: "it@example.com", security: "sec@example.com", support: "ops@example.com" } });
        await settle();
        assert.deepStrictEqual(findOne(registrations, T.contacts, "ht-contacts-contacts").inputs, {
            accounts: [{ email: "it@example.com" }],
            supports: [{ email: "it@example.com" }],
            securities: [{ email: "it@example.com" }],
        });
        assert.deepStrictEqual(findOne(registrations, T.contacts, "ht-contacts2-contacts").inputs.securities, [{ email: "sec@example.com" }]);
    });

    it("creates security webhooks with the security event set by default and a secret signing key", async () => {
        const tailnet = new mod.HardenedTailnet("ht-hook", {
            policy,
            securityWebhooks: [{ endpointUrl: "https://hooks.example.com/ts" }, { endpointUrl: "https://hooks.slack.com/x", providerType: "slack", subscriptions: ["policyUpdate"] }],
        });
        await settle();
        const first = findOne(registrations, T.webhook, "ht-hook-webhook-0").inputs;
        assert.deepStrictEqual(first.subscriptions, [...mod.SECURITY_WEBHOOK_EVENTS]);
        for (const event of ["nodeNeedsApproval", "nodeKeyExpiringInOneDay", "nodeKeyExpired", "policyUpdate", "userRoleUpdated", "userNeedsApproval"]) {
            assert.ok((first.subscriptions as string[]).includes(event), event);
        }
        assert.deepStrictEqual(findOne(registrations, T.webhook, "ht-hook-webhook-1").inputs, { endpointUrl: "https://hooks.slack.com/x", providerType: "slack", subscriptions: ["policyUpdate"] });
        assert.strictEqual(tailnet.webhookSecrets.length, 2);
        assert.strictEqual(await pulumi.isSecret(tailnet.webhookSecrets[0]), true);
    });

    it("refuses a plain-http webhook through the pack's webhook-https rule, and unknown events", async () => {
        await expectRefused(registrations, "ht-http", () => new mod.HardenedTailnet("ht-http", { policy, securityWebhooks: [{ endpointUrl: "http://hooks.example.com" }] }), [
            "securityWebhooks[0]",
            "https://",
            "webhook-https",
        ]);
        await expectRefused(
            registrations,
            "ht-event",
            () => new mod.HardenedTailnet("ht-event", { policy, securityWebhooks: [{ endpointUrl: "https://h.example.com", subscriptions: ["nodeExploded" as never] }] }),
            ["securityWebhooks[0].subscriptions[0]", '"nodeExploded"', '"nodeNeedsApproval"'],
        );
    });

    it("streams configuration and network logs to S3 with role authentication by default", async () => {
        new mod.HardenedTailnet("ht-logs", {
            policy,
            logStreaming: { destination: { kind: "s3", bucket: "logs", region: "eu-west-1", roleArn: "arn:aws:iam::1:role/w", externalId: "ext", keyPrefix: "ts/" } },
        });
        await settle();
        for (const logType of ["configuration", "network"]) {
            assert.deepStrictEqual(findOne(registrations, T.logstream, `ht-logs-${logType}-logs`).inputs, {
                logType,
                compressionFormat: "gzip",
                destinationType: "s3",
                s3AuthenticationType: "rolearn",
                s3Bucket: "logs",
                s3Region: "eu-west-1",
                s3RoleArn: "arn:aws:iam::1:role/w",
                s3ExternalId: "ext",
                s3KeyPrefix: `ts/${logType}/`,
            });
        }
    });

    it("streams to a SIEM over https with the token as a secret", async () => {
        const tailnet = new mod.HardenedTailnet("ht-siem", {
            policy,
            logStreaming: { destination: { kind: "siem", destinationType: "splunk", url: "https://splunk.example.com:8088", token: "hec-token" }, logTypes: ["configuration"] },
        });
        await settle();
        const stream = findOne(registrations, T.logstream, "ht-siem-configuration-logs").inputs;
        assert.deepStrictEqual([stream.destinationType, stream.url, plain(stream.token)], ["splunk", "https://splunk.example.com:8088", "hec-token"]);
        assert.strictEqual(isSecretInput(stream.token), true);
        assert.strictEqual(await pulumi.isSecret(tailnet.logStreams[0].token), true);
        assert.strictEqual(tailnet.logStreams.length, 1);
        const message = await expectRefused(
            registrations,
            "ht-siem-http",
            () => new mod.HardenedTailnet("ht-siem-http", { policy, logStreaming: { destination: { kind: "siem", destinationType: "splunk", url: "http://splunk", token: "t0ken" } } }),
            ["logStreaming.destination", 'url is "http://splunk"', "https://", "log-stream-credentials"],
        );
        assert.ok(!message.includes("t0ken"));
    });

    it("creates posture integrations with the client secret as a secret", async () => {
        const tailnet = new mod.HardenedTailnet("ht-pi", { policy, postureIntegrations: [{ provider: "intune", clientId: "cid", clientSecret: "s3cret", tenantId: "tid" }] });
        await settle();
        const inputs = findOne(registrations, T.posture, "ht-pi-posture-intune-0").inputs;
        assert.deepStrictEqual([inputs.postureProvider, inputs.clientId, inputs.tenantId], ["intune", "cid", "tid"]);
        assert.strictEqual(isSecretInput(inputs.clientSecret), true);
        assert.strictEqual(await pulumi.isSecret(tailnet.postureIntegrations[0].clientSecret), true);
        const message = await expectRefused(
            registrations,
            "ht-pi-bad",
            () => new mod.HardenedTailnet("ht-pi-bad", { policy, postureIntegrations: [{ provider: "mdm" as never, clientSecret: "s3cret" }] }),
            ["postureIntegrations[0].provider", '"mdm"', '"intune"'],
        );
        assert.ok(!message.includes("s3cret"));
        await expectRefused(
            registrations,
            "ht-pi-empty",
            () => new mod.HardenedTailnet("ht-pi-empty", { policy, postureIntegrations: [{ provider: "kolide", clientSecret: "" }] }),
            ["postureIntegrations[0]", "clientSecret is not set", "posture-integration-secret"],
        );
    });

    it("adds the baseline device posture to postures and defaultSrcPosture", async () => {
        const tailnet = new mod.HardenedTailnet("ht-posture", { policy, devicePosture: { minimumVersion: "1.80" } });
        const relaxed = new mod.HardenedTailnet("ht-posture2", { policy, devicePosture: { requireAutoUpdate: false, releaseTrack: "any", minimumVersion: "1.70.1", applyByDefault: false } });
        await settle();
        const parsed = JSON.parse(tailnet.policyText.replace(/^\/\/.*$/gm, ""));
        assert.deepStrictEqual(parsed.postures, {
            "posture:tailnetGuardBaseline": ["node:tsVersion >= '1.80'", "node:tsAutoUpdate", "node:tsReleaseTrack == 'stable'"],
        });
        assert.deepStrictEqual(parsed.defaultSrcPosture, ["posture:tailnetGuardBaseline"]);
        const relaxedDoc = JSON.parse(relaxed.policyText);
        assert.deepStrictEqual(relaxedDoc.postures, { "posture:tailnetGuardBaseline": ["node:tsVersion >= '1.70.1'"] });
        assert.strictEqual(relaxedDoc.defaultSrcPosture, undefined);
        await expectRefused(registrations, "ht-posture-bad", () => new mod.HardenedTailnet("ht-posture-bad", { policy, devicePosture: { minimumVersion: "latest" } }), [
            "devicePosture.minimumVersion",
            '"latest"',
            '"1.80"',
        ]);
    });

    it("merges policy fragments: each route approved for the fragment's tag only", async () => {
        const tailnet = new mod.HardenedTailnet("ht-frag", {
            policy: { ...policy, autoApprovers: { routes: { "10.0.0.0/16": ["group:admins"] } } },
            policyFragments: [
                { source: "a", autoApprovers: { routes: { "10.0.0.0/16": ["tag:router"], "10.1.0.0/16": ["tag:router"] } } },
                { source: "b", autoApprovers: { exitNode: ["tag:router"], services: { "svc:web": ["tag:server"] } } },
            ],
        });
        await settle();
        assert.deepStrictEqual(JSON.parse(tailnet.policyText).autoApprovers, {
            routes: { "10.0.0.0/16": ["group:admins", "tag:router"], "10.1.0.0/16": ["tag:router"] },
            exitNode: ["tag:router"],
            services: { "svc:web": ["tag:server"] },
        });
    });

    it("merges an app connector's app into nodeAttrs, and checks its connector tags are owned", async () => {
        const app = { target: ["*"], app: { "tailscale.com/app-connectors": [{ name: "github", connectors: ["tag:router"], domains: ["github.com", "*.github.com"] }] } };
        const tailnet = new mod.HardenedTailnet("ht-appc", { policy, policyFragments: [{ source: "SubnetRouter gh", autoApprovers: {}, nodeAttrs: [app] }] });
        await settle();
        assert.deepStrictEqual(JSON.parse(tailnet.policyText).nodeAttrs, [app]);
        const unowned = { target: ["*"], app: { "tailscale.com/app-connectors": [{ name: "github", connectors: ["tag:nobody"], domains: ["github.com"] }] } };
        await expectRefused(registrations, "ht-appc-unowned", () => new mod.HardenedTailnet("ht-appc-unowned", { policy, policyFragments: [{ source: "x", nodeAttrs: [unowned] }] }), [
            "tag:nobody",
        ]);
        await expectRefused(registrations, "ht-appc-bad", () => new mod.HardenedTailnet("ht-appc-bad", { policy, policyFragments: [{ source: "x", nodeAttrs: "oops" as never }] }), [
            "policyFragments[0].nodeAttrs",
            '"oops"',
        ]);
    });

    it("refuses two fragments that define the same posture differently", async () => {
        await expectRefused(
            registrations,
            "ht-clash",
            () =>
                new mod.HardenedTailnet("ht-clash", {
                    policy,
                    devicePosture: { minimumVersion: "1.80" },
                    policyFragments: [{ source: "other", postures: { "posture:tailnetGuardBaseline": ["node:os == 'linux'"] } }],
                }),
            ["policyFragments", "posture:tailnetGuardBaseline", "rename"],
        );
    });

    it("refuses a fragment whose tag the policy does not own, before registering anything", async () => {
        await expectRefused(
            registrations,
            "ht-unowned",
            () => new mod.HardenedTailnet("ht-unowned", { policy, policyFragments: [{ source: "x", autoApprovers: { routes: { "10.9.0.0/16": ["tag:nobody"] } } }] }),
            ["rejected by Tailscale", "tag:nobody"],
        );
    });

    it("runs the policy's own tests first: a failing test refuses the component with the report", async () => {
        const failing: PolicyDocument = {
            ...policy,
            tests: [{ src: "alice@example.com", accept: ["tag:server:22"], deny: ["tag:server:443", "tag:server:22"] }],
            sshTests: [{ src: "alice@example.com", dst: ["tag:server"], check: ["root"] }],
        };
        await expectRefused(registrations, "ht-failing-tests", () => new mod.HardenedTailnet("ht-failing-tests", { policy: failing }), [
            "rejected by Tailscale",
            // The deny of port 22 fails: grants[0] allows it; the SSH check fails: no ssh rule at all.
            "tests[0]: alice@example.com -> tag:server:22 over tcp should be denied but is accepted: it is allowed by grants[0]",
            "sshTests[0]: SSH from alice@example.com to tag:server as root should be accepted only after a check but is denied: no rule matched",
        ]);
        // The passing assertions are not reported.
        const passing = new mod.HardenedTailnet("ht-passing-tests", {
            policy: { ...policy, tests: [{ src: "alice@example.com", accept: ["tag:server:22"], deny: ["tag:server:443"] }] },
        });
        assert.ok(passing.policyText.includes('"tests"'));
    });

    it("refuses bad emails, nameservers, domains and key expiry, naming field and fix", async () => {
        const cases: [string, () => unknown, string[]][] = [
            ["ht-bad1", () => new mod.HardenedTailnet("ht-bad1", { policy, contacts: { account: "it-at-example" } }), ["contacts.account", '"it-at-example"', "email address"]],
            ["ht-bad2", () => new mod.HardenedTailnet("ht-bad2", { policy, dns: { nameservers: ["1.1.1"] } }), ["dns.nameservers[0]", '"1.1.1"', "IPv4 or IPv6"]],
            ["ht-bad3", () => new mod.HardenedTailnet("ht-bad3", { policy, dns: { splitDns: { "bad domain": ["10.0.0.2"] } } }), ["dns.splitDns", "domain name"]],
            ["ht-bad4", () => new mod.HardenedTailnet("ht-bad4", { policy, dns: { overrideLocalDns: true } }), ["dns.overrideLocalDns", "dns.nameservers"]],
            ["ht-bad5", () => new mod.HardenedTailnet("ht-bad5", { policy, keyExpiryDays: 181 }), ["keyExpiryDays", "181", "from 1 to 180"]],
        ];
        for (const [prefix, construct, mentions] of cases) {
            await expectRefused(registrations, prefix, construct, mentions);
        }
    });
});
