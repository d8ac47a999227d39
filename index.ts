/**
 * Example stack: a hardened tailnet with a least-privilege policy file, DNS, contacts, a security
 * webhook, both log streams archived in S3, a baseline device posture and a tagged server auth key;
 * optionally a subnet router on EC2 (`subnetRouterEnabled`).
 * `pulumi up` with Tailscale and AWS credentials creates exactly what `npm start` previews offline.
 */
import * as pulumi from "@pulumi/pulumi";
import { AuthKey, HardenedTailnet, LogArchive, SubnetRouter, type PolicyFragment } from "./components";
import type { Grant, PolicyDocument } from "./acl/document";
import type { TagSelector, UserSelector } from "./acl";

const config = new pulumi.Config();
const admins = config.requireObject<UserSelector[]>("admins");
const engineers = config.requireObject<UserSelector[]>("engineers");
const serverTag = config.require("serverTag") as TagSelector;

// Optional subnet router: reaches a VPC's private addresses through the tailnet.
const fragments: PolicyFragment[] = [];
const routerGrants: Grant[] = [];
const routerTagOwners: Partial<Record<TagSelector, string[]>> = {};
let router: SubnetRouter | undefined;
if (config.getBoolean("subnetRouterEnabled")) {
    const routerTag = config.require("subnetRouterTag") as TagSelector;
    const routes = config.requireObject<string[]>("subnetRouterRoutes");
    router = new SubnetRouter("subnet-router", {
        tags: [routerTag],
        routes,
        vpcId: config.require("subnetRouterVpcId"),
        subnetIds: config.requireObject<string[]>("subnetRouterSubnetIds"),
        highAvailability: config.getBoolean("subnetRouterHighAvailability") ?? false,
    });
    fragments.push(router.policyFragment);
    routerTagOwners[routerTag] = ["group:admins"];
    // Engineers reach the VPC's HTTPS services through the router, nothing else.
    routerGrants.push({ src: ["group:engineers"], dst: routes, ip: ["tcp:443"] });
}

const logArchive = new LogArchive("tailnet-logs", { retentionDays: config.requireNumber("logRetentionDays") });

// The device a policy test speaks for: one that meets the baseline posture (see devicePosture below), so the
// tests check the access rules. The deny test shows a device without auto-updates is kept out.
const compliantDevice = {
    "node:tsVersion": config.get("minimumClientVersion") ?? "1.80",
    "node:tsAutoUpdate": true,
    "node:tsReleaseTrack": "stable",
};
const enforcePosture = config.getBoolean("enforceDevicePosture") ?? true;

const policy: PolicyDocument = {
    groups: {
        "group:admins": admins,
        "group:engineers": engineers,
    },
    tagOwners: {
        [serverTag]: ["group:admins"],
        ...routerTagOwners,
    },
    grants: [
        // Admins manage servers; engineers use the services they serve.
        { src: ["group:admins"], dst: [serverTag], ip: ["tcp:22", "tcp:443"] },
        { src: ["group:engineers"], dst: [serverTag], ip: ["tcp:443"] },
        ...routerGrants,
    ],
    ssh: [
        // Root shells only after re-authentication with the identity provider.
        { action: "check", src: ["group:admins"], dst: [serverTag], users: ["root", "autogroup:nonroot"], checkPeriod: "12h" },
    ],
    tests: [
        { src: admins[0], srcPostureAttrs: compliantDevice, accept: [`${serverTag}:22`, `${serverTag}:443`] },
        { src: engineers[0], srcPostureAttrs: compliantDevice, accept: [`${serverTag}:443`], deny: [`${serverTag}:22`] },
        ...(enforcePosture
            ? [{ src: engineers[0], srcPostureAttrs: { ...compliantDevice, "node:tsAutoUpdate": false }, deny: [`${serverTag}:443`] }]
            : []),
    ],
    sshTests: [{ src: admins[0], srcPostureAttrs: compliantDevice, dst: [serverTag], check: ["root"] }],
};

const tailnet = new HardenedTailnet("tailnet", {
    keyExpiryDays: config.requireNumber("keyExpiryDays"),
    aclsExternalLink: config.get("policyRepositoryUrl"),
    policyHeader: ["Managed by Pulumi (tailnet-guard). Edits in the admin console are refused; change index.ts instead."],
    policy,
    policyFragments: fragments,
    dns: {
        magicDns: true,
        nameservers: config.requireObject<string[]>("dnsNameservers"),
    },
    contacts: {
        account: config.require("accountContact"),
        security: config.require("securityContact"),
    },
    securityWebhooks: [{ endpointUrl: config.require("securityWebhookUrl") }],
    logStreaming: { destination: logArchive.destination },
    devicePosture: {
        minimumVersion: config.get("minimumClientVersion"),
        applyByDefault: enforcePosture,
    },
});

const serverKey = AuthKey.server("server-key", {
    tags: [serverTag],
    description: "example server enrolment",
    expirySeconds: config.requireNumber("serverKeyExpirySeconds"),
});

export const policyFile = tailnet.policyText;
export const serverAuthKey = serverKey.key;
export const securityWebhookSecret = tailnet.webhookSecrets[0];
export const logBucket = logArchive.bucket.id;
export const subnetRouterAuthKeyParameter = router?.authKeyParameter.name;
