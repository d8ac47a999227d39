import type { ResourceRule, ResourceUnderTest } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { isNonEmptyString, isSetOrComputed, show } from "../values";

/**
 * Whether an input is kept secret by the engine. @pulumi/policy hands analyzers secret inputs already
 * unwrapped (node_modules/@pulumi/policy/deserialize.js), so the value cannot tell; what can is the
 * resource's additionalSecretOutputs, to which @pulumi/tailscale's LogstreamConfiguration and
 * PostureIntegration add their credential fields, and which the engine passes to analyzers. A resource
 * registered without them (a hand-made CustomResource, an older SDK) keeps the credential in plain text in
 * the state. When the engine sends no options at all, nothing can be said, and the check is skipped.
 */
export function secretnessProblem(resource: ResourceUnderTest, field: string): string | undefined {
    const secretOutputs = resource.opts?.additionalSecretOutputs;
    if (secretOutputs === undefined || secretOutputs.includes(field)) {
        return undefined;
    }
    return `${field} is not marked secret (additionalSecretOutputs lacks "${field}"): pass it with pulumi.secret() or config --secret and register the resource with @pulumi/tailscale.`;
}

export const logStreamCredentials: ResourceRule = {
    kind: "resource",
    name: "log-stream-credentials",
    description: "A log stream must deliver over https with a secret token, and reach S3 by IAM role, never by access key.",
    responsibility: "R4",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "Streamed logs are the record the customer provides on request; a token in plain text in the state, a long-lived AWS " +
        "access key or a plain-http endpoint lets others read or forge that record.",
    url: "https://tailscale.com/kb/1255/log-streaming",
    remediationSteps:
        'For S3 set s3AuthenticationType: "rolearn" with s3RoleArn and s3ExternalId (from tailscale.AwsExternalId) and remove ' +
        "the access key; for other destinations use an https url and a token from secret config.",
    resourceTypes: [TAILSCALE_TYPES.logstreamConfiguration],
    check(resource) {
        const props = resource.props;
        const messages: string[] = [];
        const destination = props.destinationType;
        if (destination === "s3") {
            if (props.s3AuthenticationType !== "rolearn") {
                messages.push(`s3AuthenticationType is ${show(props.s3AuthenticationType)}: use "rolearn" so Tailscale assumes a role instead of holding a key.`);
            }
            // The ARN usually comes from a role in the same stack, unknown until apply: computed counts as set.
            if (!isSetOrComputed(props, "s3RoleArn")) {
                messages.push("s3RoleArn is not set: give the ARN of the role Tailscale assumes to write logs.");
            }
            if (props.s3AccessKeyId !== undefined || props.s3SecretAccessKey !== undefined) {
                // Names the fields only; the key values are never echoed.
                messages.push("s3AccessKeyId/s3SecretAccessKey are set: remove the access key and use the IAM role.");
            }
            return messages;
        }
        if (destination === "gcs") {
            return messages;
        }
        const url = props.url;
        if (typeof url !== "string" || !url.startsWith("https://")) {
            messages.push(`url is ${show(url)}: use an https:// endpoint.`);
        }
        if (!isNonEmptyString(props.token)) {
            messages.push("token is not set: give the destination's ingestion token from secret config.");
        } else {
            const problem = secretnessProblem(resource, "token");
            if (problem) {
                messages.push(problem);
            }
        }
        return messages;
    },
};
