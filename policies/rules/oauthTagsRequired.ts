import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { SCOPES_NEEDING_TAGS } from "../scopes";
import { asStringList } from "../values";

export const oauthTagsRequired: ResourceRule = {
    kind: "resource",
    name: "oauth-tags-required",
    description: "An OAuth client or federated identity that can create auth keys or change devices must be limited to tags.",
    responsibility: "R5",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "Devices enrolled with such a credential get only the tags it lists, so the policy file decides what they reach; " +
        "without tags there is nothing to bound what an automation can enrol.",
    url: "https://tailscale.com/kb/1215/oauth-clients",
    remediationSteps: "List the tags (tag:...) the credential may assign, each owned in the policy file's tagOwners.",
    config: {
        scopesNeedingTags: {
            type: "array",
            items: { type: "string" },
            default: [...SCOPES_NEEDING_TAGS],
            description: "Scopes that require the credential to list tags.",
        },
    },
    resourceTypes: [TAILSCALE_TYPES.oauthClient, TAILSCALE_TYPES.federatedIdentity],
    check(resource, config) {
        const needing = new Set(asStringList(config.scopesNeedingTags));
        const scopes = asStringList(resource.props.scopes).filter((scope) => needing.has(scope));
        if (scopes.length === 0) {
            return [];
        }
        const tags = asStringList(resource.props.tags);
        const messages: string[] = [];
        if (tags.length === 0) {
            messages.push(`scopes ${scopes.join(", ")} need tags: list the tag:... values this credential may assign.`);
        }
        for (const tag of tags.filter((t) => !t.startsWith("tag:"))) {
            messages.push(`tags entry ${JSON.stringify(tag)} is not a tag: use the form tag:name.`);
        }
        return messages;
    },
};
