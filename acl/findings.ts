/** What the analyser reports: one finding per problem, each naming the check that raised it. */
import type { SourceLocation } from "./location";

/**
 * Problems Tailscale would reject (or silently misread): the policy file does not follow the documented grammar.
 * - syntax: HuJSON does not parse, or the top level is not an object.
 * - undefined-reference: a group:, tag:, host, posture: or ipset: name used but not defined.
 * - unknown-key: a key the section (or its entries) does not define, or a known key written with different case.
 * - wrong-type: a value of the wrong JSON type, e.g. a string where a list is expected.
 * - missing-field: a required field is absent, e.g. a grant without "ip" or "app".
 * - invalid-value: a value outside its allowed set: an action, a checkPeriod, a host address, a route prefix.
 * - invalid-selector: a malformed selector, or a selector kind not allowed where it appears.
 * - invalid-ports: a malformed port list, a port out of range, a reversed range, or ports on a protocol without ports.
 * - invalid-protocol: a protocol that is neither a known name nor an IANA number 0-255.
 * - empty-group: a group with no members.
 * - tag-without-owner: a tag whose tagOwners list is empty.
 */
export const POLICY_VALIDATION_IDS = [
    "syntax",
    "undefined-reference",
    "unknown-key",
    "wrong-type",
    "missing-field",
    "invalid-value",
    "invalid-selector",
    "invalid-ports",
    "invalid-protocol",
    "empty-group",
    "tag-without-owner",
] as const;
export type PolicyValidationId = (typeof POLICY_VALIDATION_IDS)[number];

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

/** An assertion of the file's own `tests` or `sshTests` that the policy does not meet (Tailscale rejects the save). */
export type PolicyTestId = "test-failed";

export type PolicyCheckId = PolicyValidationId | PolicyLintId | PolicyTestId;
export const POLICY_TEST_IDS: readonly PolicyTestId[] = ["test-failed"];

export interface PolicyFinding {
    check: PolicyCheckId;
    /** One sentence: what is wrong, the offending value, and the fix. Includes no file position (that is in location). */
    message: string;
    location?: SourceLocation;
}
