/**
 * autogroup:self ("the source user's own devices") in a destination: only sources that are users
 * may use it (https://tailscale.com/kb/1396/targets).
 */
import { NONE, type PolicyTape } from "../tape";
import type { JsonPath } from "../walk";
import { splitDestination } from "./ports";
import { pathTo, type Validation } from "./report";

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
 * True when a rule's destinations reach autogroup:self: one of them is autogroup:self (with ports
 * for acls, where the target is what precedes them).
 */
export function reachesSelf(tape: PolicyTape, destinations: number, withPorts: boolean): boolean {
    for (let element = tape.first(destinations); element !== NONE; element = tape.next(element)) {
        if (!tape.isString(element)) continue;
        const dst = tape.string(element);
        // includes first: splitting every destination of every rule would cost more than the rest of this check.
        if (!dst.includes(SELF)) continue;
        if ((withPorts ? splitDestination(dst)?.target ?? dst : dst) === SELF) return true;
    }
    return false;
}

const SELF = "autogroup:self";

/**
 * autogroup:self means "the source user's own devices", so a rule reaching it must have only
 * user sources (Tailscale rejects the policy otherwise; https://tailscale.com/kb/1396/targets).
 * Legacy acls also accept "*" there (observed in Tailscale's responses captured by headscale's
 * compatibility tests); grants do not. `sources` is the rule's source list (or NONE), at `parent` + `key`.
 */
export function validateSelfSources(v: Validation, sources: number, parent: JsonPath, key: string, wildcardAllowed: boolean): void {
    const tape = v.tape;
    for (let element = tape.first(sources), index = 0; element !== NONE; element = tape.next(element), index++) {
        if (!tape.isString(element)) continue;
        const source = tape.string(element);
        const problem = selfSourceProblem(source, wildcardAllowed);
        if (problem === undefined) continue;
        v.add(
            "invalid-selector",
            pathTo(parent, key, index),
            `${JSON.stringify(source)} is ${problem}, but the rule reaches autogroup:self, which only users, groups and autogroup:member may use; move it to a rule of its own`,
        );
    }
}
