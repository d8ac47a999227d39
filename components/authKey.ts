import * as pulumi from "@pulumi/pulumi";
import * as tailscale from "@pulumi/tailscale";
import { authKeyPreauthorizedUntagged, authKeyReusable } from "../policies/rules";
import { TAILSCALE_TYPES } from "../policies/resourceTypes";
import { badArgument, isInteger, TAG_PATTERN } from "./errors";
import { refuseRuleViolations } from "./ruleGate";

/** Tailscale allows auth keys to live 1 to 90 days (https://tailscale.com/kb/1085/auth-keys). */
const TAILSCALE_MAX_AUTH_KEY_SECONDS = 90 * 24 * 3600;
const DESCRIPTION_PATTERN = /^[A-Za-z0-9 _-]{1,50}$/;

export interface AuthKeyArgs {
    /**
     * Tags applied to every device that joins with this key (e.g. `["tag:server"]`). Required: a tagged
     * device gets only the access the policy file grants its tags, never its creator's. Each tag must be
     * owned in the policy file's `tagOwners`.
     */
    tags: string[];
    /**
     * What the key is for, shown in the admin console (letters, digits, spaces, `-`, `_`; at most 50).
     * Required, so an auditor can tell every live key's purpose.
     */
    description: string;
    /**
     * Key life in seconds. Default 3600 (one hour): long enough to boot a machine with it, short enough
     * that a copy found later is useless. Tailscale accepts up to 90 days; the pack's `auth-key-expiry` rule
     * sets the organisation's limit (7 days by default).
     */
    expirySeconds?: number;
    /**
     * Devices that join with this key are removed when they go offline. Default `false`; set `true` for
     * short-lived workloads (CI runners, autoscaling fleets).
     */
    ephemeral?: boolean;
    /**
     * Let the key join several devices. Default `false` (single use). Allowed only with `ephemeral: true`,
     * so a leaked fleet key cannot enrol permanent devices.
     */
    reusable?: boolean;
    /**
     * Skip device approval for devices joining with this key. Default `false`: an admin approves each
     * device. Set `true` only for automation that cannot wait (the key is always tagged, so the device
     * gets its tag's access and no more).
     */
    preauthorized?: boolean;
}

/**
 * A hardened Tailscale auth key (`tailscale.TailnetKey`): tagged, single-use unless ephemeral, short
 * lived and described. The key is a secret output.
 *
 * ```ts
 * const key = new AuthKey("router-key", { tags: ["tag:router"], description: "subnet router", preauthorized: true });
 * ```
 */
export class AuthKey extends pulumi.ComponentResource {
    /** The key, as a Pulumi secret. Hand it to a machine through a secret store, never user data. */
    public readonly key: pulumi.Output<string>;
    /** The key's ID in the tailnet (not secret). */
    public readonly keyId: pulumi.Output<string>;
    /** The underlying provider resource. */
    public readonly tailnetKey: tailscale.TailnetKey;

    constructor(name: string, args: AuthKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tailnet-guard:tailscale:AuthKey", name, {}, opts);
        const component = `AuthKey ${name}`;

        if (!Array.isArray(args.tags) || args.tags.length === 0) {
            badArgument(this, component, "tags", args.tags, 'give at least one tag, e.g. ["tag:server"], owned in the policy file\'s tagOwners');
        }
        for (const tag of args.tags) {
            if (typeof tag !== "string" || !TAG_PATTERN.test(tag)) {
                badArgument(this, component, "tags", tag, 'each tag is "tag:" then a letter, then letters, digits or dashes (e.g. "tag:web-server")');
            }
        }
        if (typeof args.description !== "string" || !DESCRIPTION_PATTERN.test(args.description)) {
            badArgument(this, component, "description", args.description, "describe the key's purpose in 1 to 50 letters, digits, spaces, '-' or '_'");
        }
        const expiry = args.expirySeconds ?? 3600;
        if (!isInteger(expiry) || expiry < 1 || expiry > TAILSCALE_MAX_AUTH_KEY_SECONDS) {
            badArgument(this, component, "expirySeconds", args.expirySeconds, `give whole seconds from 1 to ${TAILSCALE_MAX_AUTH_KEY_SECONDS} (90 days, Tailscale's limit)`);
        }
        const reusable = args.reusable ?? false;
        if (typeof reusable !== "boolean") {
            badArgument(this, component, "reusable", args.reusable, "give true or false");
        }

        const ephemeral = args.ephemeral ?? false;
        if (typeof ephemeral !== "boolean") {
            badArgument(this, component, "ephemeral", args.ephemeral, "give true or false");
        }
        const preauthorized = args.preauthorized ?? false;
        if (typeof preauthorized !== "boolean") {
            badArgument(this, component, "preauthorized", args.preauthorized, "give true or false");
        }
        const props = { tags: args.tags, description: args.description, expiry, reusable, ephemeral, preauthorized };
        // Reusable-but-durable and pre-authorized-but-untagged keys are refused by the pack's own rules.
        // The expiry limit is the organisation's choice (pack config), so the pack alone enforces it.
        refuseRuleViolations(this, component, [authKeyReusable, authKeyPreauthorizedUntagged], {
            type: TAILSCALE_TYPES.tailnetKey,
            name,
            props,
        });

        this.tailnetKey = new tailscale.TailnetKey(
            name,
            props,
            { parent: this },
        );
        this.key = pulumi.secret(this.tailnetKey.key);
        this.keyId = this.tailnetKey.id;
        this.registerOutputs({ key: this.key, keyId: this.keyId });
    }
}
