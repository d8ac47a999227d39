/** The tags a policy file declares owners for, read with the HuJSON-tolerant parser in acl/ (loaded on first use). */
type AclModule = typeof import("../acl");
let aclModule: AclModule | undefined;
function acl(): AclModule {
    aclModule ??= require("../acl") as AclModule;
    return aclModule;
}

/** Tags with an entry in tagOwners, or undefined when the text does not parse to a policy object. */
export function ownedTags(policyText: string): Set<string> | undefined {
    const parsed = acl().parsePolicy(policyText);
    if (parsed.errors.length > 0 || typeof parsed.value !== "object" || parsed.value === null) {
        return undefined;
    }
    const tagOwners = (parsed.value as Record<string, unknown>).tagOwners;
    return new Set(typeof tagOwners === "object" && tagOwners !== null && !Array.isArray(tagOwners) ? Object.keys(tagOwners) : []);
}
