import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { asStringList, show } from "../values";

/** Roles the Tailscale API accepts for usersRoleAllowedToJoinExternalTailnet. */
export const EXTERNAL_TAILNET_ROLES = ["none", "admin", "member"] as const;

export const tailnetExternalTailnets: ResourceRule = {
    kind: "resource",
    name: "tailnet-external-tailnets",
    description: "TailnetSettings must restrict which users may join other organisations' tailnets (default: nobody).",
    responsibility: "R5",
    severity: "medium",
    enforcementLevel: "mandatory",
    rationale:
        "A user who joins an external tailnet carries a device the organisation manages into a network it does not control; " +
        "the default allows only the roles listed in config.",
    url: "https://tailscale.com/api#tag/tailnetsettings",
    remediationSteps: 'Set usersRoleAllowedToJoinExternalTailnet to "none" (or a role listed in allowedRoles).',
    config: {
        allowedRoles: {
            type: "array",
            items: { type: "string", enum: [...EXTERNAL_TAILNET_ROLES] },
            default: ["none"],
            description: 'Values of usersRoleAllowedToJoinExternalTailnet that pass. "none" keeps every user inside this tailnet.',
        },
    },
    resourceTypes: [TAILSCALE_TYPES.tailnetSettings],
    check(resource, config) {
        const allowed = asStringList(config.allowedRoles);
        const value = resource.props.usersRoleAllowedToJoinExternalTailnet;
        if (typeof value === "string" && allowed.includes(value)) {
            return [];
        }
        return [`usersRoleAllowedToJoinExternalTailnet is ${show(value)}: set it to one of ${allowed.map((r) => `"${r}"`).join(", ")}.`];
    },
};
