import * as assert from "assert";
import { evaluateStackRule } from "../../../policies/evaluate";
import { stackDeviceAuthorization, stackDeviceKeyExpiry, stackLogBucketProtected, stackLogStreamRoleTrust } from "../../../policies/rules";
import { assertCannotVerify, stackResource, stackViolations, UNKNOWN } from "../helpers";

const T = {
    deviceKey: "tailscale:index/deviceKey:DeviceKey",
    deviceAuth: "tailscale:index/deviceAuthorization:DeviceAuthorization",
    deviceTags: "tailscale:index/deviceTags:DeviceTags",
    stream: "tailscale:index/logstreamConfiguration:LogstreamConfiguration",
    bucket: "aws:s3/bucket:Bucket",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    role: "aws:iam/role:Role",
};

describe("rule device-key-expiry-tagged-only", () => {
    it("passes a disabled expiry on a device the stack tags", () => {
        const resources = [stackResource(T.deviceTags, "t", { deviceId: "n1", tags: ["tag:server"] }), stackResource(T.deviceKey, "k", { deviceId: "n1", keyExpiryDisabled: true })];
        assert.deepStrictEqual(stackViolations(stackDeviceKeyExpiry, resources), []);
    });

    it("flags a disabled expiry on an untagged device, and ignores expiry left on", () => {
        const key = stackResource(T.deviceKey, "k", { deviceId: "n2", keyExpiryDisabled: true });
        const found = stackViolations(stackDeviceKeyExpiry, [stackResource(T.deviceTags, "t", { deviceId: "n1", tags: ["tag:server"] }), key, stackResource(T.deviceKey, "k2", { deviceId: "n3", keyExpiryDisabled: false })]);
        assert.deepStrictEqual(found.map((v) => v.urn), [key.urn]);
    });

    it("cannot verify an unknown device ID", () => {
        assertCannotVerify(evaluateStackRule(stackDeviceKeyExpiry, [stackResource(T.deviceKey, "k", { deviceId: UNKNOWN, keyExpiryDisabled: true })]), "deviceId");
    });
});

describe("rule device-authorization-tagged-only", () => {
    it("passes approval of a device the stack tags", () => {
        const resources = [stackResource(T.deviceTags, "t", { deviceId: "n1", tags: ["tag:server"] }), stackResource(T.deviceAuth, "a", { deviceId: "n1", authorized: true })];
        assert.deepStrictEqual(stackViolations(stackDeviceAuthorization, resources), []);
    });

    it("flags approval of an untagged device", () => {
        assert.strictEqual(stackViolations(stackDeviceAuthorization, [stackResource(T.deviceAuth, "a", { deviceId: "n9", authorized: true })]).length, 1);
    });

    it("cannot verify an unknown authorized flag", () => {
        assertCannotVerify(evaluateStackRule(stackDeviceAuthorization, [stackResource(T.deviceAuth, "a", { deviceId: "n1", authorized: UNKNOWN })]), "authorized");
    });
});

describe("rule log-bucket-protected", () => {
    const bucket = stackResource(T.bucket, "logs", {});
    const stream = stackResource(T.stream, "l", { destinationType: "s3", s3Bucket: UNKNOWN, s3AuthenticationType: "rolearn" }, { dependencies: [bucket.urn] });
    const pab = stackResource(T.pab, "pab", { bucket: UNKNOWN }, { dependencies: [bucket.urn] });
    const versioning = stackResource(T.versioning, "v", { bucket: UNKNOWN, versioningConfiguration: { status: "Enabled" } }, { dependencies: [bucket.urn] });
    const sse = stackResource(T.sse, "e", { bucket: "logs-bucket", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] });
    const namedBucket = stackResource(T.bucket, "logs", { bucket: "logs-bucket" });

    it("passes a log bucket with all three protections, linked by dependency or by name, even with unknown bucket IDs", () => {
        assert.deepStrictEqual(stackViolations(stackLogBucketProtected, [namedBucket, { ...stream, dependencies: [namedBucket.urn] }, { ...pab, dependencies: [namedBucket.urn] }, { ...versioning, dependencies: [namedBucket.urn] }, sse]), []);
    });

    it("names each missing protection at the bucket", () => {
        const suspended = { ...versioning, props: { bucket: UNKNOWN, versioningConfiguration: { status: "Suspended" } } };
        const found = stackViolations(stackLogBucketProtected, [bucket, stream, suspended]);
        assert.strictEqual(found.length, 1);
        assert.strictEqual(found[0].urn, bucket.urn);
        assert.match(found[0].message, /lacks a BucketPublicAccessBlock, a BucketVersioning with status Enabled, a BucketServerSideEncryptionConfiguration/);
    });

    it("is advisory about a bucket managed outside the stack", () => {
        const outside = stackResource(T.stream, "l", { destinationType: "s3", s3Bucket: "elsewhere" });
        const found = stackViolations(stackLogBucketProtected, [outside]);
        assert.strictEqual(found[0].level, "advisory");
    });

    it("cannot verify an unknown destination type", () => {
        assertCannotVerify(evaluateStackRule(stackLogBucketProtected, [stackResource(T.stream, "l", { destinationType: UNKNOWN })]), "destinationType");
    });
});

describe("rule log-stream-role-external-id", () => {
    const trust = (condition?: unknown) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }],
        });
    const streamTo = (role: { urn: string }) =>
        stackResource(T.stream, "l", { destinationType: "s3", s3AuthenticationType: "rolearn", s3RoleArn: UNKNOWN }, { dependencies: [role.urn] });

    it("passes a trust policy pinned to an external ID", () => {
        const role = stackResource(T.role, "writer", { assumeRolePolicy: trust({ StringEquals: { "sts:ExternalId": "ext-123" } }) });
        assert.deepStrictEqual(stackViolations(stackLogStreamRoleTrust, [role, streamTo(role)]), []);
    });

    it("flags a trust policy without the condition, or with a wildcard ID", () => {
        const bare = stackResource(T.role, "writer", { assumeRolePolicy: trust() });
        assert.match(stackViolations(stackLogStreamRoleTrust, [bare, streamTo(bare)])[0].message, /statement 0 .* without a sts:ExternalId/);
        const wildcard = stackResource(T.role, "writer", { assumeRolePolicy: trust({ StringLike: { "sts:ExternalId": "*" } }) });
        assert.strictEqual(stackViolations(stackLogStreamRoleTrust, [wildcard, streamTo(wildcard)]).length, 1);
    });

    it("is advisory about a role managed outside the stack", () => {
        const stream = stackResource(T.stream, "l", { destinationType: "s3", s3AuthenticationType: "rolearn", s3RoleArn: "arn:aws:iam::1:role/x" });
        assert.strictEqual(stackViolations(stackLogStreamRoleTrust, [stream])[0].level, "advisory");
    });

    it("cannot verify a trust policy that is unknown until apply", () => {
        const role = stackResource(T.role, "writer", { assumeRolePolicy: UNKNOWN });
        assertCannotVerify(evaluateStackRule(stackLogStreamRoleTrust, [role, streamTo(role)]), "assumeRolePolicy");
    });
});
