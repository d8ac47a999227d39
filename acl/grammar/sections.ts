/**
 * The shape of the policy file as data: which top-level sections exist, the JSON type of each, and
 * which keys an entry of each list section may have.
 *
 * Source: https://tailscale.com/kb/1337/policy-syntax (sections, fields and legacy fields),
 * https://tailscale.com/kb/1538/grants-syntax (grants), https://tailscale.com/kb/1193/tailscale-ssh
 * (ssh), https://tailscale.com/kb/1288/device-posture (postures).
 */

/** The JSON types a value may have, as reported in messages. */
export type JsonType = "object" | "list" | "string" | "boolean" | "number";

export interface SectionSpec {
    type: JsonType;
    /** Reference documentation for the section. */
    doc: string;
}

const SYNTAX = "https://tailscale.com/kb/1337/policy-syntax";

export const TOP_LEVEL_SECTIONS: Readonly<Record<string, SectionSpec>> = {
    acls: { type: "list", doc: `${SYNTAX}#acls` },
    grants: { type: "list", doc: "https://tailscale.com/kb/1538/grants-syntax" },
    groups: { type: "object", doc: `${SYNTAX}#groups` },
    hosts: { type: "object", doc: `${SYNTAX}#hosts` },
    ipsets: { type: "object", doc: "https://tailscale.com/kb/1387/ipsets" },
    tagOwners: { type: "object", doc: `${SYNTAX}#tag-owners` },
    autoApprovers: { type: "object", doc: `${SYNTAX}#auto-approvers` },
    ssh: { type: "list", doc: `${SYNTAX}#tailscale-ssh` },
    nodeAttrs: { type: "list", doc: `${SYNTAX}#node-attributes` },
    postures: { type: "object", doc: "https://tailscale.com/kb/1288/device-posture" },
    defaultSrcPosture: { type: "list", doc: "https://tailscale.com/kb/1288/device-posture" },
    tests: { type: "list", doc: `${SYNTAX}#tests` },
    sshTests: { type: "list", doc: `${SYNTAX}#ssh-tests` },
    disableIPv4: { type: "boolean", doc: `${SYNTAX}#disableipv4` },
    randomizeClientPort: { type: "boolean", doc: `${SYNTAX}#randomizeclientport` },
    OneCGNATRoute: { type: "string", doc: `${SYNTAX}#onecgnatroute` },
    derpMap: { type: "object", doc: "https://tailscale.com/kb/1118/custom-derp-servers" },
};

/** The keys an entry of each list section (and of autoApprovers) may have. */
export const ENTRY_KEYS: Readonly<Record<string, readonly string[]>> = {
    // "users" and "ports" are the legacy spellings of "src" and "dst". srcPosture gates access rules of
    // either syntax (https://tailscale.com/kb/1288/device-posture).
    acls: ["action", "src", "dst", "proto", "users", "ports", "srcPosture"],
    grants: ["src", "dst", "ip", "app", "via", "srcPosture"],
    // srcPosture on SSH rules: https://tailscale.com/kb/1337/policy-syntax#srcposture
    ssh: ["action", "src", "dst", "users", "checkPeriod", "acceptEnv", "recorder", "enforceRecorder", "srcPosture"],
    // "ipPool": CGNAT prefixes to allocate the targets' addresses from.
    nodeAttrs: ["target", "attr", "app", "ipPool"],
    // "allow" is the legacy spelling of "accept". srcPostureAttrs: the source device's posture
    // attributes (https://tailscale.com/kb/1337/policy-syntax#srcpostureattrs, #srcpostureattrs-1).
    tests: ["src", "proto", "accept", "deny", "allow", "srcPostureAttrs"],
    sshTests: ["src", "dst", "accept", "check", "deny", "srcPostureAttrs"],
    autoApprovers: ["routes", "exitNode", "services"],
};

/** Actions an `acls` rule may have. */
export const ACL_ACTIONS: readonly string[] = ["accept"];
/** Actions an `ssh` rule may have. */
export const SSH_ACTIONS: readonly string[] = ["accept", "check"];

/** Bounds of an SSH checkPeriod (https://tailscale.com/kb/1337/policy-syntax#checkperiod: one minute to 168 hours), in minutes. */
export const CHECK_PERIOD_MIN_MINUTES = 1;
export const CHECK_PERIOD_MAX_MINUTES = 168 * 60;

/** The JSON type of a value, as named in messages. */
export function jsonTypeOf(value: unknown): JsonType | "null" {
    if (value === null) return "null";
    if (Array.isArray(value)) return "list";
    switch (typeof value) {
        case "string":
            return "string";
        case "boolean":
            return "boolean";
        case "number":
            return "number";
        default:
            return "object";
    }
}
