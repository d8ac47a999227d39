import * as assert from "assert";
import { s3PublicAccessBlock, securityGroupPublicSsh } from "../../../policies/rules";
import { remediated, resource, UNKNOWN, unknownOutcome, violations } from "../helpers";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

describe("rule security-group-no-public-ssh", () => {
    it("passes SSH from a private range and HTTPS from anywhere", () => {
        const props = {
            ingress: [
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
                { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                { protocol: "udp", fromPort: 41641, toPort: 41641, cidrBlocks: ["0.0.0.0/0"] },
            ],
        };
        assert.deepStrictEqual(violations(securityGroupPublicSsh, resource(SG, "sg", props)), []);
        assert.deepStrictEqual(violations(securityGroupPublicSsh, resource(SG_RULE, "r", { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] })), []);
    });

    it("flags SSH open to the internet in all three resource shapes, over IPv4 and IPv6", () => {
        assert.match(
            violations(securityGroupPublicSsh, resource(SG, "sg", { ingress: [{ protocol: "tcp", fromPort: 0, toPort: 1024, ipv6CidrBlocks: ["::/0"] }] }))[0],
            /ingress\[0\] opens port 22 to ::\/0/,
        );
        assert.strictEqual(violations(securityGroupPublicSsh, resource(SG_RULE, "r", { type: "ingress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] })).length, 1);
        assert.strictEqual(violations(securityGroupPublicSsh, resource(INGRESS, "i", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" })).length, 1);
    });

    it("checks the configured ports", () => {
        const rdp = resource(INGRESS, "i", { ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidrIpv4: "0.0.0.0/0" });
        assert.deepStrictEqual(violations(securityGroupPublicSsh, rdp), []);
        assert.strictEqual(violations(securityGroupPublicSsh, rdp, { ports: [22, 3389] }).length, 1);
    });

    it("cannot verify an unknown CIDR", () => {
        unknownOutcome(securityGroupPublicSsh, resource(INGRESS, "i", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: UNKNOWN }), "cidrIpv4");
    });
});

describe("rule s3-public-access-blocked", () => {
    const all = { bucket: "logs", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

    it("passes all four protections", () => {
        assert.deepStrictEqual(violations(s3PublicAccessBlock, resource(PAB, "p", all)), []);
    });

    it("names the protections that are off", () => {
        assert.deepStrictEqual(violations(s3PublicAccessBlock, resource(PAB, "p", { ...all, blockPublicPolicy: false, ignorePublicAcls: undefined })), [
            "blockPublicPolicy, ignorePublicAcls are not true: set all four to true.",
        ]);
    });

    it("cannot verify an unknown flag", () => {
        unknownOutcome(s3PublicAccessBlock, resource(PAB, "p", { ...all, restrictPublicBuckets: UNKNOWN }), "restrictPublicBuckets");
    });

    it("remediates by turning every protection on", () => {
        assert.deepStrictEqual(remediated(s3PublicAccessBlock, resource(PAB, "p", { bucket: "logs" })), all);
    });
});
