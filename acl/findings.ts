/** What the analyser reports: one finding per problem, each naming the check that raised it. */
import type { SourceLocation } from "./location";

export type PolicyCheckId =
    /** HuJSON does not parse, or the top level is not an object. */
    | "syntax"
    /** A rule letting every source reach every destination on every port. */
    | "allow-all"
    /** SSH "accept" (not "check") as root for a source that is not a tag. */
    | "ssh-root-without-check"
    /** A tagOwners entry listing "autogroup:member" or "*". */
    | "tag-owner-too-broad"
    /** A group:, tag: or host name used but not defined. */
    | "undefined-reference";

export interface PolicyFinding {
    check: PolicyCheckId;
    /** One sentence: what is wrong, the offending value, and the fix. Includes no file position (that is in location). */
    message: string;
    location?: SourceLocation;
}
