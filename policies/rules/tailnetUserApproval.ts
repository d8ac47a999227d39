import type { ResourceRule } from "../rule";
import { TAILSCALE_TYPES } from "../resourceTypes";
import { isTrue, show, patched } from "../values";

export const tailnetUserApproval: ResourceRule = {
    kind: "resource",
    name: "tailnet-user-approval",
    description: "TailnetSettings must require an admin to approve each new user (usersApprovalOn: true).",
    responsibility: "R2",
    severity: "high",
    enforcementLevel: "mandatory",
    rationale:
        "With user approval off, anyone the identity provider lets sign in to the tailnet's domain becomes a member; " +
        "approval keeps membership a decision of the tailnet's admins.",
    url: "https://tailscale.com/kb/1239/user-approval",
    remediationSteps: "Set usersApprovalOn: true on the TailnetSettings resource.",
    resourceTypes: [TAILSCALE_TYPES.tailnetSettings],
    check(resource) {
        const value = resource.props.usersApprovalOn;
        return isTrue(value) ? [] : [`usersApprovalOn is ${show(value)}: set it to true so new users wait for admin approval.`];
    },
    remediate(resource) {
        return isTrue(resource.props.usersApprovalOn) ? undefined : patched(resource.props, { usersApprovalOn: true });
    },
};
