/** Every check run by checkPolicy, in the order their findings are gathered. */
import { checkAllowAll } from "./allowAll";
import { checkSshRootWithoutCheck } from "./sshRootWithoutCheck";
import { checkTagOwnerTooBroad } from "./tagOwnerTooBroad";
import type { PolicyCheck } from "./types";
import { checkUndefinedReference } from "./undefinedReference";

export type { PolicyCheck } from "./types";

export const ALL_CHECKS: readonly PolicyCheck[] = [
    checkAllowAll,
    checkSshRootWithoutCheck,
    checkTagOwnerTooBroad,
    checkUndefinedReference,
];
