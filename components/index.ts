/** Hardened Pulumi components for a Tailscale tailnet and the AWS infrastructure around it. */
export { AuthKey, AUTH_KEY_PRESETS, type AuthKeyArgs, type AuthKeyPreset, type AuthKeyPresetArgs } from "./authKey";
export {
    HardenedTailnet,
    POSTURE_PROVIDERS,
    type ExternalTailnetRole,
    type HardenedTailnetArgs,
    type PostureIntegrationArgs,
    type PostureProvider,
    type SecurityWebhookArgs,
    type TailnetContactsArgs,
    type TailnetDnsArgs,
    type TailnetNameserver,
} from "./hardenedTailnet";
export { BASELINE_POSTURE, type DevicePostureArgs, type ReleaseTrack } from "./devicePosture";
export { SECURITY_WEBHOOK_EVENTS, WEBHOOK_EVENTS, type WebhookEvent, type WebhookProviderType } from "./webhookEvents";
export { LOG_TYPES, type LogDestination, type LogStreamingArgs, type LogType, type S3LogDestination, type SiemLogDestination } from "./logStreaming";
export { mergePolicyFragments, type PolicyFragment } from "./policyFragment";
export { MachineClient, WorkloadIdentity, TRUST_CREDENTIAL_SCOPES, type TrustCredentialArgs, type WorkloadIdentityArgs } from "./trustCredentials";
export { TailscaleService, type TailscaleServiceArgs } from "./tailscaleService";
export { ManagedDevice, type ManagedDeviceArgs } from "./deviceHygiene";
export { SubnetRouter, DEFAULT_ROUTER_AMI, type AppConnectorApp, type SubnetRouterArgs } from "./aws/subnetRouter";
export { LogArchive, type LogArchiveArgs, type LogArchiveEncryption } from "./aws/logArchive";
export { renderBootScript, type RouterMode } from "./aws/bootScript";
