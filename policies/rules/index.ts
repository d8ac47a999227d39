import type { Rule } from "../rule";
import { authKeyExpiry } from "./authKeyExpiry";
import { authKeyPreauthorizedUntagged } from "./authKeyPreauthorizedUntagged";
import { authKeyReusable } from "./authKeyReusable";
import { ec2UserDataAuthKey } from "./ec2UserDataAuthKey";
import { tailnetAutoUpdates } from "./tailnetAutoUpdates";
import { tailnetDeviceApproval } from "./tailnetDeviceApproval";
import { tailnetExternalTailnets } from "./tailnetExternalTailnets";
import { tailnetKeyExpiry } from "./tailnetKeyExpiry";
import { tailnetUserApproval } from "./tailnetUserApproval";
import { webhookHttps } from "./webhookHttps";
import { policyFileRules } from "./policyFileRules";

export * from "./policyFileRules";
export {
    authKeyExpiry,
    authKeyPreauthorizedUntagged,
    authKeyReusable,
    ec2UserDataAuthKey,
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
    ...policyFileRules,
    webhookHttps,
    ec2UserDataAuthKey,
];
