import * as pulumi from "@pulumi/pulumi";
import * as tailscale from "@pulumi/tailscale";
import { analyzePolicy, formatLocation, renderPolicy, type PolicyCheckId, type PolicyDocument } from "../acl";
import { inlinePolicyFileName } from "../policies/policyFileFindings";
import { EXTERNAL_TAILNET_ROLES } from "../policies/rules/tailnetExternalTailnets";
import { TAILSCALE_MAX_DEVICE_KEY_DAYS } from "../policies/rules/tailnetKeyExpiry";
import { badArgument, isInteger } from "./errors";

export type ExternalTailnetRole = (typeof EXTERNAL_TAILNET_ROLES)[number];

/**
 * Policy-file problems that Tailscale itself would reject when the file is saved: the component
 * refuses them up front so `pulumi up` never stops half-way. Risky-but-valid rules (allow-all, SSH
 * accept as root, broad tag owners) are left to the policy pack, which reports them.
 */
const REJECTED_POLICY_FINDINGS: readonly PolicyCheckId[] = ["syntax", "undefined-reference"];

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
}

/**
 * The root of a tailnet-guard tailnet: `tailscale.TailnetSettings` with hardened defaults and the policy
 * file (`tailscale.Acl`) rendered from a typed document.
 *
 * ```ts
 * new HardenedTailnet("corp", {
 *     policy: {
 *         groups: { "group:admins": ["alice@example.com"] },
 *         tagOwners: { "tag:server": ["group:admins"] },
 *         grants: [{ src: ["group:admins"], dst: ["tag:server"], ip: ["tcp:22", "tcp:443"] }],
 *     },
 * });
 * ```
 */
export class HardenedTailnet extends pulumi.ComponentResource {
    public readonly settings: tailscale.TailnetSettings;
    public readonly acl: tailscale.Acl;
    /** The rendered policy file (HuJSON), exactly as sent to Tailscale. */
    public readonly policyText: string;

    constructor(name: string, args: HardenedTailnetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tailnet-guard:tailscale:HardenedTailnet", name, {}, opts);
        const component = `HardenedTailnet ${name}`;

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

        this.policyText = renderPolicy(args.policy, { header: args.policyHeader });
        const fileName = inlinePolicyFileName(`${name}-policy`);
        const rejected = analyzePolicy(this.policyText, fileName).filter((f) => REJECTED_POLICY_FINDINGS.includes(f.check));
        if (rejected.length > 0) {
            const details = rejected.map((f) => (f.location ? `${formatLocation(f.location)}: ${f.message}` : f.message)).join("; ");
            throw new pulumi.ResourceError(`${component}: policy would be rejected by Tailscale: ${details}`, this, true);
        }

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

        this.registerOutputs({ policyText: this.policyText, settingsId: this.settings.id, aclId: this.acl.id });
    }
}
