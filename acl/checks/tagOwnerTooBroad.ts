/** tag-owner-too-broad: a tag any member can apply, handing its access to any device they own. */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import type { PolicyTape } from "../tape";
import { isRecord, member, stringsOf } from "../walk";

/** Owners that let (nearly) anyone in the tailnet apply the tag, and who that is. */
const BROAD_OWNERS: Readonly<Record<string, string>> = {
    "autogroup:member": "any member",
    "*": "any user",
};

export function checkTagOwnerTooBroad(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    const tagOwners = member(doc, "tagOwners");
    if (!isRecord(tagOwners)) return [];
    const findings: PolicyFinding[] = [];
    for (const tag of Object.keys(tagOwners)) {
        const owners = tagOwners[tag];
        // Most owner lists name no broad owner: build paths only for those that do.
        if (!Array.isArray(owners) || !owners.some((owner) => typeof owner === "string" && Object.prototype.hasOwnProperty.call(BROAD_OWNERS, owner))) continue;
        for (const owner of stringsOf(owners, ["tagOwners", tag])) {
            if (!Object.prototype.hasOwnProperty.call(BROAD_OWNERS, owner.value)) continue;
            findings.push({
                check: "tag-owner-too-broad",
                message:
                    `tagOwners[${JSON.stringify(tag)}] lists ${JSON.stringify(owner.value)}, so ${BROAD_OWNERS[owner.value]} ` +
                    `could tag a device as ${JSON.stringify(tag)} and inherit its access; ` +
                    'limit the owners to a group or "autogroup:admin"',
                location: parsed.locate(owner.path),
            });
        }
    }
    return findings;
}
