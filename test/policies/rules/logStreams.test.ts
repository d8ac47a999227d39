import * as assert from "assert";
import { logStreamCredentials as rule, postureIntegrationSecret } from "../../../policies/rules";
import { assertNotEchoed, resource, UNKNOWN, unknownOutcome, violations } from "../helpers";

const STREAM = "tailscale:index/logstreamConfiguration:LogstreamConfiguration";
const POSTURE = "tailscale:index/postureIntegration:PostureIntegration";
const TOKEN = "splunk-hec-token-0123456789abcdef";
const SDK_OPTS = { additionalSecretOutputs: ["s3SecretAccessKey", "token"] };

describe("rule log-stream-credentials", () => {
    const s3 = { logType: "configuration", destinationType: "s3", s3Bucket: "logs", s3AuthenticationType: "rolearn", s3RoleArn: "arn:aws:iam::1:role/w" };

    it("passes S3 by role, and an https endpoint with a token the SDK keeps secret", () => {
        assert.deepStrictEqual(violations(rule, resource(STREAM, "l", s3, { opts: SDK_OPTS })), []);
        const splunk = { logType: "network", destinationType: "splunk", url: "https://splunk.example.com", token: TOKEN };
        assert.deepStrictEqual(violations(rule, resource(STREAM, "l", splunk, { opts: SDK_OPTS })), []);
    });

    it("flags S3 by access key without echoing the key", () => {
        const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        const messages = violations(
            rule,
            resource(STREAM, "l", { ...s3, s3AuthenticationType: "accesskey", s3RoleArn: undefined, s3AccessKeyId: "AKIAEXAMPLE", s3SecretAccessKey: secret }),
        );
        assert.strictEqual(messages.length, 3);
        assertNotEchoed(messages, secret);
        assertNotEchoed(messages, "AKIAEXAMPLE");
    });

    it("flags a plain-http endpoint and a token the engine would store in plain text, never echoing the token", () => {
        const props = { logType: "configuration", destinationType: "elastic", url: "http://elastic", token: TOKEN };
        const messages = violations(rule, resource(STREAM, "l", props, { opts: { additionalSecretOutputs: [] } }));
        assert.strictEqual(messages.length, 2);
        assert.match(messages[1], /token is not marked secret/);
        assertNotEchoed(messages, TOKEN);
    });

    it("flags a missing token", () => {
        assert.match(violations(rule, resource(STREAM, "l", { destinationType: "datadog", url: "https://d" }))[0], /token is not set/);
    });

    it("counts a role ARN computed from another resource as set", () => {
        assert.deepStrictEqual(violations(rule, resource(STREAM, "l", { ...s3, s3RoleArn: UNKNOWN })), []);
    });

    it("cannot verify an unknown authentication type", () => {
        unknownOutcome(rule, resource(STREAM, "l", { ...s3, s3AuthenticationType: UNKNOWN }), "s3AuthenticationType");
    });
});

describe("rule posture-integration-secret", () => {
    const SECRET = "posture-client-secret-value";

    it("passes a client secret kept secret by the SDK", () => {
        const props = { postureProvider: "intune", clientId: "id", tenantId: "t", clientSecret: SECRET };
        assert.deepStrictEqual(violations(postureIntegrationSecret, resource(POSTURE, "p", props, { opts: { additionalSecretOutputs: ["clientSecret"] } })), []);
    });

    it("flags a missing secret and one not marked secret, without echoing it", () => {
        assert.match(violations(postureIntegrationSecret, resource(POSTURE, "p", { postureProvider: "intune" }))[0], /not set/);
        const messages = violations(postureIntegrationSecret, resource(POSTURE, "p", { clientSecret: SECRET }, { opts: { additionalSecretOutputs: [] } }));
        assert.match(messages[0], /not marked secret/);
        assertNotEchoed(messages, SECRET);
    });

    it("cannot verify an unknown secret", () => {
        unknownOutcome(postureIntegrationSecret, resource(POSTURE, "p", { clientSecret: UNKNOWN }), "clientSecret");
    });
});
