import type { ResourceRule } from "../rule";
import { AWS_TYPES } from "../resourceTypes";
import { patched, show } from "../values";

function metadataOptions(props: Record<string, unknown>): Record<string, unknown> {
    const options = props.metadataOptions;
    return typeof options === "object" && options !== null && !Array.isArray(options) ? (options as Record<string, unknown>) : {};
}

export const ec2Imdsv2: ResourceRule = {
    kind: "resource",
    name: "ec2-imdsv2-required",
    description: "EC2 instances and launch templates must require IMDSv2 session tokens (metadataOptions.httpTokens: \"required\").",
    responsibility: "R1",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "IMDSv1 answers any request that reaches it, so a server-side request forgery on a subnet router or exit node hands out " +
        "the instance role's credentials; IMDSv2 needs a session token the forged request cannot get.",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html",
    remediationSteps: 'Set metadataOptions: { httpTokens: "required" } (or httpEndpoint: "disabled" if nothing reads metadata).',
    resourceTypes: [AWS_TYPES.instance, AWS_TYPES.launchTemplate],
    check(resource) {
        const options = metadataOptions(resource.props);
        if (options.httpEndpoint === "disabled" || options.httpTokens === "required") {
            return [];
        }
        return [`metadataOptions.httpTokens is ${show(options.httpTokens)}: set it to "required" (IMDSv2).`];
    },
    remediate(resource) {
        const options = metadataOptions(resource.props);
        if (options.httpEndpoint === "disabled" || options.httpTokens === "required") {
            return undefined;
        }
        return patched(resource.props, { metadataOptions: { ...options, httpTokens: "required" } });
    },
};
