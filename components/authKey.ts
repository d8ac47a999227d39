import * as pulumi from "@pulumi/pulumi";
import * as tailscale from "@pulumi/tailscale";
import { authKeyPreauthorizedUntagged, authKeyReusable } from "../policies/rules";
import { TAILSCALE_TYPES } from "../policies/resourceTypes";
import { badArgument } from "./errors";
import { refuseRuleViolations } from "./ruleGate";
import { checkArgsObject, checkBoolean, checkDescription, checkIntegerRange, checkOneOf, checkTags, type Checker } from "./validation";

/** Tailscale allows auth keys to live 1 to 90 days (https://tailscale.com/kb/1085/auth-keys). */
export const TAILSCALE_MAX_AUTH_KEY_SECONDS = 90 * 24 * 3600;

/**
 * Ready-made key shapes (https://tailscale.com/kb/1085/auth-keys):
 * - `server`: a tagged, pre-authorized, single-use key with a one-hour life, for one machine that
 *   boots unattended.
 * - `ephemeralFleet`: a tagged, pre-authorized, reusable key whose devices are ephemeral (removed when
 *   they go offline), for autoscaling groups and CI runners; one day of life by default.
 * - `userDevice`: a single-use key that is NOT pre-authorized, so an admin still approves the device;
 *   tags are optional (an untagged device belongs to the key's creator).
 */
export const AUTH_KEY_PRESETS = ["server", "ephemeralFleet", "userDevice"] as const;
export type AuthKeyPreset = (typeof AUTH_KEY_PRESETS)[number];

interface PresetDefaults {
    preauthorized: boolean;
    reusable: boolean;
    ephemeral: boolean;
    expirySeconds: number;
    tagsRequired: boolean;
}

const PRESET_DEFAULTS: Readonly<Record<AuthKeyPreset | "none", PresetDefaults>> = {
    none: { preauthorized: false, reusable: false, ephemeral: false, expirySeconds: 3600, tagsRequired: true },
    server: { preauthorized: true, reusable: false, ephemeral: false, expirySeconds: 3600, tagsRequired: true },
    ephemeralFleet: { preauthorized: true, reusable: true, ephemeral: true, expirySeconds: 24 * 3600, tagsRequired: true },
    userDevice: { preauthorized: false, reusable: false, ephemeral: false, expirySeconds: 3600, tagsRequired: false },
};

export interface AuthKeyArgs {
    /**
     * A ready-made key shape: "server", "ephemeralFleet" or "userDevice" (see AUTH_KEY_PRESETS). Unset:
     * a tagged, single-use, one-hour key that is not pre-authorized. Explicit fields below override the
     * preset's defaults, within the same limits.
     */
    preset?: AuthKeyPreset;
    /**
     * Tags applied to every device that joins with this key (e.g. `["tag:server"]`). Required (except for
     * the "userDevice" preset): a tagged device gets only the access the policy file grants its tags,
     * never its creator's. Each tag must be owned in the policy file's `tagOwners`.
     */
    tags?: string[];
    /**
     * What the key is for, shown in the admin console (letters, digits, spaces, `-`, `_`; at most 50).
     * Required, so an auditor can tell every live key's purpose.
     */
    description: string;
    /**
     * Key life in seconds. Default 3600 (one hour; one day for "ephemeralFleet"): long enough to boot a
     * machine with it, short enough that a copy found later is useless. Tailscale accepts up to 90 days;
     * the pack's `auth-key-expiry` rule sets the organisation's limit (7 days by default).
     */
    expirySeconds?: number;
    /**
     * Devices that join with this key are removed when they go offline. Default `false` (`true` for
     * "ephemeralFleet"); set `true` for short-lived workloads (CI runners, autoscaling fleets).
     */
    ephemeral?: boolean;
    /**
     * Let the key join several devices. Default `false` (single use; `true` for "ephemeralFleet").
     * Allowed only with `ephemeral: true`, so a leaked fleet key cannot enrol permanent devices.
     */
    reusable?: boolean;
    /**
     * Skip device approval for devices joining with this key. Default `false` (`true` for "server" and
     * "ephemeralFleet"): an admin approves each device. Allowed only on a tagged key, so the device gets
     * its tag's access and no more.
     */
    preauthorized?: boolean;
}

/** The arguments of a preset helper: the preset's own field is implied. */
export type AuthKeyPresetArgs = Omit<AuthKeyArgs, "preset">;

/**
 * A hardened Tailscale auth key (`tailscale.TailnetKey`): tagged, single-use unless ephemeral, short
 * lived and described. The key is a secret output.
 *
 * ```ts
 * const key = AuthKey.server("router-key", { tags: ["tag:router"], description: "subnet router" });
 * ```
 */
export class AuthKey extends pulumi.ComponentResource {
    /** The key, as a Pulumi secret. Hand it to a machine through a secret store, never user data. */
    public readonly key: pulumi.Output<string>;
    /** The key's ID in the tailnet (not secret). */
    public readonly keyId: pulumi.Output<string>;
    /** The tags the key applies (empty for an untagged "userDevice" key). */
    public readonly tags: readonly string[];
    /** The underlying provider resource. */
    public readonly tailnetKey: tailscale.TailnetKey;

    /** A tagged, pre-authorized, single-use, one-hour key for one unattended server. */
    static server(name: string, args: AuthKeyPresetArgs, opts?: pulumi.ComponentResourceOptions): AuthKey {
        return new AuthKey(name, { ...args, preset: "server" }, opts);
    }

    /** A tagged, pre-authorized, reusable key whose devices are ephemeral: for autoscaling fleets and CI. */
    static ephemeralFleet(name: string, args: AuthKeyPresetArgs, opts?: pulumi.ComponentResourceOptions): AuthKey {
        return new AuthKey(name, { ...args, preset: "ephemeralFleet" }, opts);
    }

    /** A single-use key that still needs an admin's approval of the device. */
    static userDevice(name: string, args: AuthKeyPresetArgs, opts?: pulumi.ComponentResourceOptions): AuthKey {
        return new AuthKey(name, { ...args, preset: "userDevice" }, opts);
    }

    constructor(name: string, args: AuthKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tailnet-guard:tailscale:AuthKey", name, {}, opts);
        const c: Checker = { resource: this, component: `AuthKey ${name}` };
        checkArgsObject(c, args, 'give { tags: ["tag:server"], description: "what the key is for" }');

        if (args.preset !== undefined) {
            checkOneOf(c, "preset", args.preset, AUTH_KEY_PRESETS);
        }
        const defaults = PRESET_DEFAULTS[args.preset ?? "none"];
        checkTags(c, "tags", args.tags, { required: defaults.tagsRequired });
        checkDescription(c, "description", args.description);
        const expiry = args.expirySeconds ?? defaults.expirySeconds;
        checkIntegerRange(c, "expirySeconds", expiry, 1, TAILSCALE_MAX_AUTH_KEY_SECONDS, "seconds (at most 90 days, Tailscale's limit)");
        checkBoolean(c, "reusable", args.reusable);
        checkBoolean(c, "ephemeral", args.ephemeral);
        checkBoolean(c, "preauthorized", args.preauthorized);
        const reusable = args.reusable ?? defaults.reusable;
        const ephemeral = args.ephemeral ?? defaults.ephemeral;
        const preauthorized = args.preauthorized ?? defaults.preauthorized;
        if (args.preset === "userDevice" && preauthorized) {
            badArgument(this, c.component, "preauthorized", args.preauthorized, 'a "userDevice" key is never pre-authorized: an admin approves the device; use the "server" preset for unattended machines');
        }
        const tags = args.tags ?? [];
        const props = { tags, description: args.description, expiry, reusable, ephemeral, preauthorized };
        // Reusable-but-durable and pre-authorized-but-untagged keys are refused by the pack's own rules.
        // The expiry limit is the organisation's choice (pack config), so the pack alone enforces it.
        refuseRuleViolations(this, c.component, [authKeyReusable, authKeyPreauthorizedUntagged], {
            type: TAILSCALE_TYPES.tailnetKey,
            name,
            props,
        });

        this.tags = [...tags];
        this.tailnetKey = new tailscale.TailnetKey(name, props, { parent: this, additionalSecretOutputs: ["key"] });
        this.key = pulumi.secret(this.tailnetKey.key);
        this.keyId = this.tailnetKey.id;
        this.registerOutputs({ key: this.key, keyId: this.keyId });
    }
}
