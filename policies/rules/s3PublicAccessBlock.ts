import type { ResourceRule } from "../rule";
import { AWS_TYPES } from "../resourceTypes";
import { patched } from "../values";

export const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const s3PublicAccessBlock: ResourceRule = {
    kind: "resource",
    name: "s3-public-access-blocked",
    description: "An S3 public access block must turn on all four protections.",
    responsibility: "R4",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "Tailscale audit and flow logs list every user, device and connection; a bucket that can be made public by an ACL or " +
        "policy leaks the tailnet's whole map.",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    remediationSteps: "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true.",
    resourceTypes: [AWS_TYPES.s3PublicAccessBlock],
    check(resource) {
        const off = PUBLIC_ACCESS_FLAGS.filter((flag) => resource.props[flag] !== true);
        return off.length === 0 ? [] : [`${off.join(", ")} ${off.length === 1 ? "is" : "are"} not true: set all four to true.`];
    },
    remediate(resource) {
        const off = PUBLIC_ACCESS_FLAGS.filter((flag) => resource.props[flag] !== true);
        return off.length === 0 ? undefined : patched(resource.props, Object.fromEntries(off.map((flag) => [flag, true])));
    },
};
