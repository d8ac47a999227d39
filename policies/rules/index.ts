import type { Rule } from "../rule";
import { authKeyExpiry } from "./authKeyExpiry";
import { authKeyPreauthorizedUntagged } from "./authKeyPreauthorizedUntagged";
import { authKeyReusable } from "./authKeyReusable";
import { contactsSecurityEmail } from "./contactsSecurityEmail";
import { deviceSubnetRoutes } from "./deviceSubnetRoutes";
import { deviceTagsValid } from "./deviceTagsValid";
import { dnsNameserversTrusted } from "./dnsNameserversTrusted";
import { ec2Imdsv2 } from "./ec2Imdsv2";
import { ec2UserDataAuthKey } from "./ec2UserDataAuthKey";
import { ec2VolumesEncrypted } from "./ec2VolumesEncrypted";
import { federatedIdentityTrust } from "./federatedIdentityTrust";
import { logStreamCredentials } from "./logStreamCredentials";
import { oauthScopesAllowed } from "./oauthScopesAllowed";
import { oauthTagsRequired } from "./oauthTagsRequired";
import { policyFileRules } from "./policyFileRules";
import { postureIntegrationSecret } from "./postureIntegrationSecret";
import { providerCredentials } from "./providerCredentials";
import { s3PublicAccessBlock } from "./s3PublicAccessBlock";
import { securityGroupPublicSsh } from "./securityGroupPublicSsh";
import { stackDeviceAuthorization } from "./stackDeviceAuthorization";
import { stackDeviceKeyExpiry } from "./stackDeviceKeyExpiry";
import { stackDnsSingleOwner } from "./stackDnsSingleOwner";
import { stackLogBucketProtected } from "./stackLogBucketProtected";
import { stackLogStreamExists } from "./stackLogStreamExists";
import { stackLogStreamRoleTrust } from "./stackLogStreamRoleTrust";
import { stackSecurityContacts } from "./stackSecurityContacts";
import { stackTagOwners } from "./stackTagOwners";
import { stackTailnetSingletons } from "./stackTailnetSingletons";
import { tailnetAclsExternallyManaged } from "./tailnetAclsExternallyManaged";
import { tailnetAutoUpdates } from "./tailnetAutoUpdates";
import { tailnetDeviceApproval } from "./tailnetDeviceApproval";
import { tailnetExternalTailnets } from "./tailnetExternalTailnets";
import { tailnetHttpsCertificates } from "./tailnetHttpsCertificates";
import { tailnetKeyExpiry } from "./tailnetKeyExpiry";
import { tailnetNetworkFlowLogging } from "./tailnetNetworkFlowLogging";
import { tailnetPostureIdentity } from "./tailnetPostureIdentity";
import { tailnetUserApproval } from "./tailnetUserApproval";
import { webhookCriticalEvents } from "./webhookCriticalEvents";
import { webhookHttps } from "./webhookHttps";

export * from "./policyFileRules";
export {
    authKeyExpiry,
    authKeyPreauthorizedUntagged,
    authKeyReusable,
    contactsSecurityEmail,
    deviceSubnetRoutes,
    deviceTagsValid,
    dnsNameserversTrusted,
    ec2Imdsv2,
    ec2UserDataAuthKey,
    ec2VolumesEncrypted,
    federatedIdentityTrust,
    logStreamCredentials,
    oauthScopesAllowed,
    oauthTagsRequired,
    postureIntegrationSecret,
    providerCredentials,
    s3PublicAccessBlock,
    securityGroupPublicSsh,
    stackDeviceAuthorization,
    stackDeviceKeyExpiry,
    stackDnsSingleOwner,
    stackLogBucketProtected,
    stackLogStreamExists,
    stackLogStreamRoleTrust,
    stackSecurityContacts,
    stackTagOwners,
    stackTailnetSingletons,
    tailnetAclsExternallyManaged,
    tailnetAutoUpdates,
    tailnetDeviceApproval,
    tailnetExternalTailnets,
    tailnetHttpsCertificates,
    tailnetKeyExpiry,
    tailnetNetworkFlowLogging,
    tailnetPostureIdentity,
    tailnetUserApproval,
    webhookCriticalEvents,
    webhookHttps,
};

/** Every rule in the pack, in the order GetAnalyzerInfo lists them. */
export const allRules: readonly Rule[] = [
    // The provider and the tailnet's settings
    providerCredentials,
    tailnetDeviceApproval,
    tailnetUserApproval,
    tailnetAutoUpdates,
    tailnetKeyExpiry,
    tailnetExternalTailnets,
    tailnetPostureIdentity,
    tailnetNetworkFlowLogging,
    tailnetAclsExternallyManaged,
    tailnetHttpsCertificates,
    // Credentials that enrol devices or call the API
    authKeyReusable,
    authKeyPreauthorizedUntagged,
    authKeyExpiry,
    oauthScopesAllowed,
    oauthTagsRequired,
    federatedIdentityTrust,
    // The policy file
    ...policyFileRules,
    // Devices
    deviceTagsValid,
    deviceSubnetRoutes,
    // Logs, notifications, contacts, DNS
    webhookHttps,
    webhookCriticalEvents,
    logStreamCredentials,
    postureIntegrationSecret,
    contactsSecurityEmail,
    dnsNameserversTrusted,
    // AWS hosts of Tailscale nodes and log storage
    ec2UserDataAuthKey,
    ec2Imdsv2,
    ec2VolumesEncrypted,
    securityGroupPublicSsh,
    s3PublicAccessBlock,
    // Whole-stack rules
    stackTailnetSingletons,
    stackTagOwners,
    stackLogStreamExists,
    stackSecurityContacts,
    stackDnsSingleOwner,
    stackDeviceKeyExpiry,
    stackDeviceAuthorization,
    stackLogBucketProtected,
    stackLogStreamRoleTrust,
];
