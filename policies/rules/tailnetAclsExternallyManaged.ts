import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { isTrue, patched, show } from "../values";

export const tailnetAclsExternallyManaged: ResourceRule = {
    kind: "resource",
    name: "tailnet-acls-externally-managed",
    description: "TailnetSettings must mark the policy file as managed outside the admin console; a link to where must be https.",
    responsibility: "R5",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "When code owns the policy file, an edit in the admin console bypasses review and is silently overwritten on the next " +
        "deploy; marking it externally managed warns admins and points them to the repository.",
    url: "https://tailscale.com/kb/1306/gitops-acls-github",
    remediationSteps: "Set aclsExternallyManagedOn: true and aclsExternalLink to the https URL of the repository that holds the policy.",
    config: {
        requireLink: {
            type: "boolean",
            default: false,
            description:
                "Also require aclsExternalLink, an https URL shown to admins in the console. Off by default: the flag is what stops " +
                "console edits; the link helps people find the repository. A link that is given must be https either way.",
        },
    },
    resourceTypes: [TAILSCALE_TYPES.tailnetSettings],
    check(resource, config) {
        const messages: string[] = [];
        const managed = resource.props.aclsExternallyManagedOn;
        if (!isTrue(managed)) {
            messages.push(`aclsExternallyManagedOn is ${show(managed)}: set it to true.`);
        }
        const link = resource.props.aclsExternalLink;
        if (config.requireLink === true || link !== undefined) {
            if (typeof link !== "string" || !/^https:\/\/\S+$/.test(link)) {
                messages.push(`aclsExternalLink is ${show(link)}: set it to the https URL of the repository holding the policy file.`);
            }
        }
        return messages;
    },
    remediate(resource) {
        // Only the flag: the link cannot be guessed.
        return isTrue(resource.props.aclsExternallyManagedOn) ? undefined : patched(resource.props, { aclsExternallyManagedOn: true });
    },
};
