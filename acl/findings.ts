/** What the analyser reports: one finding per problem, each naming the check that raised it. */
import type { SourceLocation } from "./location";

/** Problems Tailscale would reject (or silently misread): the policy file does not follow the documented grammar. */
export type PolicyValidationId =
    /** HuJSON does not parse, or the top level is not an object. */
    | "syntax"
    /** A group:, tag:, host, posture: or ipset: name used but not defined. */
    | "undefined-reference"
    /** A key the section (or its entries) does not define, or a known key written with different case. */
    | "unknown-key"
    /** A value of the wrong JSON type, e.g. a string where a list is expected. */
    | "wrong-type"
    /** A required field is absent, e.g. a grant without "ip" or "app". */
    | "missing-field"
    /** A value outside its allowed set: an action, a checkPeriod, a host address, a route prefix. */
    | "invalid-value"
    /** A malformed selector, or a selector kind not allowed where it appears. */
    | "invalid-selector"
    /** A malformed port list, a port out of range, a reversed range, or ports on a protocol without ports. */
    | "invalid-ports"
    /** A protocol that is neither a known name nor an IANA number 0-255. */
    | "invalid-protocol"
    /** A group with no members. */
    | "empty-group"
    /** A tag whose tagOwners list is empty. */
    | "tag-without-owner";

/** Hardening lints: valid policies that give away more access than they should (see checks/catalog.ts). */
export type PolicyLintId =
    | "allow-all"
    | "near-allow-all"
    | "broad-access-to-tagged"
    | "ssh-root-without-check"
    | "ssh-nonroot-without-check"
    | "ssh-check-period-too-long"
    | "tag-owner-too-broad"
    | "auto-approver-not-tag"
    | "danger-all"
    | "funnel-too-broad"
    | "exit-node-to-everyone"
    | "ssh-recorder-not-enforced"
    | "missing-tests"
    | "one-sided-tests"
    | "ssh-without-tests"
    | "no-groups"
    | "legacy-acls"
    | "no-device-posture"
    | "shadowed-rule";

export type PolicyCheckId = PolicyValidationId | PolicyLintId;

export interface PolicyFinding {
    check: PolicyCheckId;
    /** One sentence: what is wrong, the offending value, and the fix. Includes no file position (that is in location). */
    message: string;
    location?: SourceLocation;
}
