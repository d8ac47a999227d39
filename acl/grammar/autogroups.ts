/**
 * The autogroups Tailscale defines, as data: what each selects and in which positions of the policy
 * file it may appear.
 *
 * Sources: https://tailscale.com/kb/1396/targets (autogroup list and restrictions),
 * https://tailscale.com/kb/1193/tailscale-ssh (autogroup:nonroot in SSH "users"), cross-checked with
 * headscale's policy v2 validation (hscontrol/policy/v2/types.go: autogroupForSrc, autogroupForDst,
 * autogroupForSSHSrc, autogroupForSSHDst, autogroupForNodeAttrs).
 */

/**
 * A position in the policy file where a selector may appear.
 * - src / dst: sources and destination targets of `acls` and `grants`
 * - sshSrc / sshDst / sshUser: the `src`, `dst` and `users` of `ssh` rules
 * - tagOwner: owners listed under `tagOwners`
 * - groupMember: members listed under `groups`
 * - autoApprover: approvers under `autoApprovers`
 * - nodeAttrTarget: `target` of `nodeAttrs`
 * - via: `via` of grants (routers)
 * - testSrc / testDst: `src` and `accept`/`deny` targets of `tests`
 * - sshTestSrc / sshTestDst: `src` and `dst` of `sshTests`
 * - posture: `srcPosture` and `defaultSrcPosture`
 * - ipsetMember: entries of an `ipsets` list
 * - recorder: `recorder` of an SSH rule
 * - appConnector: `connectors` of an app under the nodeAttrs capability "tailscale.com/app-connectors"
 */
export type SelectorContext =
    | "src"
    | "dst"
    | "sshSrc"
    | "sshDst"
    | "sshUser"
    | "tagOwner"
    | "groupMember"
    | "autoApprover"
    | "nodeAttrTarget"
    | "via"
    | "testSrc"
    | "testDst"
    | "sshTestSrc"
    | "sshTestDst"
    | "posture"
    | "ipsetMember"
    | "recorder"
    | "appConnector";

/** Human wording of each context, for messages ("... is not allowed in an SSH destination"). */
export const CONTEXT_NAMES: Readonly<Record<SelectorContext, string>> = {
    src: "an access rule source",
    dst: "an access rule destination",
    sshSrc: "an SSH source",
    sshDst: "an SSH destination",
    sshUser: "an SSH users list",
    tagOwner: "a tag owner list",
    groupMember: "a group's members",
    autoApprover: "an auto-approver list",
    nodeAttrTarget: "a nodeAttrs target",
    via: "a grant's via list",
    testSrc: "a test source",
    testDst: "a test destination",
    sshTestSrc: "an SSH test source",
    sshTestDst: "an SSH test destination",
    posture: "a posture list",
    ipsetMember: "an IP set",
    recorder: "an SSH recorder list",
    appConnector: "an app connector's connectors",
};

export interface AutogroupSpec {
    /** What the autogroup selects. */
    selects: string;
    /** The positions where Tailscale accepts it. */
    allowedIn: readonly SelectorContext[];
}

/** Role autogroups (https://tailscale.com/kb/1138/user-roles) select the users holding that role. */
const ROLE_CONTEXTS: readonly SelectorContext[] = ["src", "dst", "sshSrc", "tagOwner", "autoApprover", "nodeAttrTarget", "testSrc"];

export const AUTOGROUPS: Readonly<Record<string, AutogroupSpec>> = {
    "autogroup:internet": {
        selects: "every public IP address (used to grant exit-node use)",
        allowedIn: ["dst"],
    },
    "autogroup:self": {
        selects: "the devices of the same user as the source",
        allowedIn: ["dst", "sshDst"],
    },
    "autogroup:member": {
        selects: "every member of the tailnet (their user-owned devices)",
        allowedIn: ["src", "dst", "sshSrc", "sshDst", "tagOwner", "autoApprover", "nodeAttrTarget", "testSrc"],
    },
    "autogroup:tagged": {
        selects: "every tagged device",
        allowedIn: ["src", "dst", "sshSrc", "sshDst", "nodeAttrTarget"],
    },
    "autogroup:shared": {
        selects: "users who accepted a sharing invitation into the tailnet",
        allowedIn: ["src", "nodeAttrTarget"],
    },
    "autogroup:danger-all": {
        selects: "every device, including ones outside the tailnet",
        allowedIn: ["src"],
    },
    "autogroup:nonroot": {
        selects: "every local account on the destination except root",
        allowedIn: ["sshUser"],
    },
    "autogroup:owner": { selects: "users with the Owner role", allowedIn: ROLE_CONTEXTS },
    "autogroup:admin": { selects: "users with the Admin role", allowedIn: ROLE_CONTEXTS },
    "autogroup:it-admin": { selects: "users with the IT admin role", allowedIn: ROLE_CONTEXTS },
    "autogroup:network-admin": { selects: "users with the Network admin role", allowedIn: ROLE_CONTEXTS },
    "autogroup:billing-admin": { selects: "users with the Billing admin role", allowedIn: ROLE_CONTEXTS },
    "autogroup:auditor": { selects: "users with the Auditor role", allowedIn: ROLE_CONTEXTS },
};

export const AUTOGROUPS_DOC = "https://tailscale.com/kb/1396/targets";

/** The spec of a known autogroup, or undefined (own properties only). */
export function autogroupSpec(name: string): AutogroupSpec | undefined {
    return Object.prototype.hasOwnProperty.call(AUTOGROUPS, name) ? AUTOGROUPS[name] : undefined;
}
