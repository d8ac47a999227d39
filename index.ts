/**
 * Example stack: a hardened tailnet with a least-privilege policy file and a tagged server auth key.
 * `pulumi up` with Tailscale credentials creates exactly what `npm start` previews offline.
 */
import * as pulumi from "@pulumi/pulumi";
import { AuthKey, HardenedTailnet } from "./components";
import type { TagSelector, UserSelector } from "./acl";

const config = new pulumi.Config();
const admins = config.requireObject<UserSelector[]>("admins");
const engineers = config.requireObject<UserSelector[]>("engineers");
const serverTag = config.require("serverTag") as TagSelector;

const tailnet = new HardenedTailnet("tailnet", {
    keyExpiryDays: config.requireNumber("keyExpiryDays"),
    aclsExternalLink: config.get("policyRepositoryUrl"),
    policyHeader: ["Managed by Pulumi (tailnet-guard). Edits in the admin console are refused; change index.ts instead."],
    policy: {
        groups: {
            "group:admins": admins,
            "group:engineers": engineers,
        },
        tagOwners: {
            [serverTag]: ["group:admins"],
        },
        grants: [
            // Admins manage servers; engineers use the services they serve.
            { src: ["group:admins"], dst: [serverTag], ip: ["tcp:22", "tcp:443"] },
            { src: ["group:engineers"], dst: [serverTag], ip: ["tcp:443"] },
        ],
        ssh: [
            // Root shells only after re-authentication with the identity provider.
            { action: "check", src: ["group:admins"], dst: [serverTag], users: ["root", "autogroup:nonroot"], checkPeriod: "12h" },
        ],
        tests: [
            { src: admins[0], accept: [`${serverTag}:22`, `${serverTag}:443`] },
            { src: engineers[0], accept: [`${serverTag}:443`], deny: [`${serverTag}:22`] },
        ],
        sshTests: [{ src: admins[0], dst: [serverTag], check: ["root"] }],
    },
});

const serverKey = new AuthKey("server-key", {
    tags: [serverTag],
    description: "example server enrolment",
    expirySeconds: config.requireNumber("serverKeyExpirySeconds"),
    preauthorized: true,
});

export const policyFile = tailnet.policyText;
export const serverAuthKey = serverKey.key;
