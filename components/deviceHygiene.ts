/**
 * Settings of one existing device (R2/R5): authorization, tags, key expiry and approved routes, each
 * through its own provider resource (`DeviceAuthorization`, `DeviceTags`, `DeviceKey`,
 * `DeviceSubnetRoutes`). Look the device up with `tailscale.getDevice` and pass its `nodeId`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as tailscale from "@pulumi/tailscale";
import { deviceTagsValid } from "../policies/rules";
import { TAILSCALE_TYPES } from "../policies/resourceTypes";
import { badArgument } from "./errors";
import { refuseRuleViolations } from "./ruleGate";
import { checkArgsObject, checkBoolean, checkCidr, isKnown, type Checker } from "./validation";

export interface ManagedDeviceArgs {
    /** The device's ID (`tailscale.getDevice(...).nodeId`). Required. */
    deviceId: pulumi.Input<string>;
    /**
     * Approve the device. Unset: approval is left to an admin in the console. `true` records, in code,
     * that this device was reviewed; `false` revokes approval.
     */
    authorized?: boolean;
    /**
     * Tags for the device. Unset: tags are not managed. Tagging a device removes its user identity: it
     * then gets only what the policy file grants its tags.
     */
    tags?: string[];
    /**
     * Turn off node key expiry. Default `false`: the device re-authenticates like every other. Allowed
     * only together with `tags`, for servers that cannot log in interactively; a person's device keeps
     * expiring so leaving the identity provider ends its access (R2).
     */
    keyExpiryDisabled?: boolean;
    /**
     * Subnet routes (and exit-node default routes) the device may serve, approved here. Unset: routes are
     * not managed. Prefer `autoApprovers` for the device's tag (see SubnetRouter.policyFragment).
     */
    routes?: string[];
}

/**
 * The hygiene settings of one device.
 *
 * ```ts
 * const db = tailscale.getDeviceOutput({ hostname: "db-1" });
 * new ManagedDevice("db-1", { deviceId: db.nodeId, authorized: true, tags: ["tag:db"], keyExpiryDisabled: true });
 * ```
 */
export class ManagedDevice extends pulumi.ComponentResource {
    /** The approval, when `authorized` is given. */
    public readonly authorization?: tailscale.DeviceAuthorization;
    /** The tags, when `tags` is given. */
    public readonly deviceTags?: tailscale.DeviceTags;
    /** The key-expiry setting (always managed). */
    public readonly deviceKey: tailscale.DeviceKey;
    /** The approved routes, when `routes` is given. */
    public readonly subnetRoutes?: tailscale.DeviceSubnetRoutes;

    constructor(name: string, args: ManagedDeviceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tailnet-guard:tailscale:ManagedDevice", name, {}, opts);
        const c: Checker = { resource: this, component: `ManagedDevice ${name}` };
        checkArgsObject(c, args, "give { deviceId } with the device's nodeId, plus the settings to manage");
        if (args.deviceId === undefined || (isKnown(args.deviceId) && (typeof args.deviceId !== "string" || args.deviceId === ""))) {
            badArgument(this, c.component, "deviceId", args.deviceId, "give the device's nodeId, e.g. from tailscale.getDeviceOutput({ hostname }).nodeId");
        }
        checkBoolean(c, "authorized", args.authorized);
        checkBoolean(c, "keyExpiryDisabled", args.keyExpiryDisabled);
        if (args.tags !== undefined) {
            // At least one well-formed tag: the pack's device-tags-valid rule decides.
            refuseRuleViolations(this, c.component, [deviceTagsValid], { type: TAILSCALE_TYPES.deviceTags, name: `${name}-tags`, props: { tags: args.tags } });
        }
        if (args.keyExpiryDisabled === true && (args.tags === undefined || args.tags.length === 0)) {
            badArgument(this, c.component, "keyExpiryDisabled", true, "disable key expiry only for a tagged device: give tags too, or leave key expiry on");
        }
        if (args.routes !== undefined) {
            if (!Array.isArray(args.routes)) {
                badArgument(this, c.component, "routes", args.routes, 'give a list of CIDRs, e.g. ["10.0.0.0/16"]');
            }
            args.routes.forEach((route, i) => checkCidr(c, `routes[${i}]`, route, { allowDefaultRoute: true }));
        }

        const parent = { parent: this };
        if (args.authorized !== undefined) {
            this.authorization = new tailscale.DeviceAuthorization(`${name}-authorization`, { deviceId: args.deviceId, authorized: args.authorized }, parent);
        }
        if (args.tags !== undefined) {
            this.deviceTags = new tailscale.DeviceTags(`${name}-tags`, { deviceId: args.deviceId, tags: args.tags }, parent);
        }
        // Always managed, so a key-expiry exemption made in the console is reverted to expiring.
        this.deviceKey = new tailscale.DeviceKey(`${name}-key`, { deviceId: args.deviceId, keyExpiryDisabled: args.keyExpiryDisabled ?? false }, parent);
        if (args.routes !== undefined) {
            this.subnetRoutes = new tailscale.DeviceSubnetRoutes(`${name}-routes`, { deviceId: args.deviceId, routes: args.routes }, parent);
        }
        this.registerOutputs({});
    }
}
