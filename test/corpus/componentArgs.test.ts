/**
 * Component arguments of every wrong kind: for each component exported from components/index.ts, a
 * table of bad arguments (wrong JSON/JS types, null, unset required fields, NaN, Infinity, negatives,
 * objects for strings, bad tags, CIDRs, emails, scopes, out-of-range expiries). Each must throw a
 * pulumi.ResourceError naming the field and the fix, before any child resource is registered
 * (test/components/harness.ts expectRefused checks both).
 */
import * as pulumi from "@pulumi/pulumi";
import { expectRefused, installMocks, type Registration } from "../components/harness";
import { itUnlessKnownBug } from "./knownBugs";

type Components = typeof import("../../components");

interface BadArgs {
    /** What is wrong, for the test title. */
    what: string;
    /** Builds the component with the given resource name. */
    construct: (mod: Components, name: string) => unknown;
    /** Fragments the error message must contain: the field, and the fix. */
    mentions: (string | RegExp)[];
    /** Set when the component does not meet this yet: the case is skipped and this names the bug. */
    bug?: string;
    /** Who the message names; default "<Component> <name>". */
    named?: (name: string) => string;
}

const circular: Record<string, unknown> = { text: "x" };
circular.self = circular;

// ---- valid bases (each row changes one thing) ----------------------------------------------------
const AUTH_KEY = { tags: ["tag:server"], description: "server key" };
const POLICY = {
    groups: { "group:admins": ["alice@example.com"] },
    tagOwners: { "tag:server": ["group:admins"] },
    grants: [{ src: ["group:admins"], dst: ["tag:server"], ip: ["tcp:22"] }],
};
const TAILNET = { policy: POLICY };
const SERVICE = { serviceName: "svc:grafana", ports: ["tcp:443"], hostTag: "tag:monitoring" as const };
const DEVICE = { deviceId: "n123" };
const ROUTER = { tags: ["tag:router" as const], routes: ["10.0.0.0/16"], vpcId: "vpc-1", subnetIds: ["subnet-1"] };
const MACHINE = { scopes: ["auth_keys"], tags: ["tag:ci"], description: "ci runners" };
const WORKLOAD = { scopes: ["policy_file:read"], description: "ci", issuer: "https://token.actions.githubusercontent.com", subject: "repo:a/b:ref:refs/heads/main" };

const any = (value: unknown) => value as never;

const AUTH_KEY_CASES: BadArgs[] = [
    { what: "description a number", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, description: any(5) }), mentions: ["description is 5", "1 to 50"] },
    { what: "description unset", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, description: any(undefined) }), mentions: ["description is unset", "1 to 50"] },
    { what: "description an object", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, description: any({ text: "x" }) }), mentions: ["description is {", "1 to 50"] },
    { what: "description too long", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, description: "x".repeat(51) }), mentions: ["description", "1 to 50"] },
    { what: "description with a newline", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, description: "a\nb" }), mentions: ["description", "1 to 50"] },
    { what: "description a BigInt", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, description: any(10n) }), mentions: ["description", "1 to 50"] },
    { what: "description a circular object", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, description: any(circular) }), mentions: ["description", "1 to 50"] },
    { what: "tags a string, not a list", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, tags: any("tag:server") }), mentions: ['tags is "tag:server"', "at least one tag"] },
    { what: "tags null", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, tags: any(null) }), mentions: ["tags is null", "at least one tag"] },
    { what: "tags holding a number", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, tags: any([5]) }), mentions: ["tags is 5", 'each tag is "tag:"'] },
    { what: 'tag "tag:"', construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, tags: ["tag:"] }), mentions: ['tags is "tag:"', 'each tag is "tag:"'] },
    { what: "tag with a space", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, tags: ["tag:my server"] }), mentions: ['"tag:my server"', 'each tag is "tag:"'] },
    { what: "tag with a Cyrillic look-alike", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, tags: ["tag:s\u0435rver"] }), mentions: ["tags is", 'each tag is "tag:"'] },
    { what: "tag wildcard", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, tags: ["tag:*"] }), mentions: ['"tag:*"', 'each tag is "tag:"'] },
    { what: "expirySeconds 0", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, expirySeconds: 0 }), mentions: ["expirySeconds is 0", "from 1 to 7776000"] },
    { what: "expirySeconds negative", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, expirySeconds: -1 }), mentions: ["expirySeconds is -1", "from 1 to"] },
    { what: "expirySeconds over 90 days", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, expirySeconds: 90 * 86400 + 1 }), mentions: ["expirySeconds", "90 days"] },
    { what: "expirySeconds a fraction", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, expirySeconds: 1.5 }), mentions: ["expirySeconds is 1.5", "whole seconds"] },
    { what: "expirySeconds a string", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, expirySeconds: any("3600") }), mentions: ['expirySeconds is "3600"', "whole seconds"] },
    { what: "expirySeconds NaN", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, expirySeconds: Number.NaN }), mentions: ["expirySeconds", "whole seconds"] },
    { what: "expirySeconds Infinity", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, expirySeconds: Infinity }), mentions: ["expirySeconds", "whole seconds"] },
    { what: "expirySeconds NaN, shown as NaN", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, expirySeconds: Number.NaN }), mentions: ["expirySeconds is NaN"] },
    { what: "reusable a string", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, reusable: any("yes") }), mentions: ['reusable is "yes"', "true or false"] },
    { what: "ephemeral a number", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, ephemeral: any(1) }), mentions: ["ephemeral is 1", "true or false"] },
    { what: "preauthorized null", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, preauthorized: any(null) }), mentions: ["preauthorized is null", "true or false"] },
    { what: "preset with the wrong case", construct: (m, n) => new m.AuthKey(n, { ...AUTH_KEY, preset: any("Server") }), mentions: ['preset is "Server"', '"server"'] },
    { what: "args null", construct: (m, n) => new m.AuthKey(n, any(null)), mentions: ["args"] },
];

const TAILNET_CASES: BadArgs[] = [
    { what: "policy a string", construct: (m, n) => new m.HardenedTailnet(n, { policy: any('{"acls": []}') }), mentions: ["policy is", "as an object"] },
    { what: "policy null", construct: (m, n) => new m.HardenedTailnet(n, { policy: any(null) }), mentions: ["policy is null", "as an object"] },
    { what: "policy a list", construct: (m, n) => new m.HardenedTailnet(n, { policy: any([]) }), mentions: ["policy is []", "as an object"] },
    { what: "policy unset", construct: (m, n) => new m.HardenedTailnet(n, any({})), mentions: ["policy is unset", "as an object"] },
    {
        what: "policy naming an undefined group",
        construct: (m, n) => new m.HardenedTailnet(n, { policy: { ...POLICY, grants: [{ src: ["group:ghosts"], dst: ["tag:server"], ip: ["tcp:22"] }] } }),
        mentions: ["policy would be rejected", '"group:ghosts"', /:\d+:\d+: /],
    },
    { what: "keyExpiryDays 0", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, keyExpiryDays: 0 }), mentions: ["keyExpiryDays is 0", "from 1 to 180"] },
    { what: "keyExpiryDays 181", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, keyExpiryDays: 181 }), mentions: ["keyExpiryDays is 181", "from 1 to 180"] },
    { what: "keyExpiryDays a string", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, keyExpiryDays: any("30") }), mentions: ['keyExpiryDays is "30"', "whole days"] },
    { what: "keyExpiryDays NaN", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, keyExpiryDays: Number.NaN }), mentions: ["keyExpiryDays", "whole days"] },
    { what: "keyExpiryDays -Infinity", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, keyExpiryDays: -Infinity }), mentions: ["keyExpiryDays", "whole days"] },
    { what: "externalTailnetRole unknown", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, externalTailnetRole: any("everyone") }), mentions: ['externalTailnetRole is "everyone"', '"none"'] },
    { what: "deviceApproval a string", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, deviceApproval: any("true") }), mentions: ['deviceApproval is "true"', "true or false"] },
    { what: "dns a string", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, dns: any("on") }), mentions: ['dns is "on"', "or false"] },
    { what: "dns nameserver not an address", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, dns: { nameservers: ["8.8.8.888"] } }), mentions: ["dns.nameservers[0]", "IPv4 or IPv6"] },
    { what: "dns nameserver null", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, dns: { nameservers: [any(null)] } }), mentions: ["dns.nameservers[0] is unset", "IPv4 or IPv6"] },
    { what: "dns overrideLocalDns without nameservers", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, dns: { overrideLocalDns: true } }), mentions: ["dns.overrideLocalDns", "dns.nameservers too"] },
    { what: "dns splitDns resolver a string", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, dns: { splitDns: { "corp.example.com": any("10.0.0.2") } } }), mentions: ['dns.splitDns["corp.example.com"]', "resolver address"] },
    { what: "dns splitDns domain with a space", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, dns: { splitDns: { "corp example": ["10.0.0.2"] } } }), mentions: ["dns.splitDns", "domain name"] },
    { what: "dns splitDns a string, not a map", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, dns: { splitDns: any("corp.example.com") } }), mentions: ['dns.splitDns is "corp.example.com"', "resolvers"] },
    {
        what: "dns nameservers a string, not a list",
        construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, dns: { nameservers: any("1.1.1.1") } }),
        mentions: ["dns.nameservers", "1.1.1.1"],
    },
    {
        what: "dns searchPaths a string, not a list",
        construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, dns: { searchPaths: any("corp.example.com") } }),
        mentions: ["dns.searchPaths", "corp.example.com"],
    },
    { what: "contacts a string", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, contacts: any("it@example.com") }), mentions: ['contacts is "it@example.com"', "account:"] },
    { what: "contacts.account not an email", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, contacts: { account: "it-at-example.com" } }), mentions: ['contacts.account is "it-at-example.com"', "email address"] },
    { what: "contacts.account unset", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, contacts: any({}) }), mentions: ["contacts.account is unset", "email address"] },
    { what: "contacts.security a number", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, contacts: { account: "it@example.com", security: any(5) } }), mentions: ["contacts.security is 5", "email address"] },
    { what: "contacts.security with spaces", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, contacts: { account: "it@example.com", security: "sec @example.com" } }), mentions: ["contacts.security", "email address"] },
    { what: "webhook endpoint a number", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, securityWebhooks: [{ endpointUrl: any(5) }] }), mentions: ["securityWebhooks[0].endpointUrl is 5", "https://"] },
    { what: "webhook endpoint plain http", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, securityWebhooks: [{ endpointUrl: "http://hooks.example.com" }] }), mentions: ["securityWebhooks[0]", "webhook-https"] },
    { what: "webhook unknown event", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, securityWebhooks: [{ endpointUrl: "https://h.example.com", subscriptions: any(["nodeExploded"]) }] }), mentions: ['securityWebhooks[0].subscriptions[0] is "nodeExploded"', "give one of"] },
    { what: "webhook with no events", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, securityWebhooks: [{ endpointUrl: "https://h.example.com", subscriptions: [] }] }), mentions: ["securityWebhooks[0].subscriptions", "at least one event"] },
    { what: "webhook null", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, securityWebhooks: [any(null)] }), mentions: ["securityWebhooks[0] is null", "endpointUrl"] },
    {
        what: "securityWebhooks a string, not a list",
        construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, securityWebhooks: any("https://h.example.com") }),
        mentions: ["securityWebhooks", "list"],
    },
    { what: "posture provider unknown", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, postureIntegrations: [{ provider: any("acme"), clientSecret: "s" }] }), mentions: ['postureIntegrations[0].provider is "acme"', '"intune"'] },
    { what: "posture integration without secret", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, postureIntegrations: [any({ provider: "intune" })] }), mentions: ["postureIntegrations[0]", "posture-integration-secret"] },
    {
        what: "postureIntegrations an object, not a list",
        construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, postureIntegrations: any({ provider: "intune", clientSecret: "s" }) }),
        mentions: ["postureIntegrations", "list"],
    },
    { what: "logStreaming without destination", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, logStreaming: any({}) }), mentions: ["logStreaming.destination is unset", '"s3"'] },
    { what: "logStreaming unknown destination kind", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, logStreaming: { destination: any({ kind: "ftp" }) } }), mentions: ['logStreaming.destination.kind is "ftp"', '"siem"'] },
    { what: "logStreaming unknown log type", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, logStreaming: { destination: any({ kind: "siem", destinationType: "splunk", url: "https://s.example.com", token: "t" }), logTypes: any(["audit"]) } }), mentions: ['logStreaming.logTypes is "audit"', '"configuration"'] },
    { what: "logStreaming upload period 0", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, logStreaming: { destination: any({ kind: "siem", destinationType: "splunk", url: "https://s.example.com", token: "t" }), uploadPeriodMinutes: 0 } }), mentions: ["logStreaming.uploadPeriodMinutes is 0", "from 1 to 1440"] },
    { what: "devicePosture minimumVersion a number", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, devicePosture: { minimumVersion: any(1.8) } }), mentions: ["devicePosture.minimumVersion is 1.8", '"1.80"'] },
    { what: "devicePosture releaseTrack unknown", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, devicePosture: { releaseTrack: any("beta") } }), mentions: ['devicePosture.releaseTrack is "beta"', "give one of"] },
    { what: "policy with a section of the wrong type", construct: (m, n) => new m.HardenedTailnet(n, { policy: any({ ...POLICY, groups: [] }) }), mentions: ["policy would be rejected", "groups: must be an object, not a list", /\.acl:\d+:\d+: /] },
    {
        what: "policy with a cycle",
        construct: (m, n) => new m.HardenedTailnet(n, { policy: any(circular) }),
        mentions: ["policy"],
    },
    {
        what: "policy holding a BigInt",
        construct: (m, n) => new m.HardenedTailnet(n, { policy: any({ ...POLICY, disableIPv4: 5n }) }),
        mentions: ["policy", "disableIPv4"],
    },
    {
        what: "policy nested 10,000 levels deep",
        construct: (m, n) => {
            let deep: unknown = [];
            for (let i = 0; i < 10_000; i++) deep = [deep];
            return new m.HardenedTailnet(n, { policy: any({ acls: deep }) });
        },
        mentions: ["policy", "nested"],
    },
    {
        what: "policyFragments a string",
        construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, policyFragments: any("fragment") }),
        mentions: ["policyFragments", "list"],
    },
    {
        what: "policyFragments an object",
        construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, policyFragments: any({ source: "x" }) }),
        mentions: ["policyFragments", "list"],
    },
    {
        what: "policyFragments holding null",
        construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, policyFragments: [any(null)] }),
        mentions: ["policyFragments[0]"],
    },
    {
        what: "policyHeader a number",
        construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, policyHeader: any(5) }),
        mentions: ["policyHeader", "list"],
    },
    { what: "policyHeader holding a number", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, policyHeader: any(["managed", 5]) }), mentions: ["policyHeader[1] is 5", "list of comment lines"] },
    { what: "policy fragment with defaultSrcPosture a number", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, policyFragments: [any({ source: "x", defaultSrcPosture: 5 })] }), mentions: ["policyFragments[0].defaultSrcPosture is 5", "policyFragment"] },
    { what: "policy fragment with routes approvers a string", construct: (m, n) => new m.HardenedTailnet(n, { ...TAILNET, policyFragments: [any({ source: "x", autoApprovers: { routes: { "10.0.0.0/8": "tag:router" } } })] }), mentions: ['policyFragments[0].autoApprovers.routes["10.0.0.0/8"] is "tag:router"', "policyFragment"] },
    {
        what: "policy with a malformed route approver, merged with a fragment",
        construct: (m, n) => new m.HardenedTailnet(n, { policy: any({ ...POLICY, autoApprovers: { routes: { "10.0.0.0/8": 5 } } }), policyFragments: [{ source: "r", autoApprovers: { routes: { "10.0.0.0/8": ["tag:server"] } } }] }),
        mentions: ["policy would be rejected", "autoApprovers", /\.acl:\d+:\d+: /],
    },
    {
        what: "policy with autoApprovers a string, merged with a fragment",
        construct: (m, n) => new m.HardenedTailnet(n, { policy: any({ ...POLICY, autoApprovers: "tag:server" }), policyFragments: [{ source: "r", autoApprovers: { exitNode: ["tag:server"] } }] }),
        mentions: ["policy would be rejected", "autoApprovers", /\.acl:\d+:\d+: /],
    },
    {
        what: "policy with a posture holding a BigInt, merged with a fragment defining it",
        construct: (m, n) => new m.HardenedTailnet(n, { policy: any({ ...POLICY, postures: { "posture:base": [1n] } }), policyFragments: [{ source: "p", postures: { "posture:base": ["node:os == 'linux'"] } }] }),
        mentions: ['policy.postures["posture:base"][0] is a BigInt (1n)'],
    },
    { what: "args undefined", construct: (m, n) => new m.HardenedTailnet(n, any(undefined)), mentions: ["policy"] },
];

const SERVICE_CASES: BadArgs[] = [
    { what: "serviceName a number", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, serviceName: any(5) }), mentions: ["serviceName is 5", '"svc:grafana"'] },
    { what: "serviceName upper case", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, serviceName: "svc:Grafana" }), mentions: ['serviceName is "svc:Grafana"', "lowercase"] },
    { what: "serviceName unset", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, serviceName: any(undefined) }), mentions: ["serviceName is unset", "svc:"] },
    { what: "ports a string, not a list", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, ports: any("tcp:443") }), mentions: ['ports is "tcp:443"', '["tcp:443"]'] },
    { what: "ports empty", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, ports: [] }), mentions: ["ports is []", '["tcp:443"]'] },
    { what: "port a number", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, ports: any([443]) }), mentions: ["ports is 443", '"tcp:<port>"'] },
    { what: "port 70000", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, ports: ["tcp:70000"] }), mentions: ['ports is "tcp:70000"', "1 to 65535"] },
    { what: "port 0", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, ports: ["tcp:0"] }), mentions: ['ports is "tcp:0"', "1 to 65535"] },
    { what: "port range reversed", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, ports: ["tcp:90-80"] }), mentions: ['ports is "tcp:90-80"', "<low>-<high>"] },
    { what: "udp port", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, ports: ["udp:53"] }), mentions: ['ports is "udp:53"', "TCP only"] },
    { what: "tcp with no port", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, ports: ["tcp:"] }), mentions: ['ports is "tcp:"', '"tcp:<port>"'] },
    { what: "hostTag unset", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, hostTag: any(undefined) }), mentions: ["hostTag is unset", 'each tag is "tag:"'] },
    { what: "hostTag a list", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, hostTag: any(["tag:monitoring"]) }), mentions: ["hostTag is [", 'each tag is "tag:"'] },
    { what: "tags a string", construct: (m, n) => new m.TailscaleService(n, { ...SERVICE, tags: any("tag:dash") }), mentions: ['tags is "tag:dash"', "tag"] },
    { what: "args null", construct: (m, n) => new m.TailscaleService(n, any(null)), mentions: ["args"] },
];

const DEVICE_CASES: BadArgs[] = [
    { what: "deviceId a number", construct: (m, n) => new m.ManagedDevice(n, { deviceId: any(5) }), mentions: ["deviceId is 5", "nodeId"] },
    { what: "deviceId empty", construct: (m, n) => new m.ManagedDevice(n, { deviceId: "" }), mentions: ['deviceId is ""', "nodeId"] },
    { what: "deviceId unset", construct: (m, n) => new m.ManagedDevice(n, any({})), mentions: ["deviceId is unset", "nodeId"] },
    { what: "deviceId null", construct: (m, n) => new m.ManagedDevice(n, { deviceId: any(null) }), mentions: ["deviceId is null", "nodeId"] },
    { what: "authorized a string", construct: (m, n) => new m.ManagedDevice(n, { ...DEVICE, authorized: any("yes") }), mentions: ['authorized is "yes"', "true or false"] },
    { what: "routes a string, not a list", construct: (m, n) => new m.ManagedDevice(n, { ...DEVICE, routes: any("10.0.0.0/8") }), mentions: ['routes is "10.0.0.0/8"', "list of CIDRs"] },
    { what: "route /33", construct: (m, n) => new m.ManagedDevice(n, { ...DEVICE, routes: ["10.0.0.0/33"] }), mentions: ['routes[0] is "10.0.0.0/33"', "CIDR"] },
    { what: "route /-1", construct: (m, n) => new m.ManagedDevice(n, { ...DEVICE, routes: ["10.0.0.0/-1"] }), mentions: ['routes[0] is "10.0.0.0/-1"', "CIDR"] },
    { what: "route /129", construct: (m, n) => new m.ManagedDevice(n, { ...DEVICE, routes: ["fd00::/129"] }), mentions: ['routes[0] is "fd00::/129"', "CIDR"] },
    { what: "route a number", construct: (m, n) => new m.ManagedDevice(n, { ...DEVICE, routes: any([10]) }), mentions: ["routes[0] is 10", "CIDR"] },
    { what: "route with host bits", construct: (m, n) => new m.ManagedDevice(n, { ...DEVICE, routes: ["10.0.0.1/8"] }), mentions: ['routes[0] is "10.0.0.1/8"', '"10.0.0.0/8"'] },
    { what: "route in legacy IPv4 form", construct: (m, n) => new m.ManagedDevice(n, { ...DEVICE, routes: ["10.1/16"] }), mentions: ['routes[0] is "10.1/16"', "CIDR"] },
    { what: 'tag "tag:"', construct: (m, n) => new m.ManagedDevice(n, { ...DEVICE, tags: ["tag:"] }), mentions: ['"tag:"', "device-tags-valid"] },
    { what: "keyExpiryDisabled without tags", construct: (m, n) => new m.ManagedDevice(n, { ...DEVICE, keyExpiryDisabled: true }), mentions: ["keyExpiryDisabled", "give tags too"] },
    { what: "args null", construct: (m, n) => new m.ManagedDevice(n, any(null)), mentions: ["args"] },
];

const ROUTER_CASES: BadArgs[] = [
    { what: "tags a string", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, tags: any("tag:router") }), mentions: ['tags is "tag:router"', "at least one tag"] },
    { what: "tags empty", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, tags: [] }), mentions: ["tags is []", "at least one tag"] },
    { what: "routes a string, not a list", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, routes: any("10.0.0.0/16") }), mentions: ['routes is "10.0.0.0/16"', "list of CIDRs"] },
    { what: "route /-1", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, routes: ["10.0.0.0/-1"] }), mentions: ['routes[0] is "10.0.0.0/-1"', "CIDR"] },
    { what: "route /129", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, routes: ["fd00::/129"] }), mentions: ['routes[0] is "fd00::/129"', "CIDR"] },
    { what: "route null", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, routes: [any(null)] }), mentions: ["routes[0] is null", "CIDR"] },
    { what: "default route", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, routes: ["::/0"] }), mentions: ['routes[0] is "::/0"', "exit-node mode"] },
    { what: "mode unknown", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, mode: any("router") }), mentions: ['mode is "router"', '"subnetRouter"'] },
    { what: "vpcId a number", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, vpcId: any(5) }), mentions: ["vpcId is 5", "VPC ID"] },
    { what: "vpcId empty", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, vpcId: "" }), mentions: ['vpcId is ""', "VPC ID"] },
    { what: "subnetIds a string", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, subnetIds: any("subnet-1") }), mentions: ['subnetIds is "subnet-1"', "subnet(s)"] },
    { what: "patchApproveAfterDays negative", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, patchApproveAfterDays: -1 }), mentions: ["patchApproveAfterDays is -1", "from 0 to 30"] },
    { what: "patchApproveAfterDays NaN", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, patchApproveAfterDays: Number.NaN }), mentions: ["patchApproveAfterDays", "from 0 to 30"] },
    { what: "patchSchedule free text", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, patchSchedule: "daily" }), mentions: ['patchSchedule is "daily"', "rate(1 day)"] },
    { what: "highAvailability a string", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, highAvailability: any("true") }), mentions: ['highAvailability is "true"', "true or false"] },
    { what: "authKeyExpirySeconds over 90 days", construct: (m, n) => new m.SubnetRouter(n, { ...ROUTER, authKeyExpirySeconds: 90 * 86400 + 1 }), mentions: ["expirySeconds", "90 days"], named: (n) => `AuthKey ${n}-key` },
    { what: "args undefined", construct: (m, n) => new m.SubnetRouter(n, any(undefined)), mentions: ["args"] },
];

const ARCHIVE_CASES: BadArgs[] = [
    { what: "retentionDays 0", construct: (m, n) => new m.LogArchive(n, { retentionDays: 0 }), mentions: ["retentionDays is 0", "from 1 to 3650"] },
    { what: "retentionDays 3651", construct: (m, n) => new m.LogArchive(n, { retentionDays: 3651 }), mentions: ["retentionDays is 3651", "from 1 to 3650"] },
    { what: "retentionDays a string", construct: (m, n) => new m.LogArchive(n, { retentionDays: any("90") }), mentions: ['retentionDays is "90"', "from 1 to 3650"] },
    { what: "retentionDays Infinity", construct: (m, n) => new m.LogArchive(n, { retentionDays: Infinity }), mentions: ["retentionDays", "from 1 to 3650"] },
    { what: "noncurrentVersionRetentionDays 366", construct: (m, n) => new m.LogArchive(n, { noncurrentVersionRetentionDays: 366 }), mentions: ["noncurrentVersionRetentionDays is 366", "from 1 to 365"] },
    { what: "encryption none", construct: (m, n) => new m.LogArchive(n, { encryption: any("none") }), mentions: ['encryption is "none"', '"aws:kms"'] },
    { what: "keyPrefix absolute", construct: (m, n) => new m.LogArchive(n, { keyPrefix: "/logs" }), mentions: ['keyPrefix is "/logs"', "relative"] },
    { what: "keyPrefix a number", construct: (m, n) => new m.LogArchive(n, { keyPrefix: any(5) }), mentions: ["keyPrefix is 5", "relative"] },
    { what: "forceDestroy a string", construct: (m, n) => new m.LogArchive(n, { forceDestroy: any("yes") }), mentions: ['forceDestroy is "yes"', "true or false"] },
    { what: "args null", construct: (m, n) => new m.LogArchive(n, any(null)), mentions: ["args is null", "retentionDays"] },
];

const MACHINE_CASES: BadArgs[] = [
    { what: "args null", construct: (m, n) => new m.MachineClient(n, any(null)), mentions: ["args is null", "scopes"] },
    { what: "scopes a string", construct: (m, n) => new m.MachineClient(n, { ...MACHINE, scopes: any("auth_keys") }), mentions: ['scopes is "auth_keys"', "name the scopes"] },
    { what: "scopes empty", construct: (m, n) => new m.MachineClient(n, { ...MACHINE, scopes: [] }), mentions: ["scopes is []", "name the scopes"] },
    { what: "scope repeated", construct: (m, n) => new m.MachineClient(n, { ...MACHINE, scopes: ["auth_keys", "auth_keys"] }), mentions: ["scopes", "list each scope once"] },
    { what: "unknown OAuth scope", construct: (m, n) => new m.MachineClient(n, { ...MACHINE, scopes: ["devices:write"] }), mentions: ['"devices:write"', "oauth-scopes-allowed"] },
    { what: "scope with the wrong case", construct: (m, n) => new m.MachineClient(n, { ...MACHINE, scopes: ["Auth_Keys"] }), mentions: ['"Auth_Keys"', "oauth-scopes-allowed"] },
    { what: "scope a number", construct: (m, n) => new m.MachineClient(n, { ...MACHINE, scopes: any([5]) }), mentions: ["scopes", "5"] },
    { what: "scope null", construct: (m, n) => new m.MachineClient(n, { ...MACHINE, scopes: any([null]) }), mentions: ["scopes[0] is null", "as a string"] },
    { what: "broad scope all", construct: (m, n) => new m.MachineClient(n, { ...MACHINE, scopes: ["all"] }), mentions: ['scopes is "all"', "allowBroadScopes"] },
    { what: "allowBroadScopes a string", construct: (m, n) => new m.MachineClient(n, { ...MACHINE, allowBroadScopes: any("yes") }), mentions: ['allowBroadScopes is "yes"', "true or false"] },
    { what: "tag without prefix", construct: (m, n) => new m.MachineClient(n, { ...MACHINE, tags: ["ci"] }), mentions: ['tags is "ci"', 'each tag is "tag:"'] },
    { what: "description empty", construct: (m, n) => new m.MachineClient(n, { ...MACHINE, description: "" }), mentions: ['description is ""', "1 to 50"] },
];

const WORKLOAD_CASES: BadArgs[] = [
    { what: "issuer plain http", construct: (m, n) => new m.WorkloadIdentity(n, { ...WORKLOAD, issuer: "http://issuer.example.com" }), mentions: ["issuer", "federated-identity-trust"] },
    { what: "issuer a number", construct: (m, n) => new m.WorkloadIdentity(n, { ...WORKLOAD, issuer: any(5) }), mentions: ["issuer", "federated-identity-trust"] },
    { what: "subject a bare wildcard", construct: (m, n) => new m.WorkloadIdentity(n, { ...WORKLOAD, subject: "*" }), mentions: ['subject is "*"', "federated-identity-trust"] },
    { what: "subject blank", construct: (m, n) => new m.WorkloadIdentity(n, { ...WORKLOAD, subject: "  " }), mentions: ['subject is "  "', "match one workload"] },
    { what: "subject a number", construct: (m, n) => new m.WorkloadIdentity(n, { ...WORKLOAD, subject: any(5) }), mentions: ["subject is 5", "match one workload"] },
    { what: "custom claim a bare wildcard", construct: (m, n) => new m.WorkloadIdentity(n, { ...WORKLOAD, customClaimRules: { repository: "**" } }), mentions: ['customClaimRules.repository is "**"', "narrows the claim"] },
    { what: "custom claim a number", construct: (m, n) => new m.WorkloadIdentity(n, { ...WORKLOAD, customClaimRules: { repository_id: any(123) } }), mentions: ["customClaimRules.repository_id is 123", "narrows the claim"] },
    { what: "audience empty", construct: (m, n) => new m.WorkloadIdentity(n, { ...WORKLOAD, audience: "" }), mentions: ['audience is ""', "leave it unset"] },
    { what: "scopes unset", construct: (m, n) => new m.WorkloadIdentity(n, { ...WORKLOAD, scopes: any(undefined) }), mentions: ["scopes is unset", "name the scopes"] },
    { what: "scope a number", construct: (m, n) => new m.WorkloadIdentity(n, { ...WORKLOAD, scopes: any(["policy_file:read", 7]) }), mentions: ["scopes[1] is 7", "as a string"] },
    { what: "args undefined", construct: (m, n) => new m.WorkloadIdentity(n, any(undefined)), mentions: ["args is unset", "scopes"] },
];

const TABLES: Array<[string, BadArgs[]]> = [
    ["AuthKey", AUTH_KEY_CASES],
    ["HardenedTailnet", TAILNET_CASES],
    ["TailscaleService", SERVICE_CASES],
    ["ManagedDevice", DEVICE_CASES],
    ["SubnetRouter", ROUTER_CASES],
    ["LogArchive", ARCHIVE_CASES],
    ["MachineClient", MACHINE_CASES],
    ["WorkloadIdentity", WORKLOAD_CASES],
];

describe("bad-input corpus: component arguments of every wrong kind", () => {
    let registrations: Registration[];
    let mod: Components;

    before(async () => {
        registrations = await installMocks();
        mod = require("../../components");
    });

    let counter = 0;
    for (const [component, cases] of TABLES) {
        describe(component, () => {
            for (const bad of cases) {
                // A unique resource name per row; the zero padding keeps one name from prefixing another.
                const name = `bad${String(++counter).padStart(3, "0")}x`;
                // Skipped rows document a known bug (see `bug`); the lead un-skips them with the fix.
                const test = itUnlessKnownBug(bad.bug);
                test(`${bad.what}: ResourceError naming ${bad.mentions.filter((m) => typeof m === "string").join(", ")}`, async () => {
                    const message = await expectRefused(registrations, name, () => bad.construct(mod, name), [bad.named?.(name) ?? `${component} ${name}`, ...bad.mentions]);
                    if (/\n\s+at /.test(message)) throw new Error(`the message carries a stack trace: ${message}`);
                });
            }
        });
    }

    it("covers every component class exported from components/index.ts", () => {
        const classes = Object.entries(require("../../components") as Record<string, unknown>)
            .filter(([, value]) => typeof value === "function" && (value as { prototype?: unknown }).prototype instanceof pulumi.ComponentResource)
            .map(([key]) => key)
            .sort();
        const covered = TABLES.map(([component]) => component).sort();
        if (JSON.stringify(classes) !== JSON.stringify(covered)) throw new Error(`exported ${classes.join(", ")}; covered ${covered.join(", ")}`);
    });
});
