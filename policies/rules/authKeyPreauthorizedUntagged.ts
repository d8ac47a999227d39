import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { asStringList, isTrue } from "../values";

export const authKeyPreauthorizedUntagged: ResourceRule = {
    kind: "resource",
    name: "auth-key-preauthorized-tagged",
    description: "A pre-authorized auth key must apply tags, so the devices it admits get the tag's access and nothing else.",
    responsibility: "R2",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "Pre-authorization skips device approval. An untagged device joins as the key's creator and inherits that " +
        "person's access; a tag gives it only what the policy file grants the tag.",
    url: "https://tailscale.com/kb/1068/tags",
    remediationSteps: 'Add tags (for example ["tag:server"]) or set preauthorized: false.',
    resourceTypes: [TAILSCALE_TYPES.tailnetKey],
    check(resource) {
        const { preauthorized, tags } = resource.props;
        return isTrue(preauthorized) && asStringList(tags).length === 0
            ? ['the key is pre-authorized but applies no tags: add tags (e.g. ["tag:server"]) or set preauthorized: false.']
            : [];
    },
};
