/** tag-owner-too-broad: a tag any member can apply, handing its access to any device they own. */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { NONE, type PolicyTape } from "../tape";
import { isStringId } from "../walk";

/** Owners that let (nearly) anyone in the tailnet apply the tag, and who that is. */
const BROAD_OWNERS: Readonly<Record<string, string>> = {
    "autogroup:member": "any member",
    "*": "any user",
};

/** True when tape value `n` is one of the broad owners, given by their numbers (NONE for those the file lacks). */
function isBroadOwner(tape: PolicyTape, n: number, member: number, anyone: number): boolean {
    return isStringId(tape, n, member) || isStringId(tape, n, anyone);
}

/** True when the tape list `owners` names a broad owner. */
function hasBroadOwner(tape: PolicyTape, owners: number, member: number, anyone: number): boolean {
    if (!tape.isArray(owners)) return false;
    for (let owner = tape.first(owners); owner !== NONE; owner = tape.next(owner)) if (isBroadOwner(tape, owner, member, anyone)) return true;
    return false;
}

export function checkTagOwnerTooBroad(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const tagOwners = tape.member(0, "tagOwners");
    if (!tape.isObject(tagOwners)) return [];
    const findings: PolicyFinding[] = [];
    // Owners are compared by number; a file with neither string has no broad owner.
    const member = tape.names.idOf("autogroup:member");
    const anyone = tape.names.idOf("*");
    if (member === NONE && anyone === NONE) return findings;
    for (let entry = tape.first(tagOwners); entry !== NONE; entry = tape.next(entry)) {
        // Most owner lists name no broad owner: build paths only for those that do.
        if (!hasBroadOwner(tape, entry, member, anyone)) continue;
        const tag = tape.key(entry);
        for (let owner = tape.first(entry), index = 0; owner !== NONE; owner = tape.next(owner), index++) {
            if (!isBroadOwner(tape, owner, member, anyone)) continue;
            const name = tape.string(owner);
            findings.push({
                check: "tag-owner-too-broad",
                message:
                    `tagOwners[${JSON.stringify(tag)}] lists ${JSON.stringify(name)}, so ${BROAD_OWNERS[name]} ` +
                    `could tag a device as ${JSON.stringify(tag)} and inherit its access; ` +
                    'limit the owners to a group or "autogroup:admin"',
                location: parsed.locate(["tagOwners", tag, index]),
            });
        }
    }
    return findings;
}
