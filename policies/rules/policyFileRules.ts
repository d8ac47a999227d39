/** The rules over the tailnet policy file (`tailscale.Acl`), each reporting the findings of one acl/ check. */
import type { Rule } from "../rule";
import { policyFileAllowAll } from "./policyFileAllowAll";
import { policyFileReferences } from "./policyFileReferences";
import { policyFileSshRootCheck } from "./policyFileSshRootCheck";
import { policyFileSyntax } from "./policyFileSyntax";
import { policyFileTagOwners } from "./policyFileTagOwners";

export { policyFileAllowAll, policyFileReferences, policyFileSshRootCheck, policyFileSyntax, policyFileTagOwners };

export const policyFileRules: readonly Rule[] = [
    policyFileSyntax,
    policyFileAllowAll,
    policyFileSshRootCheck,
    policyFileTagOwners,
    policyFileReferences,
];
