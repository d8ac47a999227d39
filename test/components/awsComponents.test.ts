import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { childrenNamed, expectRefused, findOne, installMocks, isSecretInput, settle, valueOf, type Registration } from "./harness";

const A = {
    instance: "aws:ec2/instance:Instance",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    param: "aws:ssm/parameter:Parameter",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    role: "aws:iam/role:Role",
    attach: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    baseline: "aws:ssm/patchBaseline:PatchBaseline",
    association: "aws:ssm/association:Association",
    lt: "aws:ec2/launchTemplate:LaunchTemplate",
    asg: "aws:autoscaling/group:Group",
    key: "tailscale:index/tailnetKey:TailnetKey",
};

const base = { tags: ["tag:router" as const], routes: ["10.0.0.0/16"], vpcId: "vpc-1", subnetIds: ["subnet-1"] };

describe("components: SubnetRouter", () => {
    let registrations: Registration[];
    let mod: typeof import("../../components/aws/subnetRouter");

    before(async () => {
        registrations = await installMocks();
        mod = require("../../components/aws/subnetRouter");
    });

    it("hardens the instance: IMDSv2 with hop limit 1, encrypted root volume, SSM profile, patch tag", async () => {
        new mod.SubnetRouter("r1", base);
        await settle();
        const instance = findOne(registrations, A.instance, "r1").inputs;
        assert.deepStrictEqual(instance.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" });
        assert.strictEqual(instance.rootBlockDevice.encrypted, true);
        assert.strictEqual(instance.ami, mod.DEFAULT_ROUTER_AMI);
        assert.strictEqual(instance.keyName, undefined, "no SSH key pair");
        assert.deepStrictEqual(instance.tags, { Name: "r1", "Patch Group": "tailnet-guard-r1" });
        assert.strictEqual(findOne(registrations, A.attach, "r1-ssm-core").inputs.policyArn, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
    });

    it("has a security group with no inbound rule by default, and only UDP 41641 when asked", async () => {
        new mod.SubnetRouter("r2", { ...base, allowDirectConnections: true });
        await settle();
        assert.deepStrictEqual(findOne(registrations, A.sg, "r1-sg").inputs.ingress, []);
        const ingress = findOne(registrations, A.sg, "r2-sg").inputs.ingress;
        assert.deepStrictEqual(ingress.map((r: Record<string, unknown>) => [r.protocol, r.fromPort, r.toPort]), [["udp", 41641, 41641]]);
    });

    it("keeps the auth key in an SSM SecureString the role alone may read, never in user data", async () => {
        const r3 = new mod.SubnetRouter("r3", base);
        await settle();
        const param = findOne(registrations, A.param, "r3-auth-key").inputs;
        assert.deepStrictEqual([param.type, param.name], ["SecureString", "/tailnet-guard/r3/auth-key"]);
        assert.strictEqual(isSecretInput(param.value), true);
        assert.strictEqual(await pulumi.isSecret(r3.authKeyParameter.value), true);
        const policy = JSON.parse(findOne(registrations, A.rolePolicy, "r3-read-auth-key").inputs.policy);
        assert.deepStrictEqual(policy.Statement, [{ Sid: "ReadOwnAuthKey", Effect: "Allow", Action: "ssm:GetParameter", Resource: "arn:aws:ssm:us-east-1:123456789012:parameter/p" }]);
        const userData: string = findOne(registrations, A.instance, "r3").inputs.userData;
        assert.ok(!/tskey-/.test(userData));
        assert.ok(userData.includes("aws ssm get-parameter --region \"$REGION\" --name '/tailnet-guard/r3/auth-key' --with-decryption"));
        assert.ok(userData.includes("X-aws-ec2-metadata-token"), "IMDSv2 token");
        assert.ok(userData.indexOf("set +x") < userData.indexOf("tailscale up"));
        assert.ok(userData.includes("https://pkgs.tailscale.com/stable/amazon-linux/2023/tailscale.repo"));
        assert.ok(userData.includes("tailscale set --auto-update=true"));
        assert.ok(userData.includes("--advertise-tags='tag:router'") && userData.includes("--advertise-routes='10.0.0.0/16'"));
        // A single router gets a single-use, pre-authorized, tagged key.
        const key = findOne(registrations, A.key, "r3-key").inputs;
        assert.deepStrictEqual([key.reusable, key.ephemeral, key.preauthorized, key.tags], [false, false, true, ["tag:router"]]);
    });

    it("patches the OS with an SSM patch baseline and a scheduled Install association", async () => {
        new mod.SubnetRouter("r7", base);
        new mod.SubnetRouter("r8", { ...base, patchApproveAfterDays: 0, patchSchedule: "rate(7 days)" });
        await settle();
        const baseline = findOne(registrations, A.baseline, "r7-patch-baseline").inputs;
        assert.strictEqual(baseline.operatingSystem, "AMAZON_LINUX_2023");
        assert.strictEqual(baseline.approvalRules[0].approveAfterDays, 3);
        const association = findOne(registrations, A.association, "r7-patching").inputs;
        assert.deepStrictEqual(
            [association.name, association.parameters.Operation, association.scheduleExpression, association.targets],
            ["AWS-RunPatchBaseline", "Install", "cron(0 3 * * ? *)", [{ key: "tag:Patch Group", values: ["tailnet-guard-r7"] }]],
        );
        // Explicit loosening (or tightening) is honoured.
        assert.strictEqual(findOne(registrations, A.baseline, "r8-patch-baseline").inputs.approvalRules[0].approveAfterDays, 0);
        assert.strictEqual(findOne(registrations, A.association, "r8-patching").inputs.scheduleExpression, "rate(7 days)");
    });

    it("approves its routes (and exit node) for its own tags only", async () => {
        const exit = new mod.SubnetRouter("r4", { ...base, mode: "exitNode", routes: [] });
        const r5 = new mod.SubnetRouter("r5", { ...base, routes: ["10.0.0.0/16", "fd00::/64"] });
        await settle();
        assert.deepStrictEqual(exit.policyFragment.autoApprovers, { exitNode: ["tag:router"] });
        assert.deepStrictEqual(r5.policyFragment.autoApprovers, { routes: { "10.0.0.0/16": ["tag:router"], "fd00::/64": ["tag:router"] } });
        assert.ok(findOne(registrations, A.instance, "r4").inputs.userData.includes("--advertise-exit-node"));
    });

    it("as an app connector, puts its app in nodeAttrs with its own tags as the only connectors", async () => {
        const app = { name: "github", domains: ["github.com", "*.github.com"] };
        const plain = new mod.SubnetRouter("ac1", { ...base, mode: "appConnector", routes: [], app });
        const preset = new mod.SubnetRouter("ac2", { ...base, mode: "appConnector", routes: ["192.0.2.0/24"], app: { name: "crm", domains: ["crm.example.com"] } });
        const discovering = new mod.SubnetRouter("ac3", { ...base, mode: "appConnector", routes: [], app: { name: "wiki", domains: ["wiki.example.com"] }, approveDiscoveredRoutes: true });
        await settle();
        assert.deepStrictEqual(plain.policyFragment.nodeAttrs, [
            { target: ["*"], app: { "tailscale.com/app-connectors": [{ name: "github", connectors: ["tag:router"], domains: ["github.com", "*.github.com"] }] } },
        ]);
        // Nothing is auto-approved unless asked: a discovered address waits for an admin.
        assert.deepStrictEqual(plain.policyFragment.autoApprovers, {});
        assert.deepStrictEqual(preset.policyFragment.nodeAttrs?.[0].app?.["tailscale.com/app-connectors"], [
            { name: "crm", connectors: ["tag:router"], domains: ["crm.example.com"], routes: ["192.0.2.0/24"] },
        ]);
        assert.deepStrictEqual(preset.policyFragment.autoApprovers, { routes: { "192.0.2.0/24": ["tag:router"] } });
        assert.deepStrictEqual(discovering.policyFragment.autoApprovers, { routes: { "0.0.0.0/0": ["tag:router"], "::/0": ["tag:router"] } });
        const userData: string = findOne(registrations, A.instance, "ac1").inputs.userData;
        assert.ok(userData.includes("--advertise-connector") && !userData.includes("--advertise-routes"));
        assert.ok(findOne(registrations, A.instance, "ac2").inputs.userData.includes("--advertise-routes='192.0.2.0/24'"));
    });

    it("refuses an app connector without a well-formed app, and app settings in the other modes", async () => {
        const app = { name: "github", domains: ["github.com"] };
        const connector = { ...base, mode: "appConnector" as const, routes: [] };
        await expectRefused(registrations, "acb1", () => new mod.SubnetRouter("acb1", connector), ["app", "serves one app"]);
        await expectRefused(registrations, "acb2", () => new mod.SubnetRouter("acb2", { ...connector, app: { name: "github", domains: [] } }), ["app.domains", "list the app's domains"]);
        await expectRefused(registrations, "acb3", () => new mod.SubnetRouter("acb3", { ...connector, app: { name: "github", domains: ["https://github.com"] } }), ["app.domains[0]", '"https://github.com"', "*.github.com"]);
        await expectRefused(registrations, "acb4", () => new mod.SubnetRouter("acb4", { ...connector, app: { name: " ", domains: ["github.com"] } }), ["app.name", "name the app"]);
        await expectRefused(registrations, "acb5", () => new mod.SubnetRouter("acb5", { ...base, app }), ["app", 'mode: "appConnector"']);
        await expectRefused(registrations, "acb6", () => new mod.SubnetRouter("acb6", { ...base, approveDiscoveredRoutes: true }), ["approveDiscoveredRoutes", "only an app connector"]);
        await expectRefused(registrations, "acb7", () => new mod.SubnetRouter("acb7", { ...connector, app: { name: "github", domains: ["*"] } }), ["app.domains[0]", '"*"']);
    });

    it("runs two instances from a hardened launch template with an ephemeral fleet key for HA", async () => {
        new mod.SubnetRouter("r6", { ...base, subnetIds: ["subnet-a", "subnet-b"], highAvailability: true });
        await settle();
        assert.strictEqual(childrenNamed(registrations, "r6").filter((r) => r.type === A.instance).length, 0);
        const lt = findOne(registrations, A.lt, "r6-lt").inputs;
        assert.deepStrictEqual([lt.metadataOptions.httpTokens, lt.metadataOptions.httpPutResponseHopLimit, lt.blockDeviceMappings[0].ebs.encrypted], ["required", 1, "true"]);
        assert.ok(!Buffer.from(lt.userData, "base64").toString("utf8").includes("tskey-"));
        const asg = findOne(registrations, A.asg, "r6-asg").inputs;
        assert.deepStrictEqual([asg.minSize, asg.maxSize, asg.vpcZoneIdentifiers], [2, 2, ["subnet-a", "subnet-b"]]);
        const key = findOne(registrations, A.key, "r6-key").inputs;
        assert.deepStrictEqual([key.reusable, key.ephemeral], [true, true]);
    });

    it("refuses bad routes, tags and HA without two subnets before registering anything", async () => {
        await expectRefused(registrations, "rb1", () => new mod.SubnetRouter("rb1", { ...base, routes: ["0.0.0.0/0"] }), ["routes[0]", "exit-node mode"]);
        await expectRefused(registrations, "rb2", () => new mod.SubnetRouter("rb2", { ...base, routes: ["10.0.0.5/16"] }), ["routes[0]", '"10.0.0.0/16"']);
        await expectRefused(registrations, "rb3", () => new mod.SubnetRouter("rb3", { ...base, routes: ["10.0.0.0/33"] }), ["routes[0]", "CIDR"]);
        await expectRefused(registrations, "rb4", () => new mod.SubnetRouter("rb4", { ...base, tags: ["router" as never] }), ["tags", '"router"']);
        await expectRefused(registrations, "rb5", () => new mod.SubnetRouter("rb5", { ...base, highAvailability: true }), ["subnetIds", "two or more subnets"]);
        await expectRefused(registrations, "rb6", () => new mod.SubnetRouter("rb6", { ...base, routes: [] }), ["routes", "needs routes"]);
        await expectRefused(registrations, "rb 8", () => new mod.SubnetRouter("rb 8", base), ["name", '"rb 8"', "hostname"]);
        await expectRefused(registrations, "rb7", () => new mod.SubnetRouter("rb7", { ...base, authKeyExpirySeconds: 0 }), ["expirySeconds", "0"]);
    });
});

describe("components: LogArchive", () => {
    let registrations: Registration[];
    let mod: typeof import("../../components/aws/logArchive");

    before(async () => {
        registrations = await installMocks();
        mod = require("../../components/aws/logArchive");
    });

    it("encrypts with a rotated KMS key, versions, blocks public access and refuses plain HTTP", async () => {
        new mod.LogArchive("la1", { region: "eu-west-1" });
        await settle();
        const bucketId = "la1-bucket-id";
        assert.strictEqual(findOne(registrations, "aws:kms/key:Key", "la1-key").inputs.enableKeyRotation, true);
        const sse = findOne(registrations, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "la1-encryption").inputs;
        assert.deepStrictEqual([sse.bucket, sse.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, sse.rules[0].bucketKeyEnabled], [bucketId, "aws:kms", true]);
        assert.deepStrictEqual(findOne(registrations, "aws:s3/bucketVersioning:BucketVersioning", "la1-versioning").inputs.versioningConfiguration, { status: "Enabled" });
        const pab = findOne(registrations, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "la1-public-access").inputs;
        assert.deepStrictEqual([pab.blockPublicAcls, pab.blockPublicPolicy, pab.ignorePublicAcls, pab.restrictPublicBuckets], [true, true, true, true]);
        const policy = JSON.parse(findOne(registrations, "aws:s3/bucketPolicy:BucketPolicy", "la1-tls-only").inputs.policy);
        assert.deepStrictEqual(policy.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
        assert.strictEqual(policy.Statement[0].Effect, "Deny");
        const lifecycle = findOne(registrations, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "la1-lifecycle").inputs.rules[0];
        assert.deepStrictEqual([lifecycle.expiration.days, lifecycle.noncurrentVersionExpiration.noncurrentDays], [365, 30]);
    });

    it("lets only Tailscale's account assume the writer role, with the tailnet's external ID", async () => {
        const archive = new mod.LogArchive("la2", { region: "eu-west-1", encryption: "AES256", retentionDays: 90 });
        await settle();
        const trust = JSON.parse(findOne(registrations, A.role, "la2-writer").inputs.assumeRolePolicy);
        assert.deepStrictEqual(trust.Statement[0].Principal, { AWS: "arn:aws:iam::111122223333:root" });
        assert.deepStrictEqual(trust.Statement[0].Condition, { StringEquals: { "sts:ExternalId": "ext-id-123" } });
        const writer = JSON.parse(findOne(registrations, A.rolePolicy, "la2-writer-policy").inputs.policy);
        assert.deepStrictEqual(writer.Statement, [{ Sid: "WriteLogs", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::bucket/tailscale/*" }]);
        assert.strictEqual(childrenNamed(registrations, "la2").filter((r) => r.type === "aws:kms/key:Key").length, 0);
        const d = archive.destination;
        assert.deepStrictEqual(
            [d.kind, await valueOf(d.bucket), await valueOf(d.region), await valueOf(d.roleArn), await valueOf(d.externalId), d.keyPrefix],
            ["s3", "la2-bucket-id", "eu-west-1", "arn:aws:iam::123456789012:role/r", "ext-id-123", "tailscale/"],
        );
    });

    it("defaults the region to the AWS provider's region", async () => {
        const archive = new mod.LogArchive("la3");
        assert.strictEqual(await valueOf(archive.destination.region), "us-east-1");
    });

    it("refuses bad retention, encryption and prefixes before registering anything", async () => {
        await expectRefused(registrations, "lb1", () => new mod.LogArchive("lb1", { retentionDays: 0 }), ["retentionDays", "from 1 to 3650"]);
        await expectRefused(registrations, "lb2", () => new mod.LogArchive("lb2", { encryption: "none" as never }), ["encryption", '"aws:kms"']);
        await expectRefused(registrations, "lb3", () => new mod.LogArchive("lb3", { keyPrefix: "/abs" }), ["keyPrefix", "relative"]);
    });
});
