import type { StackRule, StackViolation } from "../rule";
import { ownedTags } from "../policyTagOwners";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { byTailnet, tailscaleResources } from "../stackQueries";
import { asStringList } from "../values";

/** Resources that hand tags to devices. */
const TAGGING_TYPES: readonly string[] = [
    TAILSCALE_TYPES.tailnetKey,
    TAILSCALE_TYPES.oauthClient,
    TAILSCALE_TYPES.federatedIdentity,
    TAILSCALE_TYPES.deviceTags,
    TAILSCALE_TYPES.service,
];

export const stackTagOwners: StackRule = {
    kind: "stack",
    name: "tags-owned-in-policy",
    description: "Every tag given by an auth key, OAuth client, federated identity, DeviceTags or Service must have an owner in the tailnet's policy file.",
    responsibility: "R5",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "Tailscale refuses a tag nobody owns, and a tag missing from tagOwners is usually a typo that leaves the device outside " +
        "every grant written for the intended tag; checking at preview catches both before apply.",
    url: "https://tailscale.com/kb/1068/tags",
    remediationSteps: "Add the tag to tagOwners in the policy file (owned by an admin group), or fix its spelling.",
    check(resources) {
        const violations: StackViolation[] = [];
        for (const [tailnet, group] of byTailnet(tailscaleResources(resources))) {
            const acls = group.filter((r) => r.type === TAILSCALE_TYPES.acl);
            // With no policy file in the stack, tailnet-single-settings-and-policy reports; an unparsable one,
            // policy-file-syntax. Neither leaves these tags unreported: both are mandatory.
            const owned = new Set<string>();
            let readable = false;
            for (const aclResource of acls) {
                const text = aclResource.props.acl;
                const tags = typeof text === "string" ? ownedTags(text) : undefined;
                if (tags) {
                    readable = true;
                    tags.forEach((t) => owned.add(t));
                }
            }
            if (!readable) {
                continue;
            }
            for (const resource of group.filter((r) => TAGGING_TYPES.includes(r.type))) {
                for (const tag of asStringList(resource.props.tags).filter((t) => !owned.has(t))) {
                    violations.push({ message: `${resource.name} uses ${tag}, which has no owner in ${tailnet}'s policy file tagOwners.`, urn: resource.urn });
                }
            }
        }
        return violations;
    },
};
