/**
 * A Tailscale subnet router, exit node or app connector on EC2, hardened for the customer's side of
 * the shared responsibility model: OS patched by SSM Patch Manager (R1), Tailscale auto-updating (R3),
 * the auth key in SSM Parameter Store (R2), no inbound port and no SSH (R6).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { APP_CONNECTORS_CAPABILITY, isAppConnectorDomain, type AppConnectorConfig, type TagSelector } from "../../acl";
import { ec2Imdsv2, ec2UserDataAuthKey, ec2VolumesEncrypted } from "../../policies/rules";
import { AWS_TYPES } from "../../policies/resourceTypes";
import { AuthKey } from "../authKey";
import { badArgument } from "../errors";
import type { PolicyFragment } from "../policyFragment";
import { refuseRuleViolations } from "../ruleGate";
import { checkArgsObject, checkBoolean, checkCidr, checkIntegerRange, checkObject, checkOneOf, checkStringList, checkTags, isKnown, type Checker } from "../validation";
import { renderBootScript, ROUTER_MODES, type RouterMode } from "./bootScript";

/** Amazon Linux 2023, resolved by EC2 at launch from AWS's public SSM parameter: always the latest patched AMI. */
export const DEFAULT_ROUTER_AMI = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
/** Tailscale's default WireGuard port. https://tailscale.com/kb/1082/firewall-ports */
export const TAILSCALE_UDP_PORT = 41641;
const SSM_CORE_POLICY = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

/** The app an app connector serves. */
export interface AppConnectorApp {
    /** The app's name in the policy file, e.g. "github": unique among the tailnet's app connector apps. */
    name: string;
    /** Its domains: names such as "github.com" or wildcards such as "*.github.com"; at least one. */
    domains: string[];
}

export interface SubnetRouterArgs {
    /**
     * What the device does: "subnetRouter" (default) advertises `routes`; "exitNode" also offers itself
     * as an exit node; "appConnector" routes the traffic of one app, `app`, by its domains
     * (https://tailscale.com/kb/1281/app-connectors).
     */
    mode?: RouterMode;
    /**
     * The app an "appConnector" serves (required in that mode, refused in the others). The policy
     * fragment adds it to `nodeAttrs` with this router's tags as its only connectors, so no other device
     * can claim its traffic, and with `routes` (if any) as its preconfigured routes.
     */
    app?: AppConnectorApp;
    /**
     * "appConnector" only: also auto-approve the routes the connector discovers from DNS answers, by
     * approving 0.0.0.0/0 and ::/0 for this router's tags as Tailscale's app-connector setup does.
     * Default `false`: only the preconfigured `routes` are approved automatically, and a discovered
     * address waits for an admin's approval, so a DNS answer cannot steer new traffic unreviewed.
     */
    approveDiscoveredRoutes?: boolean;
    /**
     * Tags the router advertises, e.g. `["tag:subnet-router"]`. Required: the router gets only its tags'
     * access, and the policy fragment approves its routes for these tags only.
     */
    tags: TagSelector[];
    /**
     * CIDRs to advertise (required for "subnetRouter"), canonical, no default route (use "exitNode"). For
     * an "appConnector", the app's routes known in advance (optional).
     */
    routes?: string[];
    /** The VPC of the security group. */
    vpcId: pulumi.Input<string>;
    /** Subnets for the instance(s): one for a single router, two or more in different AZs for HA. */
    subnetIds: pulumi.Input<string>[];
    /** EC2 instance type. Default "t3.small" (x86_64, matching the default AMI). */
    instanceType?: pulumi.Input<string>;
    /** AMI. Default DEFAULT_ROUTER_AMI (latest Amazon Linux 2023, which the boot script targets). */
    ami?: pulumi.Input<string>;
    /**
     * Open UDP 41641 inbound so peers connect directly instead of through a relay. Default `false`: the
     * security group has no inbound rule at all; Tailscale works through NAT without one.
     */
    allowDirectConnections?: boolean;
    /**
     * Run two routers in an Auto Scaling group (one per subnet) with an ephemeral, reusable fleet key, so
     * routes survive an instance's loss. Default `false`: one instance with a single-use key.
     */
    highAvailability?: boolean;
    /** Life of the auth key in seconds. Default 3600 (one day for HA, whose instances may be replaced). */
    authKeyExpirySeconds?: number;
    /** KMS key for the auth-key parameter and the root volume. Default: the AWS managed keys (aws/ssm, aws/ebs). */
    kmsKeyId?: pulumi.Input<string>;
    /**
     * Days after release before Patch Manager approves a security update, 0 to 30. Default 3: a short
     * window to catch a broken update, then the OS is patched (R1).
     */
    patchApproveAfterDays?: number;
    /** When Patch Manager installs approved patches (an SSM cron or rate expression). Default daily at 03:00 UTC. */
    patchSchedule?: string;
}

const APP_FIX = 'give { name: "github", domains: ["github.com", "*.github.com"] }';

/** Checks `app` and `approveDiscoveredRoutes` against the mode; returns the app for "appConnector". */
function checkAppConnector(c: Checker, mode: RouterMode, app: unknown, approveDiscoveredRoutes: unknown): AppConnectorApp | undefined {
    checkBoolean(c, "approveDiscoveredRoutes", approveDiscoveredRoutes);
    if (mode !== "appConnector") {
        if (app !== undefined) badArgument(c.resource, c.component, "app", app, 'set mode: "appConnector" to serve an app, or leave app out');
        if (approveDiscoveredRoutes !== undefined) {
            badArgument(c.resource, c.component, "approveDiscoveredRoutes", approveDiscoveredRoutes, 'only an app connector discovers routes: set mode: "appConnector" or leave it out');
        }
        return undefined;
    }
    if (app === undefined) badArgument(c.resource, c.component, "app", app, `an app connector serves one app: ${APP_FIX}`);
    checkObject(c, "app", app, APP_FIX);
    if (typeof app.name !== "string" || app.name.trim() === "" || app.name !== app.name.trim()) {
        badArgument(c.resource, c.component, "app.name", app.name, 'name the app, e.g. "github" (no leading or trailing spaces)');
    }
    checkStringList(c, "app.domains", app.domains, APP_FIX);
    if (app.domains.length === 0) badArgument(c.resource, c.component, "app.domains", app.domains, `list the app's domains: ${APP_FIX}`);
    app.domains.forEach((domain, i) => {
        if (!isAppConnectorDomain(domain)) {
            badArgument(c.resource, c.component, `app.domains[${i}]`, domain, 'give a fully qualified name such as "github.com", or a wildcard such as "*.github.com"');
        }
    });
    return { name: app.name, domains: [...app.domains] };
}

/** Approving these for a connector's tags approves any address it discovers (IPv4 and IPv6). */
const DISCOVERED_ROUTES = ["0.0.0.0/0", "::/0"] as const;

/**
 * What the router adds to the policy: approval of its own routes for its tags; for an exit node, exit-node
 * approval; for an app connector, its app in nodeAttrs with these tags as the only connectors (and, when
 * asked, approval of the routes it discovers).
 */
function routerPolicyFragment(
    source: string,
    mode: RouterMode,
    tags: readonly TagSelector[],
    routes: readonly string[],
    app: AppConnectorApp | undefined,
    approveDiscoveredRoutes: boolean,
): PolicyFragment {
    const approved = [...routes, ...(app !== undefined && approveDiscoveredRoutes ? DISCOVERED_ROUTES : [])];
    const fragment: PolicyFragment = {
        source,
        autoApprovers: {
            ...(approved.length > 0 ? { routes: Object.fromEntries(approved.map((route) => [route, [...tags]])) } : {}),
            ...(mode === "exitNode" ? { exitNode: [...tags] } : {}),
        },
    };
    if (app !== undefined) {
        const config: AppConnectorConfig = { name: app.name, connectors: [...tags], domains: [...app.domains], ...(routes.length > 0 ? { routes: [...routes] } : {}) };
        // Every device must know the app's domains to send their traffic to a connector, hence target "*".
        fragment.nodeAttrs = [{ target: ["*"], app: { [APP_CONNECTORS_CAPABILITY]: [config] } }];
    }
    return fragment;
}

/**
 * A Tailscale subnet router on EC2: IMDSv2 only (hop limit 1), encrypted root volume, a security group
 * with no inbound rule, SSM Session Manager instead of SSH, SSM Patch Manager for the OS, Tailscale from
 * the official repository with auto-updates, and the auth key read at boot from an SSM SecureString
 * that only this router's role may read. `policyFragment` approves its routes for its own tags.
 *
 * ```ts
 * const router = new SubnetRouter("office", {
 *     tags: ["tag:subnet-router"], routes: ["10.0.0.0/16"], vpcId: vpc.id, subnetIds: [subnet.id],
 * });
 * new HardenedTailnet("corp", { policy, policyFragments: [router.policyFragment] });
 * ```
 * As an app connector: `{ mode: "appConnector", tags: ["tag:github-connector"], app: { name: "github",
 * domains: ["github.com", "*.github.com"] }, vpcId, subnetIds }`; its fragment carries the app.
 */
export class SubnetRouter extends pulumi.ComponentResource {
    /**
     * Route and exit-node auto-approvals for this router's tags only, and an app connector's app; give it
     * to HardenedTailnet.policyFragments.
     */
    public readonly policyFragment: PolicyFragment;
    /** The router's auth key (tagged; single-use, or ephemeral-reusable for HA). */
    public readonly authKey: AuthKey;
    /** The SecureString parameter holding the auth key. */
    public readonly authKeyParameter: aws.ssm.Parameter;
    /** The router's security group: no inbound rule (UDP 41641 only with allowDirectConnections). */
    public readonly securityGroup: aws.ec2.SecurityGroup;
    /** The instance role: SSM management plus reading its own auth-key parameter. */
    public readonly role: aws.iam.Role;
    /** The instance profile of `role`. */
    public readonly instanceProfile: aws.iam.InstanceProfile;
    /** The instance (single mode). */
    public readonly instance?: aws.ec2.Instance;
    /** The launch template and group (HA mode). */
    public readonly launchTemplate?: aws.ec2.LaunchTemplate;
    public readonly autoScalingGroup?: aws.autoscaling.Group;
    /** The Patch Manager baseline approving security and bug-fix updates (R1). */
    public readonly patchBaseline: aws.ssm.PatchBaseline;
    /** The scheduled AWS-RunPatchBaseline Install run on the router's patch group. */
    public readonly patchAssociation: aws.ssm.Association;
    /** The boot script (contains no secret). */
    public readonly userData: string;

    constructor(name: string, args: SubnetRouterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tailnet-guard:aws:SubnetRouter", name, {}, opts);
        const c: Checker = { resource: this, component: `SubnetRouter ${name}` };
        checkArgsObject(c, args, 'give { tags: ["tag:router"], routes: ["10.0.0.0/16"], vpcId, subnetIds }');

        // The name becomes the SSM parameter path and the Tailscale hostname.
        if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(name)) {
            badArgument(this, c.component, "name", name, "use letters, digits and dashes (at most 63), starting with a letter or digit: it becomes the device's hostname");
        }
        const mode = args.mode ?? "subnetRouter";
        checkOneOf(c, "mode", mode, ROUTER_MODES);
        checkTags(c, "tags", args.tags, { required: true });
        const routes = args.routes ?? [];
        if (!Array.isArray(routes)) badArgument(this, c.component, "routes", args.routes, 'give a list of CIDRs, e.g. ["10.0.0.0/16"]');
        if (mode === "subnetRouter" && routes.length === 0) {
            badArgument(this, c.component, "routes", args.routes, 'a subnet router needs routes to advertise, e.g. ["10.0.0.0/16"]');
        }
        routes.forEach((route, i) => checkCidr(c, `routes[${i}]`, route, { allowDefaultRoute: false }));
        const app = checkAppConnector(c, mode, args.app, args.approveDiscoveredRoutes);
        checkBoolean(c, "allowDirectConnections", args.allowDirectConnections);
        checkBoolean(c, "highAvailability", args.highAvailability);
        const ha = args.highAvailability ?? false;
        if (!Array.isArray(args.subnetIds) || args.subnetIds.length === 0) {
            badArgument(this, c.component, "subnetIds", args.subnetIds, "give the subnet(s) for the router");
        }
        if (ha && args.subnetIds.length < 2) {
            badArgument(this, c.component, "subnetIds", `${args.subnetIds.length} subnet`, "give two or more subnets in different availability zones for high availability");
        }
        if (args.vpcId === undefined || (isKnown(args.vpcId) && (typeof args.vpcId !== "string" || args.vpcId === ""))) {
            badArgument(this, c.component, "vpcId", args.vpcId, "give the VPC ID of the subnets");
        }
        const approveAfterDays = args.patchApproveAfterDays ?? 3;
        checkIntegerRange(c, "patchApproveAfterDays", approveAfterDays, 0, 30, "days");
        const patchSchedule = args.patchSchedule ?? "cron(0 3 * * ? *)";
        if (typeof patchSchedule !== "string" || !/^(cron|rate)\(.+\)$/.test(patchSchedule)) {
            badArgument(this, c.component, "patchSchedule", args.patchSchedule, 'give an SSM schedule such as "cron(0 3 * * ? *)" or "rate(1 day)"');
        }

        const parameterName = `/tailnet-guard/${name}/auth-key`;
        this.userData = renderBootScript({ authKeyParameterName: parameterName, tags: args.tags, routes, mode, hostname: name });
        const metadataOptions = { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" };
        const rootBlockDevice = { encrypted: true, kmsKeyId: args.kmsKeyId, volumeType: "gp3", deleteOnTermination: true };
        // The pack's own checks (no auth key in user data, IMDSv2, encrypted volumes) on what this component registers.
        refuseRuleViolations(this, c.component, [ec2UserDataAuthKey, ec2Imdsv2, ec2VolumesEncrypted], {
            type: AWS_TYPES.instance,
            name,
            props: { userData: this.userData, metadataOptions, rootBlockDevice },
        });

        const keyArgs = {
            tags: args.tags,
            description: `${mode} ${name}`.replace(/[^A-Za-z0-9 _-]/g, "-").slice(0, 50),
            expirySeconds: args.authKeyExpirySeconds,
        };
        // Constructs (and so validates) the key before any AWS resource is registered.
        this.authKey = ha ? AuthKey.ephemeralFleet(`${name}-key`, keyArgs, { parent: this }) : AuthKey.server(`${name}-key`, keyArgs, { parent: this });

        this.policyFragment = routerPolicyFragment(c.component, mode, args.tags, routes, app, args.approveDiscoveredRoutes ?? false);

        const parent = { parent: this };
        this.authKeyParameter = new aws.ssm.Parameter(
            `${name}-auth-key`,
            {
                name: parameterName,
                type: "SecureString",
                value: this.authKey.key,
                keyId: args.kmsKeyId,
                description: `Tailscale auth key of ${name}, read once at boot`,
            },
            { ...parent, additionalSecretOutputs: ["value"] },
        );

        this.role = new aws.iam.Role(
            `${name}-role`,
            {
                description: `Tailscale router ${name}: SSM management and its own auth key only`,
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
                }),
            },
            parent,
        );
        const ssmCore = new aws.iam.RolePolicyAttachment(`${name}-ssm-core`, { role: this.role.name, policyArn: SSM_CORE_POLICY }, parent);
        const readAuthKey = new aws.iam.RolePolicy(
            `${name}-read-auth-key`,
            {
                role: this.role.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Sid: "ReadOwnAuthKey", Effect: "Allow", Action: "ssm:GetParameter", Resource: this.authKeyParameter.arn },
                        ...(args.kmsKeyId !== undefined ? [{ Sid: "DecryptOwnAuthKey", Effect: "Allow", Action: "kms:Decrypt", Resource: args.kmsKeyId }] : []),
                    ],
                }),
            },
            parent,
        );
        this.instanceProfile = new aws.iam.InstanceProfile(`${name}-profile`, { role: this.role.name }, parent);

        this.securityGroup = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            {
                vpcId: args.vpcId,
                description: `Tailscale router ${name}: no inbound${args.allowDirectConnections ? " except WireGuard UDP" : ""}`,
                ingress: args.allowDirectConnections
                    ? [{ protocol: "udp", fromPort: TAILSCALE_UDP_PORT, toPort: TAILSCALE_UDP_PORT, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], description: "Tailscale direct connections" }]
                    : [],
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], description: "Tailscale coordination, relays, packages, SSM, routed traffic" }],
            },
            parent,
        );

        const patchGroup = `tailnet-guard-${name}`;
        const instanceTags = { Name: name, "Patch Group": patchGroup };
        const ami = args.ami ?? DEFAULT_ROUTER_AMI;
        const instanceType = args.instanceType ?? "t3.small";
        // The boot script reads the parameter at once: the parameter and the role's permissions must exist first.
        const dependsOn = [this.authKeyParameter, readAuthKey, ssmCore];

        if (!ha) {
            this.instance = new aws.ec2.Instance(
                name,
                {
                    ami,
                    instanceType,
                    subnetId: args.subnetIds[0],
                    vpcSecurityGroupIds: [this.securityGroup.id],
                    iamInstanceProfile: this.instanceProfile.name,
                    metadataOptions,
                    rootBlockDevice,
                    userData: this.userData,
                    userDataReplaceOnChange: true,
                    monitoring: true,
                    tags: instanceTags,
                },
                { ...parent, dependsOn },
            );
        } else {
            this.launchTemplate = new aws.ec2.LaunchTemplate(
                `${name}-lt`,
                {
                    imageId: ami,
                    instanceType,
                    vpcSecurityGroupIds: [this.securityGroup.id],
                    iamInstanceProfile: { arn: this.instanceProfile.arn },
                    metadataOptions,
                    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: args.kmsKeyId, volumeType: "gp3", deleteOnTermination: "true" } }],
                    userData: Buffer.from(this.userData, "utf8").toString("base64"),
                    monitoring: { enabled: true },
                    tagSpecifications: [{ resourceType: "instance", tags: instanceTags }],
                    updateDefaultVersion: true,
                },
                { ...parent, dependsOn },
            );
            this.autoScalingGroup = new aws.autoscaling.Group(
                `${name}-asg`,
                {
                    minSize: 2,
                    maxSize: 2,
                    desiredCapacity: 2,
                    vpcZoneIdentifiers: args.subnetIds,
                    launchTemplate: { id: this.launchTemplate.id, version: "$Latest" },
                    healthCheckType: "EC2",
                    instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 50 } },
                },
                parent,
            );
        }

        this.patchBaseline = new aws.ssm.PatchBaseline(
            `${name}-patch-baseline`,
            {
                description: `Security and bug-fix updates for Tailscale router ${name}`,
                operatingSystem: "AMAZON_LINUX_2023",
                approvalRules: [
                    {
                        approveAfterDays: approveAfterDays,
                        complianceLevel: "CRITICAL",
                        patchFilters: [
                            { key: "CLASSIFICATION", values: ["Security", "Bugfix"] },
                            { key: "SEVERITY", values: ["Critical", "Important", "Medium", "Low", "None"] },
                        ],
                    },
                ],
            },
            parent,
        );
        new aws.ssm.PatchGroup(`${name}-patch-group`, { baselineId: this.patchBaseline.id, patchGroup }, parent);
        this.patchAssociation = new aws.ssm.Association(
            `${name}-patching`,
            {
                name: "AWS-RunPatchBaseline",
                scheduleExpression: patchSchedule,
                parameters: { Operation: "Install", RebootOption: "RebootIfNeeded" },
                targets: [{ key: "tag:Patch Group", values: [patchGroup] }],
                complianceSeverity: "CRITICAL",
            },
            parent,
        );

        this.registerOutputs({ userData: this.userData, authKeyParameterName: parameterName });
    }
}
