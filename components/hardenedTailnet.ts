import * as pulumi from "@pulumi/pulumi";
import * as tailscale from "@pulumi/tailscale";
import { analyzePolicy, formatLocation, POLICY_TEST_IDS, POLICY_VALIDATION_IDS, renderPolicy, type PolicyCheckId, type PolicyDocument } from "../acl";
import { PolicyRenderError } from "../acl/render";
import { inlinePolicyFileName } from "../policies/policyFileFindings";
import { EXTERNAL_TAILNET_ROLES } from "../policies/rules/tailnetExternalTailnets";
import { TAILSCALE_MAX_DEVICE_KEY_DAYS } from "../policies/rules/tailnetKeyExpiry";
import { postureIntegrationSecret, webhookHttps } from "../policies/rules";
import { TAILSCALE_TYPES } from "../policies/resourceTypes";
import { devicePostureFragment, RELEASE_TRACKS, TAILSCALE_VERSION_PATTERN, type DevicePostureArgs } from "./devicePosture";
import { badArgument, isInteger } from "./errors";
import { checkLogStreamingArgs, createLogStreams, type LogStreamingArgs } from "./logStreaming";
import { checkPolicyFragment, mergePolicyFragments, PolicyFragmentConflict, type PolicyFragment } from "./policyFragment";
import { refuseRuleViolations } from "./ruleGate";
import {
    checkArgsObject,
    checkBoolean,
    checkDomain,
    checkEmail,
    checkIpAddress,
    checkObject,
    checkOneOf,
    checkStringList,
    isKnown,
    optionalList,
    type Checker,
} from "./validation";
import { SECURITY_WEBHOOK_EVENTS, WEBHOOK_EVENTS, WEBHOOK_PROVIDER_TYPES, type WebhookEvent, type WebhookProviderType } from "./webhookEvents";

export type ExternalTailnetRole = (typeof EXTERNAL_TAILNET_ROLES)[number];

/**
 * Policy-file problems that Tailscale itself would reject when the file is saved (a grammar error, an
 * undefined name, a failing test of the file's own `tests`/`sshTests`): the component refuses them up
 * front so `pulumi up` never stops half-way. Risky-but-valid rules (allow-all, SSH accept as root,
 * broad tag owners) are left to the policy pack, which reports them at the level the organisation set.
 */
const REJECTED_POLICY_FINDINGS: ReadonlySet<PolicyCheckId> = new Set<PolicyCheckId>([
    // Every grammar finding but the two Tailscale accepts (an empty group, a tag with no owners), and failing tests.
    ...POLICY_VALIDATION_IDS.filter((id) => id !== "empty-group" && id !== "tag-without-owner"),
    ...POLICY_TEST_IDS,
]);

/** A DNS nameserver: an address, optionally kept while an exit node is in use. */
export interface TailnetNameserver {
    /** IPv4 or IPv6 address of the resolver. */
    address: string;
    /** Keep using this resolver when the device uses an exit node (Tailscale 1.88.1+). Default `false`. */
    useWithExitNode?: boolean;
}

/**
 * The tailnet's DNS, managed as ONE `tailscale.DnsConfiguration`. Do not also manage DnsNameservers,
 * DnsPreferences, DnsSearchPaths or DnsSplitNameservers for this tailnet: they write the same settings
 * and would undo each other. https://tailscale.com/kb/1054/dns
 */
export interface TailnetDnsArgs {
    /** MagicDNS names for every device. Default `true`: users reach devices by name, not by guessable IPs. */
    magicDns?: boolean;
    /** Global resolvers for names outside the tailnet (addresses or nameserver objects). Default none. */
    nameservers?: (string | TailnetNameserver)[];
    /**
     * Make devices use `nameservers` instead of their local DNS. Default `true` when nameservers are
     * given: queries go to resolvers you chose, not to whatever the local network hands out.
     */
    overrideLocalDns?: boolean;
    /** Split DNS: domain to the resolvers used only for that domain, e.g. `{ "corp.example.com": ["10.0.0.2"] }`. */
    splitDns?: Record<string, string[]>;
    /** Extra search domains (the tailnet domain comes first when MagicDNS is on). */
    searchPaths?: string[];
}

/** Who Tailscale writes to. https://tailscale.com/kb/1224/contact-preferences */
export interface TailnetContactsArgs {
    /** Account and billing notices. Required. */
    account: string;
    /** Misconfiguration notices. Default: the `account` address. */
    support?: string;
    /**
     * Security bulletins and incident notices. Default: the `account` address. Give a monitored team
     * mailbox so a bulletin reaches a person who acts on it (R3).
     */
    security?: string;
}

/** A webhook that sends the tailnet's security events to an https endpoint. */
export interface SecurityWebhookArgs {
    /** The https:// endpoint. Plain http is refused (the pack's `webhook-https` rule decides). */
    endpointUrl: string;
    /** Payload format: "slack", "mattermost", "googlechat" or "discord". Unset: Tailscale's JSON. */
    providerType?: WebhookProviderType;
    /** Events to send. Default SECURITY_WEBHOOK_EVENTS: approvals, key expiry, policy and role changes. */
    subscriptions?: WebhookEvent[];
}

/** Posture integration providers (PostureIntegrationArgs.postureProvider). */
export const POSTURE_PROVIDERS = ["falcon", "fleet", "huntress", "intune", "jamfpro", "kandji", "kolide", "sentinelone"] as const;
export type PostureProvider = (typeof POSTURE_PROVIDERS)[number];

/** A device-management or EDR integration whose data posture rules can use (R1). https://tailscale.com/kb/1288/device-posture */
export interface PostureIntegrationArgs {
    /** The provider. */
    provider: PostureProvider;
    /** The provider's client ID, when it has one. */
    clientId?: pulumi.Input<string>;
    /** The provider's client secret or API token; stored as a secret. Use `config.requireSecret(...)`. */
    clientSecret: pulumi.Input<string>;
    /** Intune: the directory (tenant) ID. */
    tenantId?: pulumi.Input<string>;
    /** Which of the provider's clouds (e.g. Falcon "us-1"). */
    cloudId?: pulumi.Input<string>;
}

export interface HardenedTailnetArgs {
    /**
     * The tailnet policy file as a typed document (groups, tagOwners, grants, ssh, tests, ...). Rendered
     * to deterministic HuJSON and checked with the same analysis as the policy pack before anything is
     * registered. Required: Tailscale's default policy lets every device reach every other.
     */
    policy: PolicyDocument;
    /** Lines for the `//` comment header of the rendered policy file. */
    policyHeader?: string[];
    /**
     * Require admin approval of new devices. Default `true`: only devices an admin has seen join (R2).
     * https://tailscale.com/kb/1099/device-approval
     */
    deviceApproval?: pulumi.Input<boolean>;
    /**
     * Require admin approval of new users. Default `true`: signing in with the identity provider alone
     * does not make someone a member (R2). https://tailscale.com/kb/1239/user-approval
     */
    userApproval?: pulumi.Input<boolean>;
    /**
     * Turn on automatic Tailscale client updates for new devices. Default `true`: security fixes land
     * without anyone acting (R3). https://tailscale.com/kb/1067/update
     */
    autoUpdates?: pulumi.Input<boolean>;
    /**
     * Days before a device's node key expires and its user must log in again, 1 to 180. Default 30:
     * someone removed from the identity provider loses tailnet access within a month (R2), well inside
     * the pack's 90-day limit. https://tailscale.com/kb/1028/key-expiry
     */
    keyExpiryDays?: number;
    /**
     * Which user roles may join other organisations' tailnets: "none", "admin" or "member". Default
     * "none": managed devices stay in this tailnet (R5).
     */
    externalTailnetRole?: ExternalTailnetRole;
    /**
     * Collect device identity (serial numbers) for posture integrations. Default `true`: device posture
     * rules can then tell managed devices from others (R1).
     */
    postureIdentityCollection?: pulumi.Input<boolean>;
    /**
     * Log network flows (who connected to what). Default `true`: the evidence an investigation or a
     * support request needs (R4). https://tailscale.com/kb/1219/network-flow-logs
     */
    networkFlowLogging?: pulumi.Input<boolean>;
    /**
     * Mark the policy file as managed outside the admin console. Default `true`: console edits would be
     * silently overwritten by the next `pulumi up`, so the console refuses them.
     */
    aclsExternallyManaged?: pulumi.Input<boolean>;
    /** Link shown in the admin console to where the policy is managed (e.g. the repository URL). */
    aclsExternalLink?: pulumi.Input<string>;
    /**
     * Replace a policy file that was edited outside Pulumi without importing it first. Default `false`:
     * Pulumi refuses to overwrite changes it has not seen.
     */
    overwriteExistingPolicy?: pulumi.Input<boolean>;
    /**
     * Reset the policy file to Tailscale's default when this component is destroyed. Default `false`:
     * Tailscale's default policy allows all traffic, so destroying the stack keeps the last hardened policy.
     */
    resetPolicyOnDestroy?: pulumi.Input<boolean>;
    /**
     * The tailnet's DNS as one `tailscale.DnsConfiguration`. Default: MagicDNS on, no other change.
     * `false` leaves DNS unmanaged (for a tailnet whose DNS another stack manages).
     */
    dns?: TailnetDnsArgs | false;
    /** Contact addresses (`tailscale.Contacts`). Unset: contacts stay as they are in the admin console. */
    contacts?: TailnetContactsArgs;
    /** Webhooks for security events, one `tailscale.Webhook` each. Default none. */
    securityWebhooks?: SecurityWebhookArgs[];
    /** Stream configuration audit logs and network flow logs (R4). Default: off (no destination known). */
    logStreaming?: LogStreamingArgs;
    /** Device posture integrations (`tailscale.PostureIntegration`). Default none. */
    postureIntegrations?: PostureIntegrationArgs[];
    /**
     * Baseline device posture (client version floor, auto-updates, stable track) added to the policy's
     * `postures` and, by default, its `defaultSrcPosture`. Unset: no posture requirement.
     */
    devicePosture?: DevicePostureArgs;
    /**
     * Policy fragments from other components (`SubnetRouter.policyFragment`, `TailscaleService.policyFragment`)
     * merged into `policy`: each approval names only the tag that needs it.
     */
    policyFragments?: PolicyFragment[];
}

/**
 * The root of a tailnet-guard tailnet: `tailscale.TailnetSettings` with hardened defaults, the policy
 * file (`tailscale.Acl`) rendered from a typed document, and optionally the tailnet's DNS, contacts,
 * security webhooks, log streaming, posture integrations and baseline device posture.
 *
 * ```ts
 * new HardenedTailnet("corp", {
 *     policy: {
 *         groups: { "group:admins": ["alice@example.com"] },
 *         tagOwners: { "tag:server": ["group:admins"] },
 *         grants: [{ src: ["group:admins"], dst: ["tag:server"], ip: ["tcp:22", "tcp:443"] }],
 *     },
 *     contacts: { account: "it@example.com", security: "security@example.com" },
 * });
 * ```
 */
export class HardenedTailnet extends pulumi.ComponentResource {
    /** The tailnet settings (approvals, auto-updates, key expiry, ...). */
    public readonly settings: tailscale.TailnetSettings;
    /** The policy file resource. */
    public readonly acl: tailscale.Acl;
    /** The rendered policy file (HuJSON), exactly as sent to Tailscale, fragments merged in. */
    public readonly policyText: string;
    /** The DNS configuration, unless `dns: false`. */
    public readonly dnsConfiguration?: tailscale.DnsConfiguration;
    /** The contacts, when `contacts` is given. */
    public readonly contacts?: tailscale.Contacts;
    /** The security webhooks, in the order given. */
    public readonly webhooks: tailscale.Webhook[];
    /** Each webhook's signing secret (a Pulumi secret), in the order given: give it to the receiver to verify payloads. */
    public readonly webhookSecrets: pulumi.Output<string>[];
    /** The log streams, one per log type. */
    public readonly logStreams: tailscale.LogstreamConfiguration[];
    /** The posture integrations, in the order given. */
    public readonly postureIntegrations: tailscale.PostureIntegration[];

    constructor(name: string, args: HardenedTailnetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tailnet-guard:tailscale:HardenedTailnet", name, {}, opts);
        const component = `HardenedTailnet ${name}`;
        const c: Checker = { resource: this, component };
        checkArgsObject(c, args, "give { policy: { groups, tagOwners, grants, ... } } with the tailnet's policy file");

        const keyExpiryDays = args.keyExpiryDays ?? 30;
        if (!isInteger(keyExpiryDays) || keyExpiryDays < 1 || keyExpiryDays > TAILSCALE_MAX_DEVICE_KEY_DAYS) {
            badArgument(this, component, "keyExpiryDays", args.keyExpiryDays, `give whole days from 1 to ${TAILSCALE_MAX_DEVICE_KEY_DAYS} (Tailscale's range)`);
        }
        const externalTailnetRole = args.externalTailnetRole ?? "none";
        if (!EXTERNAL_TAILNET_ROLES.includes(externalTailnetRole)) {
            badArgument(this, component, "externalTailnetRole", args.externalTailnetRole, `give one of ${EXTERNAL_TAILNET_ROLES.map((r) => `"${r}"`).join(", ")}`);
        }
        if (typeof args.policy !== "object" || args.policy === null || Array.isArray(args.policy)) {
            badArgument(this, component, "policy", args.policy, "give the policy file as an object with groups, tagOwners, grants, ...");
        }
        if (args.policyHeader !== undefined) {
            checkStringList(c, "policyHeader", args.policyHeader, 'give a list of comment lines, e.g. ["Managed by tailnet-guard"]');
        }
        for (const field of ["deviceApproval", "userApproval", "autoUpdates", "postureIdentityCollection", "networkFlowLogging", "aclsExternallyManaged"] as const) {
            checkBoolean(c, field, args[field]);
        }
        const dns = args.dns === false ? undefined : checkDns(c, args.dns ?? {});
        if (args.contacts !== undefined) checkContacts(c, args.contacts);
        const webhooks = optionalList(c, "securityWebhooks", args.securityWebhooks, 'give a list of webhooks, e.g. [{ endpointUrl: "https://hooks.example.com/tailscale" }]').map((webhook, i) =>
            checkWebhook(c, `securityWebhooks[${i}]`, webhook, name),
        );
        if (args.logStreaming !== undefined) checkLogStreamingArgs(c, "logStreaming", args.logStreaming);
        const postureIntegrations = optionalList(c, "postureIntegrations", args.postureIntegrations, 'give a list of integrations, e.g. [{ provider: "intune", clientSecret }]');
        postureIntegrations.forEach((integration, i) => checkPostureIntegration(c, `postureIntegrations[${i}]`, integration));
        const fragments = [...optionalList(c, "policyFragments", args.policyFragments, "give a list of fragments, e.g. [router.policyFragment]")];
        fragments.forEach((fragment, i) => checkPolicyFragment(c, `policyFragments[${i}]`, fragment));
        if (args.devicePosture !== undefined) {
            checkDevicePosture(c, args.devicePosture);
            const posture = devicePostureFragment(args.devicePosture, `${component} devicePosture`);
            if (posture !== undefined) fragments.push(posture);
        }

        let policy: PolicyDocument;
        try {
            policy = mergePolicyFragments(args.policy, fragments);
        } catch (error) {
            if (error instanceof PolicyFragmentConflict) {
                throw new pulumi.ResourceError(`${component}: policyFragments: ${error.message}`, this, true);
            }
            throw error;
        }
        try {
            this.policyText = renderPolicy(policy, { header: args.policyHeader });
        } catch (error) {
            if (error instanceof PolicyRenderError) {
                // The message names the JSON path from `policy`, e.g. "policy.acls[0].src ...".
                throw new pulumi.ResourceError(`${component}: ${error.message}`, this, true);
            }
            throw error;
        }
        const fileName = inlinePolicyFileName(`${name}-policy`);
        const rejected = analyzePolicy(this.policyText, fileName).filter((f) => REJECTED_POLICY_FINDINGS.has(f.check));
        if (rejected.length > 0) {
            const details = rejected.map((f) => (f.location ? `${formatLocation(f.location)}: ${f.message}` : f.message)).join("\n  ");
            throw new pulumi.ResourceError(`${component}: policy would be rejected by Tailscale:\n  ${details}`, this, true);
        }

        // Every argument is checked: from here on, resources are registered.
        this.settings = new tailscale.TailnetSettings(
            `${name}-settings`,
            {
                devicesApprovalOn: args.deviceApproval ?? true,
                usersApprovalOn: args.userApproval ?? true,
                devicesAutoUpdatesOn: args.autoUpdates ?? true,
                devicesKeyDurationDays: keyExpiryDays,
                usersRoleAllowedToJoinExternalTailnet: externalTailnetRole,
                postureIdentityCollectionOn: args.postureIdentityCollection ?? true,
                networkFlowLoggingOn: args.networkFlowLogging ?? true,
                aclsExternallyManagedOn: args.aclsExternallyManaged ?? true,
                aclsExternalLink: args.aclsExternalLink,
            },
            { parent: this },
        );

        this.acl = new tailscale.Acl(
            `${name}-policy`,
            {
                acl: this.policyText,
                overwriteExistingContent: args.overwriteExistingPolicy ?? false,
                resetAclOnDestroy: args.resetPolicyOnDestroy ?? false,
            },
            // Settings first: the policy is then marked externally managed before it is written.
            { parent: this, dependsOn: [this.settings] },
        );

        if (dns !== undefined) {
            this.dnsConfiguration = new tailscale.DnsConfiguration(`${name}-dns`, dns, { parent: this });
        }
        if (args.contacts !== undefined) {
            const { account, support, security } = args.contacts;
            this.contacts = new tailscale.Contacts(
                `${name}-contacts`,
                {
                    accounts: [{ email: account }],
                    supports: [{ email: support ?? account }],
                    securities: [{ email: security ?? account }],
                },
                { parent: this },
            );
        }
        this.webhooks = webhooks.map(
            (webhook, i) => new tailscale.Webhook(`${name}-webhook-${i}`, webhook, { parent: this, additionalSecretOutputs: ["secret"] }),
        );
        this.webhookSecrets = this.webhooks.map((webhook) => pulumi.secret(webhook.secret));
        this.logStreams = args.logStreaming === undefined ? [] : createLogStreams(this, name, args.logStreaming);
        this.postureIntegrations = postureIntegrations.map(
            (integration, i) =>
                new tailscale.PostureIntegration(
                    `${name}-posture-${integration.provider}-${i}`,
                    {
                        postureProvider: integration.provider,
                        clientId: integration.clientId,
                        clientSecret: pulumi.secret(integration.clientSecret),
                        tenantId: integration.tenantId,
                        cloudId: integration.cloudId,
                    },
                    { parent: this, additionalSecretOutputs: ["clientSecret"] },
                ),
        );

        this.registerOutputs({
            policyText: this.policyText,
            settingsId: this.settings.id,
            aclId: this.acl.id,
            webhookSecrets: this.webhookSecrets,
        });
    }
}

function checkDns(c: Checker, dns: TailnetDnsArgs): tailscale.DnsConfigurationArgs {
    if (typeof dns !== "object" || dns === null) {
        badArgument(c.resource, c.component, "dns", dns, "give a DNS object ({ magicDns, nameservers, splitDns, searchPaths }) or false");
    }
    checkBoolean(c, "dns.magicDns", dns.magicDns);
    checkBoolean(c, "dns.overrideLocalDns", dns.overrideLocalDns);
    const nameservers = optionalList(c, "dns.nameservers", dns.nameservers, 'give a list of resolver addresses, e.g. ["1.1.1.1"]').map((ns, i) => {
        const server: TailnetNameserver = typeof ns === "string" ? { address: ns } : ns;
        checkIpAddress(c, `dns.nameservers[${i}]`, server?.address);
        checkBoolean(c, `dns.nameservers[${i}].useWithExitNode`, server.useWithExitNode);
        return server;
    });
    if (dns.overrideLocalDns === true && nameservers.length === 0) {
        badArgument(c.resource, c.component, "dns.overrideLocalDns", true, "give dns.nameservers too: overriding local DNS with no resolver breaks name resolution");
    }
    if (dns.splitDns !== undefined) {
        checkObject(c, "dns.splitDns", dns.splitDns, 'give domains and their resolvers, e.g. { "corp.example.com": ["10.0.0.2"] }');
    }
    const splitDns = Object.entries(dns.splitDns ?? {}).map(([domain, servers]) => {
        checkDomain(c, "dns.splitDns", domain);
        if (!Array.isArray(servers) || servers.length === 0) {
            badArgument(c.resource, c.component, `dns.splitDns["${domain}"]`, servers, "give at least one resolver address for the domain");
        }
        servers.forEach((address, i) => checkIpAddress(c, `dns.splitDns["${domain}"][${i}]`, address));
        return { domain, nameservers: servers.map((address) => ({ address })) };
    });
    optionalList(c, "dns.searchPaths", dns.searchPaths, 'give a list of domains, e.g. ["corp.example.com"]').forEach((path, i) =>
        checkDomain(c, `dns.searchPaths[${i}]`, path),
    );
    return {
        magicDns: dns.magicDns ?? true,
        nameservers: nameservers.length > 0 ? nameservers : undefined,
        overrideLocalDns: dns.overrideLocalDns ?? nameservers.length > 0,
        splitDns: splitDns.length > 0 ? splitDns : undefined,
        searchPaths: dns.searchPaths,
    };
}

function checkContacts(c: Checker, contacts: TailnetContactsArgs): void {
    if (typeof contacts !== "object" || contacts === null) {
        badArgument(c.resource, c.component, "contacts", contacts, 'give { account: "it@example.com", security: "security@example.com" }');
    }
    checkEmail(c, "contacts.account", contacts.account);
    if (contacts.support !== undefined) checkEmail(c, "contacts.support", contacts.support);
    if (contacts.security !== undefined) checkEmail(c, "contacts.security", contacts.security);
}

function checkWebhook(c: Checker, field: string, webhook: SecurityWebhookArgs, name: string): tailscale.WebhookArgs {
    if (typeof webhook !== "object" || webhook === null) {
        badArgument(c.resource, c.component, field, webhook, 'give { endpointUrl: "https://..." }');
    }
    if (typeof webhook.endpointUrl !== "string") {
        badArgument(c.resource, c.component, `${field}.endpointUrl`, webhook.endpointUrl, "give an https:// URL");
    }
    if (webhook.providerType !== undefined) checkOneOf(c, `${field}.providerType`, webhook.providerType, WEBHOOK_PROVIDER_TYPES);
    const subscriptions = webhook.subscriptions ?? [...SECURITY_WEBHOOK_EVENTS];
    if (!Array.isArray(subscriptions) || subscriptions.length === 0) {
        badArgument(c.resource, c.component, `${field}.subscriptions`, webhook.subscriptions, "give at least one event, or leave it unset for the security events");
    }
    subscriptions.forEach((event, i) => checkOneOf(c, `${field}.subscriptions[${i}]`, event, WEBHOOK_EVENTS));
    const props = { endpointUrl: webhook.endpointUrl, providerType: webhook.providerType, subscriptions };
    // https only: the pack's webhook-https rule decides, here as in the pack.
    refuseRuleViolations(c.resource, `${c.component}: ${field}`, [webhookHttps], { type: TAILSCALE_TYPES.webhook, name, props });
    return props;
}

function checkPostureIntegration(c: Checker, field: string, integration: PostureIntegrationArgs): void {
    if (typeof integration !== "object" || integration === null) {
        badArgument(c.resource, c.component, field, integration, 'give { provider: "intune", clientSecret: config.requireSecret(...) }');
    }
    checkOneOf(c, `${field}.provider`, integration.provider, POSTURE_PROVIDERS);
    const secret = integration.clientSecret;
    if (secret === undefined || isKnown(secret)) {
        // The secret must be set: the pack's posture-integration-secret rule decides (its message never shows the value).
        refuseRuleViolations(c.resource, `${c.component}: ${field}`, [postureIntegrationSecret], {
            type: TAILSCALE_TYPES.postureIntegration,
            name: field,
            props: { clientSecret: secret },
        });
    }
}

function checkDevicePosture(c: Checker, posture: DevicePostureArgs): void {
    if (typeof posture !== "object" || posture === null) {
        badArgument(c.resource, c.component, "devicePosture", posture, 'give { minimumVersion: "1.80" } or leave it unset');
    }
    if (posture.minimumVersion !== undefined && (typeof posture.minimumVersion !== "string" || !TAILSCALE_VERSION_PATTERN.test(posture.minimumVersion))) {
        badArgument(c.resource, c.component, "devicePosture.minimumVersion", posture.minimumVersion, 'give a Tailscale version such as "1.80" or "1.80.2"');
    }
    checkBoolean(c, "devicePosture.requireAutoUpdate", posture.requireAutoUpdate);
    checkBoolean(c, "devicePosture.applyByDefault", posture.applyByDefault);
    if (posture.releaseTrack !== undefined) checkOneOf(c, "devicePosture.releaseTrack", posture.releaseTrack, RELEASE_TRACKS);
}
