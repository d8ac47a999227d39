import type { ResourceRule } from "../rule";
import { AWS_TYPES } from "../resourceTypes";

function record(value: unknown): Record<string, unknown> | undefined {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Launch templates take "true"/"false" strings for ebs.encrypted; instances and volumes take booleans. */
function isEncrypted(value: unknown): boolean {
    return value === true || value === "true";
}

export const ec2VolumesEncrypted: ResourceRule = {
    kind: "resource",
    name: "ec2-volumes-encrypted",
    description: "EC2 root and EBS volumes must be encrypted explicitly.",
    responsibility: "R1",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "A Tailscale node's disk holds its node key and state; an unencrypted volume or snapshot shared by mistake hands over " +
        "the device's tailnet identity. Relying on the account's default encryption setting cannot be checked from the program.",
    url: "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
    remediationSteps: "Set rootBlockDevice.encrypted and every ebsBlockDevices[].encrypted to true (launch templates: ebs.encrypted \"true\"; volumes: encrypted true).",
    resourceTypes: [AWS_TYPES.instance, AWS_TYPES.launchTemplate, AWS_TYPES.ebsVolume],
    check(resource) {
        const props = resource.props;
        const messages: string[] = [];
        if (resource.type === AWS_TYPES.ebsVolume) {
            return isEncrypted(props.encrypted) ? [] : ["encrypted is not true: set encrypted: true."];
        }
        if (resource.type === AWS_TYPES.instance) {
            if (!isEncrypted(record(props.rootBlockDevice)?.encrypted)) {
                messages.push("rootBlockDevice.encrypted is not true: set rootBlockDevice: { encrypted: true }.");
            }
            const ebs = Array.isArray(props.ebsBlockDevices) ? props.ebsBlockDevices : [];
            ebs.forEach((device: unknown, i: number) => {
                if (!isEncrypted(record(device)?.encrypted)) {
                    messages.push(`ebsBlockDevices[${i}].encrypted is not true: set it to true.`);
                }
            });
            return messages;
        }
        const mappings = Array.isArray(props.blockDeviceMappings) ? props.blockDeviceMappings : [];
        mappings.forEach((mapping: unknown, i: number) => {
            const ebs = record(record(mapping)?.ebs);
            if (ebs && !isEncrypted(ebs.encrypted)) {
                messages.push(`blockDeviceMappings[${i}].ebs.encrypted is not "true": set it to "true".`);
            }
        });
        return messages;
    },
};
