import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { expectRefused, findOne, installMocks, settle, type Registration } from "./harness";

const OAUTH = "tailscale:index/oauthClient:OauthClient";
const FEDERATED = "tailscale:index/federatedIdentity:FederatedIdentity";

describe("components: MachineClient and WorkloadIdentity", () => {
    let registrations: Registration[];
    let mod: typeof import("../../components/trustCredentials");

    before(async () => {
        registrations = await installMocks();
        mod = require("../../components/trustCredentials");
    });

    it("MachineClient registers exactly the scopes and tags given, with a secret client secret", async () => {
        const client = new mod.MachineClient("mc-ok", { scopes: ["auth_keys", "devices:core:read"], tags: ["tag:k8s"], description: "k8s operator" });
        await settle();
        assert.deepStrictEqual(findOne(registrations, OAUTH, "mc-ok").inputs, { scopes: ["auth_keys", "devices:core:read"], tags: ["tag:k8s"], description: "k8s operator" });
        assert.strictEqual(await pulumi.isSecret(client.clientSecret), true);
    });

    it("refuses the broad scopes unless allowBroadScopes is set, and then honours it", async () => {
        await expectRefused(registrations, "mc-all", () => new mod.MachineClient("mc-all", { scopes: ["all"], tags: ["tag:a"], description: "x" }), [
            "scopes",
            '"all"',
            "allowBroadScopes",
        ]);
        new mod.MachineClient("mc-all-ok", { scopes: ["all:read"], description: "auditor", allowBroadScopes: true });
        // The explicit loosening covers the broad scopes only: other scopes are still checked.
        await expectRefused(
            registrations,
            "mc-all-bad",
            () => new mod.MachineClient("mc-all-bad", { scopes: ["all", "dns:write"], tags: ["tag:a"], description: "x", allowBroadScopes: true }),
            ['scope "dns:write"'],
        );
        await settle();
        assert.deepStrictEqual(findOne(registrations, OAUTH, "mc-all-ok").inputs.scopes, ["all:read"]);
    });

    it("refuses unknown scopes, empty scopes and device-creating scopes without tags", async () => {
        await expectRefused(registrations, "mc-unknown", () => new mod.MachineClient("mc-unknown", { scopes: ["devices:write"], description: "x" }), [
            'scope "devices:write"',
            "narrower scope",
            "oauth-scopes-allowed",
        ]);
        await expectRefused(registrations, "mc-empty", () => new mod.MachineClient("mc-empty", { scopes: [], description: "x" }), ["scopes", "[]"]);
        await expectRefused(registrations, "mc-untagged", () => new mod.MachineClient("mc-untagged", { scopes: ["auth_keys"], description: "x" }), [
            "auth_keys need tags",
            "oauth-tags-required",
        ]);
        await expectRefused(registrations, "mc-logs", () => new mod.MachineClient("mc-logs", { scopes: ["logs:configuration"], description: "x" }), [
            '"logs:configuration"',
        ]);
    });

    it("WorkloadIdentity stores no secret and passes issuer, subject and claims through", async () => {
        const identity = new mod.WorkloadIdentity("wi-ok", {
            issuer: "https://token.actions.githubusercontent.com",
            subject: "repo:example/infra:environment:production",
            customClaimRules: { repository_owner_id: "42" },
            scopes: ["auth_keys"],
            tags: ["tag:ci"],
            description: "GitHub deploys",
        });
        await settle();
        const inputs = findOne(registrations, FEDERATED, "wi-ok").inputs;
        assert.deepStrictEqual(inputs, {
            issuer: "https://token.actions.githubusercontent.com",
            subject: "repo:example/infra:environment:production",
            customClaimRules: { repository_owner_id: "42" },
            scopes: ["auth_keys"],
            tags: ["tag:ci"],
            description: "GitHub deploys",
        });
        assert.strictEqual("clientSecret" in identity, false);
    });

    it("WorkloadIdentity refuses a wildcard subject, a non-https issuer and a bare * claim", async () => {
        const base = { scopes: ["policy_file:read"], description: "ci", issuer: "https://token.actions.githubusercontent.com", subject: "repo:a/b:ref:refs/heads/main" };
        await expectRefused(registrations, "wi-star", () => new mod.WorkloadIdentity("wi-star", { ...base, subject: "*" }), ['subject is "*"', "name the workload", "federated-identity-trust"]);
        await expectRefused(registrations, "wi-http", () => new mod.WorkloadIdentity("wi-http", { ...base, issuer: "http://issuer.example.com" }), ['issuer is "http://issuer.example.com"', "https://", "federated-identity-trust"]);
        await expectRefused(registrations, "wi-claim", () => new mod.WorkloadIdentity("wi-claim", { ...base, customClaimRules: { repository: "*" } }), [
            "customClaimRules.repository",
        ]);
    });
});
