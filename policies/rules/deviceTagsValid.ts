import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";

/** Tag names: "tag:" then letters, digits and dashes (https://tailscale.com/kb/1068/tags). */
const TAG = /^tag:[A-Za-z0-9][A-Za-z0-9-]*$/;

export const deviceTagsValid: ResourceRule = {
    kind: "resource",
    name: "device-tags-valid",
    description: "DeviceTags must give at least one well-formed tag (tag:name).",
    responsibility: "R5",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "Tags are what the policy file grants access to; an empty list turns a server back into a device owned by whoever " +
        "enrolled it, with that user's access, and a malformed tag is rejected only at apply.",
    url: "https://tailscale.com/kb/1068/tags",
    remediationSteps: "Give tags: [\"tag:name\", ...], each owned in the policy file's tagOwners.",
    resourceTypes: [TAILSCALE_TYPES.deviceTags],
    check(resource) {
        const tags = resource.props.tags;
        if (!Array.isArray(tags) || tags.length === 0) {
            return ["tags is empty: give at least one tag, or the device reverts to its enrolling user's identity."];
        }
        return tags
            .filter((tag: unknown) => typeof tag !== "string" || !TAG.test(tag))
            .map((tag: unknown) => `tags entry ${JSON.stringify(tag)} is not of the form tag:name.`);
    },
};
