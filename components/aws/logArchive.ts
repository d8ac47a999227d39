/**
 * An S3 archive for Tailscale's configuration audit logs and network flow logs (R4): encrypted,
 * versioned, private, TLS-only, with a retention lifecycle, written by Tailscale through an IAM role
 * that only Tailscale's account can assume, and only with this tailnet's external ID.
 * https://tailscale.com/kb/1255/log-streaming ; external IDs:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as tailscale from "@pulumi/tailscale";
import { badArgument } from "../errors";
import type { S3LogDestination } from "../logStreaming";
import { checkArgsObject, checkIntegerRange, checkOneOf, type Checker } from "../validation";

export const LOG_ARCHIVE_ENCRYPTION = ["aws:kms", "AES256"] as const;
export type LogArchiveEncryption = (typeof LOG_ARCHIVE_ENCRYPTION)[number];

export interface LogArchiveArgs {
    /**
     * Server-side encryption: "aws:kms" (default) with a customer-managed key this component creates,
     * rotated yearly, so reading the logs also needs kms:Decrypt; or "AES256" (SSE-S3).
     */
    encryption?: LogArchiveEncryption;
    /** Days a log object is kept, 1 to 3650. Default 365: a year of evidence for an investigation (R4). */
    retentionDays?: number;
    /** Days a replaced or deleted log version is kept, 1 to 365. Default 30. */
    noncurrentVersionRetentionDays?: number;
    /** Key prefix inside the bucket. Default "tailscale/". */
    keyPrefix?: string;
    /** The bucket's region. Default: the AWS provider's region (`aws:region`). */
    region?: pulumi.Input<string>;
    /**
     * Let `pulumi destroy` delete a bucket that still holds logs. Default `false`: evidence outlives the stack.
     */
    forceDestroy?: boolean;
}

/**
 * The log archive bucket and Tailscale's writer role. Pass `destination` to
 * `HardenedTailnet.logStreaming` to stream both log types into it.
 *
 * ```ts
 * const archive = new LogArchive("tailnet-logs", {});
 * new HardenedTailnet("corp", { policy, logStreaming: { destination: archive.destination } });
 * ```
 */
export class LogArchive extends pulumi.ComponentResource {
    /** The log bucket. */
    public readonly bucket: aws.s3.Bucket;
    /** The role Tailscale assumes to write logs. */
    public readonly writerRole: aws.iam.Role;
    /** The KMS key, with "aws:kms" encryption. */
    public readonly kmsKey?: aws.kms.Key;
    /** The tailnet's AWS external ID (the confused-deputy guard in the role's trust policy). */
    public readonly externalId: tailscale.AwsExternalId;
    /** Where Tailscale writes: give it to HardenedTailnet.logStreaming.destination. */
    public readonly destination: S3LogDestination;

    constructor(name: string, args: LogArchiveArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("tailnet-guard:aws:LogArchive", name, {}, opts);
        const c: Checker = { resource: this, component: `LogArchive ${name}` };
        checkArgsObject(c, args, "give { retentionDays, ... } or leave args out for the defaults");
        const encryption = args.encryption ?? "aws:kms";
        checkOneOf(c, "encryption", encryption, LOG_ARCHIVE_ENCRYPTION);
        const retentionDays = args.retentionDays ?? 365;
        checkIntegerRange(c, "retentionDays", retentionDays, 1, 3650, "days");
        const noncurrentDays = args.noncurrentVersionRetentionDays ?? 30;
        checkIntegerRange(c, "noncurrentVersionRetentionDays", noncurrentDays, 1, 365, "days");
        const keyPrefix = args.keyPrefix ?? "tailscale/";
        if (typeof keyPrefix !== "string" || keyPrefix.startsWith("/") || !/^[A-Za-z0-9!_.*'()\/-]*$/.test(keyPrefix)) {
            badArgument(this, c.component, "keyPrefix", args.keyPrefix, 'give a relative prefix of letters, digits and "/-_.", e.g. "tailscale/"');
        }
        if (args.forceDestroy !== undefined && typeof args.forceDestroy !== "boolean") {
            badArgument(this, c.component, "forceDestroy", args.forceDestroy, "give true or false");
        }

        const parent = { parent: this };
        this.externalId = new tailscale.AwsExternalId(`${name}-external-id`, {}, parent);
        if (encryption === "aws:kms") {
            this.kmsKey = new aws.kms.Key(
                `${name}-key`,
                { description: `Encrypts Tailscale logs in ${name}`, enableKeyRotation: true, deletionWindowInDays: 30 },
                parent,
            );
        }
        this.bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: args.forceDestroy ?? false }, parent);
        const bucketName = this.bucket.id;
        new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access`,
            { bucket: bucketName, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            parent,
        );
        new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucketName, rule: { objectOwnership: "BucketOwnerEnforced" } }, parent);
        new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucketName, versioningConfiguration: { status: "Enabled" } }, parent);
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                bucket: bucketName,
                rules: [
                    {
                        applyServerSideEncryptionByDefault: { sseAlgorithm: encryption, kmsMasterKeyId: this.kmsKey?.arn },
                        bucketKeyEnabled: encryption === "aws:kms",
                    },
                ],
            },
            parent,
        );
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            {
                bucket: bucketName,
                rules: [
                    {
                        id: "retention",
                        status: "Enabled",
                        filter: { prefix: keyPrefix },
                        expiration: { days: retentionDays },
                        noncurrentVersionExpiration: { noncurrentDays },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                ],
            },
            parent,
        );
        new aws.s3.BucketPolicy(
            `${name}-tls-only`,
            {
                bucket: bucketName,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "DenyInsecureTransport",
                            Effect: "Deny",
                            Principal: "*",
                            Action: "s3:*",
                            Resource: [this.bucket.arn, pulumi.interpolate`${this.bucket.arn}/*`],
                            Condition: { Bool: { "aws:SecureTransport": "false" } },
                        },
                    ],
                }),
            },
            parent,
        );

        this.writerRole = new aws.iam.Role(
            `${name}-writer`,
            {
                description: "Assumed by Tailscale to write this tailnet's logs",
                assumeRolePolicy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${this.externalId.tailscaleAwsAccountId}:root` },
                            Action: "sts:AssumeRole",
                            Condition: { StringEquals: { "sts:ExternalId": this.externalId.externalId } },
                        },
                    ],
                }),
            },
            parent,
        );
        const writerPolicy = new aws.iam.RolePolicy(
            `${name}-writer-policy`,
            {
                role: this.writerRole.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Sid: "WriteLogs", Effect: "Allow", Action: "s3:PutObject", Resource: pulumi.interpolate`${this.bucket.arn}/${keyPrefix}*` },
                        ...(this.kmsKey
                            ? [{ Sid: "EncryptLogs", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: this.kmsKey.arn }]
                            : []),
                    ],
                }),
            },
            parent,
        );

        const region = args.region ?? aws.config.region ?? aws.getRegionOutput({}, parent).region;
        this.destination = {
            kind: "s3",
            bucket: bucketName,
            region,
            // Resolves once the role's permissions exist, so Tailscale's first write succeeds.
            roleArn: pulumi.all([this.writerRole.arn, writerPolicy.id]).apply(([arn]) => arn),
            externalId: this.externalId.externalId,
            keyPrefix,
        };
        this.registerOutputs({ bucketName, writerRoleArn: this.writerRole.arn });
    }
}
