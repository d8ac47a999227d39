/** The rules over the tailnet policy file (`tailscale.Acl`), each reporting the findings of one acl/ check (or check family). */
import type { PolicyFileRule } from "../policyFileFindings";
import { policyFileAllowAll } from "./policyFileAllowAll";
import { policyFileAutoApprovers } from "./policyFileAutoApprovers";
import { policyFileBroadAccessToTagged } from "./policyFileBroadAccessToTagged";
import { policyFileDangerAll } from "./policyFileDangerAll";
import { policyFileDevicePosture } from "./policyFileDevicePosture";
import { policyFileEmptyGroups } from "./policyFileEmptyGroups";
import { policyFileExitNodes } from "./policyFileExitNodes";
import { policyFileFunnel } from "./policyFileFunnel";
import { policyFileGroups } from "./policyFileGroups";
import { policyFileLegacyAcls } from "./policyFileLegacyAcls";
import { policyFileNearAllowAll } from "./policyFileNearAllowAll";
import { policyFileReferences } from "./policyFileReferences";
import { policyFileSchema } from "./policyFileSchema";
import { policyFileShadowedRules } from "./policyFileShadowedRules";
import { policyFileSshCheckPeriod } from "./policyFileSshCheckPeriod";
import { policyFileSshNonrootCheck } from "./policyFileSshNonrootCheck";
import { policyFileSshRecorder } from "./policyFileSshRecorder";
import { policyFileSshRootCheck } from "./policyFileSshRootCheck";
import { policyFileSshTests } from "./policyFileSshTests";
import { policyFileSyntax } from "./policyFileSyntax";
import { policyFileTagOwners } from "./policyFileTagOwners";
import { policyFileTagsWithoutOwners } from "./policyFileTagsWithoutOwners";
import { policyFileTests } from "./policyFileTests";
import { policyFileTestsBothWays } from "./policyFileTestsBothWays";
import { policyFileTestsPass } from "./policyFileTestsPass";

export {
    policyFileAllowAll,
    policyFileAutoApprovers,
    policyFileBroadAccessToTagged,
    policyFileDangerAll,
    policyFileDevicePosture,
    policyFileEmptyGroups,
    policyFileExitNodes,
    policyFileFunnel,
    policyFileGroups,
    policyFileLegacyAcls,
    policyFileNearAllowAll,
    policyFileReferences,
    policyFileSchema,
    policyFileShadowedRules,
    policyFileSshCheckPeriod,
    policyFileSshNonrootCheck,
    policyFileSshRecorder,
    policyFileSshRootCheck,
    policyFileSshTests,
    policyFileSyntax,
    policyFileTagOwners,
    policyFileTagsWithoutOwners,
    policyFileTests,
    policyFileTestsBothWays,
    policyFileTestsPass,
};

/** In report order: the file must parse and follow the grammar, then the access, SSH, ownership and test lints. */
export const policyFileRules: readonly PolicyFileRule[] = [
    policyFileSyntax,
    policyFileSchema,
    policyFileReferences,
    policyFileAllowAll,
    policyFileNearAllowAll,
    policyFileBroadAccessToTagged,
    policyFileDangerAll,
    policyFileExitNodes,
    policyFileFunnel,
    policyFileSshRootCheck,
    policyFileSshNonrootCheck,
    policyFileSshCheckPeriod,
    policyFileSshRecorder,
    policyFileTagOwners,
    policyFileTagsWithoutOwners,
    policyFileEmptyGroups,
    policyFileAutoApprovers,
    policyFileShadowedRules,
    policyFileTestsPass,
    policyFileTests,
    policyFileTestsBothWays,
    policyFileSshTests,
    policyFileGroups,
    policyFileLegacyAcls,
    policyFileDevicePosture,
];
