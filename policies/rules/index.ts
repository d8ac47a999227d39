import type { Rule } from "../rule";
import { authKeyExpiry } from "./authKeyExpiry";
import { authKeyPreauthorizedUntagged } from "./authKeyPreauthorizedUntagged";
import { authKeyReusable } from "./authKeyReusable";
import { ec2UserDataAuthKey } from "./ec2UserDataAuthKey";
import { policyFileAllowAll } from "./policyFileAllowAll";
import { policyFileReferences } from "./policyFileReferences";
import { policyFileSshRootCheck } from "./policyFileSshRootCheck";
import { policyFileSyntax } from "./policyFileSyntax";
import { policyFileTagOwners } from "./policyFileTagOwners";
import { tailnetAutoUpdates } from "./tailnetAutoUpdates";
import { tailnetDeviceApproval } from "./tailnetDeviceApproval";
import { tailnetExternalTailnets } from "./tailnetExternalTailnets";
import { tailnetKeyExpiry } from "./tailnetKeyExpiry";
import { tailnetUserApproval } from "./tailnetUserApproval";
import { webhookHttps } from "./webhookHttps";

export {
    authKeyExpiry,
    authKeyPreauthorizedUntagged,
    authKeyReusable,
    ec2UserDataAuthKey,
    policyFileAllowAll,
    policyFileReferences,
    policyFileSshRootCheck,
    policyFileSyntax,
    policyFileTagOwners,
    tailnetAutoUpdates,
    tailnetDeviceApproval,
    tailnetExternalTailnets,
    tailnetKeyExpiry,
    tailnetUserApproval,
    webhookHttps,
};

/** Every rule in the pack, in the order GetAnalyzerInfo lists them. */
export const allRules: readonly Rule[] = [
    tailnetDeviceApproval,
    tailnetUserApproval,
    tailnetAutoUpdates,
    tailnetKeyExpiry,
    tailnetExternalTailnets,
    authKeyReusable,
    authKeyPreauthorizedUntagged,
    authKeyExpiry,
    policyFileSyntax,
    policyFileAllowAll,
    policyFileSshRootCheck,
    policyFileTagOwners,
    policyFileReferences,
    webhookHttps,
    ec2UserDataAuthKey,
];
