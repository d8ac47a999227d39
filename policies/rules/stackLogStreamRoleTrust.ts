import type { StackRule, StackViolation } from "../rule";
import { trustPolicyProblem } from "../iamTrust";
import { AWS_TYPES, TAILSCALE_TYPES } from "../resourceTypes";
import { dependsOn, ofType } from "../stackQueries";

export const stackLogStreamRoleTrust: StackRule = {
    kind: "stack",
    name: "log-stream-role-external-id",
    description: "The IAM role Tailscale assumes to stream logs to S3 must require the sts:ExternalId from tailscale.AwsExternalId.",
    responsibility: "R4",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "The role trusts Tailscale's AWS account, which acts for every Tailscale customer; without an external ID condition " +
        "another customer who learns the role ARN could have Tailscale write to, or read from, your log bucket (the confused deputy problem).",
    url: "https://tailscale.com/kb/1255/log-streaming",
    remediationSteps:
        'Create tailscale.AwsExternalId and add Condition: { StringEquals: { "sts:ExternalId": <its externalId> } } to the role\'s trust statement; pass the same ID as s3ExternalId.',
    check(resources) {
        const violations: StackViolation[] = [];
        const roles = ofType(resources, AWS_TYPES.iamRole);
        for (const stream of ofType(resources, TAILSCALE_TYPES.logstreamConfiguration)) {
            if (stream.props.destinationType !== "s3" || stream.props.s3AuthenticationType !== "rolearn") continue;
            const used = roles.filter((role) => dependsOn(stream, role));
            if (used.length === 0) {
                violations.push({
                    message: `${stream.name} assumes a role this stack does not manage: its trust policy cannot be checked here; make sure it requires sts:ExternalId.`,
                    urn: stream.urn,
                    level: "advisory",
                });
                continue;
            }
            for (const role of used) {
                const problem = trustPolicyProblem(role.props.assumeRolePolicy);
                if (problem?.kind === "unreadable") {
                    violations.push({ message: `${role.name}'s assumeRolePolicy is not a JSON policy document.`, urn: role.urn });
                } else if (problem) {
                    violations.push({
                        message: `${role.name}'s trust statement ${problem.statementIndexes.join(", ")} lets another AWS account assume it without a sts:ExternalId condition.`,
                        urn: role.urn,
                    });
                }
            }
        }
        return violations;
    },
};
