/**
 * The components and the pack agree: a component's hardened defaults pass every pack rule, and each
 * hardening a user switches off explicitly is caught by the pack rule that guards it. Resources are
 * registered under mocks and their inputs are checked with the pack's own rule functions (resource rules
 * per resource, stack rules over them all), at the rules' default configuration.
 */
import * as assert from "assert";
import { resolveConfig, type StackResource } from "../../policies/rule";
import { allRules } from "../../policies/rules";
import { installMocks, settle, type Registration } from "./harness";
import type { PolicyDocument } from "../../acl";

const SECRET_KEY = "4dabf18193072939515e22adb298388d";

/** Inputs as the pack sees them: secret wrappers removed at every depth. */
function unwrap(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(unwrap);
    if (typeof value === "object" && value !== null) {
        if (SECRET_KEY in value) return unwrap((value as unknown as { value: unknown }).value);
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v)]));
    }
    return value;
}

/** "rule: message" for every mandatory finding of the pack's rules over these registrations. */
function mandatoryFindings(registrations: Registration[]): string[] {
    const resources: StackResource[] = registrations
        .filter((r) => r.custom)
        .map((r) => ({ type: r.type, name: r.name, urn: `urn:pulumi:test::components-test::${r.type}::${r.name}`, props: unwrap(r.inputs) as Record<string, unknown>, dependencies: [] }));
    const findings: string[] = [];
    for (const rule of allRules) {
        if (rule.enforcementLevel !== "mandatory") continue;
        const config = resolveConfig(rule, undefined);
        if (rule.kind === "stack") {
            findings.push(...rule.check(resources, config).filter((v) => v.level !== "advisory").map((v) => `${rule.name}: ${v.message}`));
            continue;
        }
        for (const resource of resources.filter((r) => rule.resourceTypes.includes(r.type))) {
            findings.push(...rule.check(resource, config).map((message) => `${rule.name}: ${message}`));
        }
    }
    return findings;
}

const policy: PolicyDocument = {
    groups: { "group:admins": ["alice@example.com"] },
    tagOwners: { "tag:server": ["group:admins"] },
    grants: [{ src: ["group:admins"], dst: ["tag:server"], ip: ["tcp:22"] }],
    tests: [{ src: "alice@example.com", accept: ["tag:server:22"], deny: ["tag:server:80"] }],
};

describe("components: hardened defaults pass the pack, and each loosening is caught by its rule", () => {
    let registrations: Registration[];
    let mod: typeof import("../../components");

    /** Registrations of one construction only. */
    async function build(construct: () => unknown): Promise<Registration[]> {
        const before = registrations.length;
        construct();
        await settle();
        return registrations.slice(before);
    }

    /** A complete hardened tailnet (settings, policy, contacts, webhook, log streams) with `loosen` applied. */
    function tailnet(name: string, loosen: Record<string, unknown> = {}) {
        return () =>
            new mod.HardenedTailnet(name, {
                policy,
                contacts: { account: "it@example.com", security: "security@example.com" },
                securityWebhooks: [{ endpointUrl: "https://hooks.example.com/tailscale" }],
                logStreaming: { destination: { kind: "s3", bucket: "logs", region: "eu-west-1", roleArn: "arn:aws:iam::1:role/w", externalId: "ext", keyPrefix: "ts/" } },
                ...loosen,
            });
    }

    before(async () => {
        registrations = await installMocks();
        mod = require("../../components");
    });

    it("a HardenedTailnet with every part and a server AuthKey draw no mandatory finding", async () => {
        const found = await build(() => {
            tailnet("hardened")();
            mod.AuthKey.server("hardened-key", { tags: ["tag:server"], description: "server" });
        });
        assert.deepStrictEqual(mandatoryFindings(found), []);
    });

    const loosenings: Array<[string, Record<string, unknown>, string]> = [
        ["deviceApproval: false", { deviceApproval: false }, "tailnet-device-approval"],
        ["userApproval: false", { userApproval: false }, "tailnet-user-approval"],
        ["autoUpdates: false", { autoUpdates: false }, "tailnet-auto-updates"],
        ["keyExpiryDays: 180", { keyExpiryDays: 180 }, "tailnet-key-expiry"],
        ['externalTailnetRole: "member"', { externalTailnetRole: "member" }, "tailnet-external-tailnets"],
        ["postureIdentityCollection: false", { postureIdentityCollection: false }, "tailnet-posture-identity-collection"],
        ["networkFlowLogging: false", { networkFlowLogging: false }, "tailnet-network-flow-logging"],
        ["aclsExternallyManaged: false", { aclsExternallyManaged: false }, "tailnet-acls-externally-managed"],
        ["a webhook without the critical events", { securityWebhooks: [{ endpointUrl: "https://hooks.example.com/t", subscriptions: ["nodeCreated"] }] }, "webhook-critical-events"],
        ["no contacts", { contacts: undefined }, "security-contacts-managed"],
        ["no log streaming", { logStreaming: undefined }, "log-stream-configured"],
    ];
    loosenings.forEach(([what, loosen, rule], i) => {
        it(`HardenedTailnet ${what} -> ${rule}`, async () => {
            const findings = mandatoryFindings(await build(tailnet(`loose-${i}`, loosen)));
            assert.ok(findings.some((f) => f.startsWith(`${rule}: `)), `${rule} did not fire; findings: ${JSON.stringify(findings)}`);
        });
    });

    it("AuthKey with a 30-day expiry -> auth-key-expiry (the organisation's limit, left to the pack)", async () => {
        const findings = mandatoryFindings(await build(() => new mod.AuthKey("long-key", { tags: ["tag:server"], description: "long", expirySeconds: 30 * 24 * 3600 })));
        assert.ok(findings.some((f) => f.startsWith("auth-key-expiry: ")), JSON.stringify(findings));
    });
});
