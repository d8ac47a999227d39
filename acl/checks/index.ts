/** Every check run by checkPolicy, in the order their findings are gathered. */
import { checkGrammarAndReferences } from "../validate";
import { checkAllowAll } from "./allowAll";
import { checkAutoApproverNotTag } from "./autoApproverNotTag";
import { checkBroadAccessToTagged, checkDangerAll, checkExitNodeToEveryone, checkFunnelTooBroad, checkNearAllowAll } from "./breadth";
import { checkLegacyAcls, checkMissingTests, checkNoDevicePosture, checkNoGroups, checkOneSidedTests, checkSshWithoutTests } from "./coverage";
import { checkShadowedRule } from "./shadowedRule";
import { checkSshCheckPeriodTooLong, checkSshNonrootWithoutCheck, checkSshRecorderNotEnforced } from "./sshHardening";
import { checkSshRootWithoutCheck } from "./sshRootWithoutCheck";
import { checkTagOwnerTooBroad } from "./tagOwnerTooBroad";
import type { PolicyCheck } from "./types";

export type { AnalyzeOptions, PolicyCheck } from "./types";
export { DEFAULT_MAX_CHECK_PERIOD_HOURS, LINT_CATALOG, type LintResponsibility, type LintSpec } from "./catalog";

export const ALL_CHECKS: readonly PolicyCheck[] = [
    // Grammar, then undefined-reference: one walk finds both (acl/validate/references.ts).
    checkGrammarAndReferences,
    checkAllowAll,
    checkNearAllowAll,
    checkBroadAccessToTagged,
    checkExitNodeToEveryone,
    checkDangerAll,
    checkFunnelTooBroad,
    checkSshRootWithoutCheck,
    checkSshNonrootWithoutCheck,
    checkSshCheckPeriodTooLong,
    checkSshRecorderNotEnforced,
    checkTagOwnerTooBroad,
    checkAutoApproverNotTag,
    checkShadowedRule,
    checkMissingTests,
    checkOneSidedTests,
    checkSshWithoutTests,
    checkNoGroups,
    checkLegacyAcls,
    checkNoDevicePosture,
];
