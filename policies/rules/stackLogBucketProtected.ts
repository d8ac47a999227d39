import type { StackResource, StackRule, StackViolation } from "../rule";
import { AWS_TYPES, TAILSCALE_TYPES } from "../resourceTypes";
import { dependsOn, ifKnown, ofType } from "../stackQueries";

const BUCKET_TYPES = [AWS_TYPES.s3Bucket, AWS_TYPES.s3BucketV2];

/** True when `companion` (a bucket setting resource) configures `bucket`: by dependency, or by the same bucket name. */
function configures(companion: StackResource, bucket: StackResource): boolean {
    if (dependsOn(companion, bucket)) return true;
    const name = ifKnown(() => bucket.props.bucket);
    return typeof name === "string" && ifKnown(() => companion.props.bucket) === name;
}

function versioningEnabled(resource: StackResource): boolean {
    const configuration = resource.props.versioningConfiguration;
    return typeof configuration === "object" && configuration !== null && (configuration as Record<string, unknown>).status === "Enabled";
}

function encryptionConfigured(resource: StackResource): boolean {
    const rules = resource.props.rules;
    return Array.isArray(rules) && rules.some((rule: unknown) => {
        const byDefault = (rule as Record<string, unknown> | null)?.applyServerSideEncryptionByDefault;
        return typeof byDefault === "object" && byDefault !== null && typeof (byDefault as Record<string, unknown>).sseAlgorithm === "string";
    });
}

export const stackLogBucketProtected: StackRule = {
    kind: "stack",
    name: "log-bucket-protected",
    description: "An S3 bucket receiving Tailscale logs must have a public access block, versioning and default encryption.",
    responsibility: "R4",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "The log bucket is the evidence the customer provides on request: it must not be readable by the public, must keep " +
        "overwritten or deleted objects, and must be encrypted at rest. In AWS provider v7 each of these is its own resource.",
    url: "https://tailscale.com/kb/1255/log-streaming",
    remediationSteps: "Add aws.s3.BucketPublicAccessBlock, aws.s3.BucketVersioning (status Enabled) and aws.s3.BucketServerSideEncryptionConfiguration for the bucket.",
    check(resources) {
        const violations: StackViolation[] = [];
        const buckets = ofType(resources, ...BUCKET_TYPES);
        const blocks = ofType(resources, AWS_TYPES.s3PublicAccessBlock);
        const versionings = ofType(resources, AWS_TYPES.s3Versioning, AWS_TYPES.s3VersioningV2);
        const encryptions = ofType(resources, AWS_TYPES.s3Encryption, AWS_TYPES.s3EncryptionV2);
        for (const stream of ofType(resources, TAILSCALE_TYPES.logstreamConfiguration)) {
            if (stream.props.destinationType !== "s3") continue;
            const target = ifKnown(() => stream.props.s3Bucket);
            const used = buckets.filter((b) => dependsOn(stream, b) || (typeof target === "string" && ifKnown(() => b.props.bucket) === target));
            if (used.length === 0) {
                violations.push({
                    message: `${stream.name} writes to a bucket this stack does not manage: its protections cannot be checked here.`,
                    urn: stream.urn,
                    level: "advisory",
                });
                continue;
            }
            for (const bucket of used) {
                const missing: string[] = [];
                if (!blocks.some((r) => configures(r, bucket))) missing.push("a BucketPublicAccessBlock");
                if (!versionings.some((r) => configures(r, bucket) && versioningEnabled(r))) missing.push("a BucketVersioning with status Enabled");
                if (!encryptions.some((r) => configures(r, bucket) && encryptionConfigured(r))) missing.push("a BucketServerSideEncryptionConfiguration");
                if (missing.length > 0) {
                    violations.push({ message: `log bucket ${bucket.name} lacks ${missing.join(", ")}.`, urn: bucket.urn });
                }
            }
        }
        return violations;
    },
};
