/**
 * autogroup:self ("the source user's own devices") in a destination: only sources that are users
 * may use it (https://tailscale.com/kb/1396/targets).
 */
import type { JsonPath } from "../walk";
import type { Validation } from "./report";

/** Sources that may reach autogroup:self: people (users, groups, user patterns) and member/role autogroups, not tags, "*" or addresses. */
function selfSourceProblem(source: string, wildcardAllowed: boolean): string | undefined {
    if (source === "*" && wildcardAllowed) return undefined;
    if (source.startsWith("autogroup:")) {
        return source === "autogroup:tagged" || source === "autogroup:danger-all" ? "an autogroup of devices" : undefined;
    }
    if (source.startsWith("group:") || source.startsWith("user:") || (source.includes("@") && !source.startsWith("tag:"))) return undefined;
    return source === "*" ? "everyone, tagged devices included" : source.startsWith("tag:") ? "a tag" : "not a user";
}

/**
 * autogroup:self means "the source user's own devices", so a rule reaching it must have only
 * user sources (Tailscale rejects the policy otherwise; https://tailscale.com/kb/1396/targets).
 * Legacy acls also accept "*" there (observed in Tailscale's responses captured by headscale's
 * compatibility tests); grants do not.
 */
export function validateSelfSources(
    v: Validation,
    targets: readonly string[],
    sources: ReadonlyArray<{ value: string; path: JsonPath }>,
    wildcardAllowed: boolean,
): void {
    if (!targets.includes("autogroup:self")) return;
    for (const source of sources) {
        const problem = selfSourceProblem(source.value, wildcardAllowed);
        if (problem === undefined) continue;
        v.add(
            "invalid-selector",
            source.path,
            `${JSON.stringify(source.value)} is ${problem}, but the rule reaches autogroup:self, which only users, groups and autogroup:member may use; move it to a rule of its own`,
        );
    }
}
