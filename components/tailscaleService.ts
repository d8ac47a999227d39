/**
 * A Tailscale Service (`tailscale.Service`): a named virtual address that tagged hosts serve, reached
 * through grants to the service (R5). https://tailscale.com/kb/1552/tailscale-services
 */
import * as pulumi from "@pulumi/pulumi";
import * as tailscale from "@pulumi/tailscale";
import type { TagSelector } from "../acl";
import { badArgument } from "./errors";
import type { PolicyFragment } from "./policyFragment";
import { checkArgsObject, checkTags, type Checker } from "./validation";

/** "svc:" then a DNS label: lowercase letters, digits and dashes. */
export const SERVICE_NAME_PATTERN = /^svc:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** "tcp:443" or a range "tcp:8000-8010" (TCP is the only protocol Services support). */
const SERVICE_PORT_PATTERN = /^tcp:(\d{1,5})(?:-(\d{1,5}))?$/;

export interface TailscaleServiceArgs {
    /** The service name, "svc:" then a DNS label, e.g. "svc:grafana". */
    serviceName: string;
    /** TCP ports the service exposes, e.g. `["tcp:443"]`. Required: a service exposes only what it names. */
    ports: string[];
    /**
     * The tag of the devices that host the service (e.g. "tag:grafana-host"). Required: the policy
     * fragment auto-approves this tag, and only this tag, as a host of the service.
     */
    hostTag: TagSelector;
    /** ACL tags applied to the service itself, used as `dst` in grants. Default none. */
    tags?: string[];
    /** What the service is, shown in the admin console. */
    comment?: string;
}

/**
 * A Tailscale Service with validated name and ports, and the `autoApprovers.services` fragment that
 * lets exactly its host tag advertise it. Pass `policyFragment` to `HardenedTailnet.policyFragments`.
 *
 * ```ts
 * const grafana = new TailscaleService("grafana", { serviceName: "svc:grafana", ports: ["tcp:443"], hostTag: "tag:monitoring" });
 * new HardenedTailnet("corp", { policy, policyFragments: [grafana.policyFragment] });
 * ```
 */
export class TailscaleService extends pulumi.ComponentResource {
    /** The service's tailnet addresses (assigned by Tailscale). */
    public readonly addresses: pulumi.Output<string[]>;
    /** `autoApprovers.services` for this service and its host tag only. */
    public readonly policyFragment: PolicyFragment;
    /** The underlying provider resource. */
    public readonly service: tailscale.Service;

    constructor(name: string, args: TailscaleServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tailnet-guard:tailscale:TailscaleService", name, {}, opts);
        const c: Checker = { resource: this, component: `TailscaleService ${name}` };
        checkArgsObject(c, args, 'give { serviceName: "svc:grafana", ports: ["tcp:443"], hostTag: "tag:monitoring" }');
        if (typeof args.serviceName !== "string" || !SERVICE_NAME_PATTERN.test(args.serviceName)) {
            badArgument(this, c.component, "serviceName", args.serviceName, 'give "svc:" then lowercase letters, digits or dashes, e.g. "svc:grafana"');
        }
        if (!Array.isArray(args.ports) || args.ports.length === 0) {
            badArgument(this, c.component, "ports", args.ports, 'name the ports the service exposes, e.g. ["tcp:443"]');
        }
        for (const port of args.ports) {
            const match = typeof port === "string" ? SERVICE_PORT_PATTERN.exec(port) : null;
            const low = match ? Number(match[1]) : 0;
            const high = match && match[2] !== undefined ? Number(match[2]) : low;
            if (!match || low < 1 || high > 65535 || high < low) {
                badArgument(this, c.component, "ports", port, 'give "tcp:<port>" or "tcp:<low>-<high>" with ports from 1 to 65535 (Services carry TCP only)');
            }
        }
        checkTags(c, "hostTag", [args.hostTag], { required: true });
        checkTags(c, "tags", args.tags, { required: false });

        this.service = new tailscale.Service(
            name,
            { name: args.serviceName, ports: args.ports, tags: args.tags, comment: args.comment },
            { parent: this },
        );
        this.addresses = this.service.addrs;
        this.policyFragment = {
            source: c.component,
            autoApprovers: { services: { [args.serviceName]: [args.hostTag] } },
        };
        this.registerOutputs({ addresses: this.addresses });
    }
}
