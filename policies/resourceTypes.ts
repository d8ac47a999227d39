/**
 * Type tokens the rules match on. Matching on strings (not on SDK classes) keeps the pack from
 * loading @pulumi/tailscale or @pulumi/aws at start-up. Tokens are those of @pulumi/tailscale 0.29 and
 * @pulumi/aws 7 (each class's `__pulumiType`).
 */
export const TAILSCALE_TYPES = {
    provider: "pulumi:providers:tailscale",
    acl: "tailscale:index/acl:Acl",
    tailnetSettings: "tailscale:index/tailnetSettings:TailnetSettings",
    tailnetKey: "tailscale:index/tailnetKey:TailnetKey",
    webhook: "tailscale:index/webhook:Webhook",
    oauthClient: "tailscale:index/oauthClient:OauthClient",
    federatedIdentity: "tailscale:index/federatedIdentity:FederatedIdentity",
    logstreamConfiguration: "tailscale:index/logstreamConfiguration:LogstreamConfiguration",
    postureIntegration: "tailscale:index/postureIntegration:PostureIntegration",
    contacts: "tailscale:index/contacts:Contacts",
    deviceKey: "tailscale:index/deviceKey:DeviceKey",
    deviceAuthorization: "tailscale:index/deviceAuthorization:DeviceAuthorization",
    deviceSubnetRoutes: "tailscale:index/deviceSubnetRoutes:DeviceSubnetRoutes",
    deviceTags: "tailscale:index/deviceTags:DeviceTags",
    dnsConfiguration: "tailscale:index/dnsConfiguration:DnsConfiguration",
    dnsNameservers: "tailscale:index/dnsNameservers:DnsNameservers",
    dnsPreferences: "tailscale:index/dnsPreferences:DnsPreferences",
    dnsSearchPaths: "tailscale:index/dnsSearchPaths:DnsSearchPaths",
    dnsSplitNameservers: "tailscale:index/dnsSplitNameservers:DnsSplitNameservers",
    awsExternalId: "tailscale:index/awsExternalId:AwsExternalId",
    service: "tailscale:index/service:Service",
} as const;

/** The per-part DNS resources that must not be mixed with DnsConfiguration (which owns all of DNS). */
export const TAILSCALE_DNS_PART_TYPES: readonly string[] = [
    TAILSCALE_TYPES.dnsNameservers,
    TAILSCALE_TYPES.dnsPreferences,
    TAILSCALE_TYPES.dnsSearchPaths,
    TAILSCALE_TYPES.dnsSplitNameservers,
];

export const AWS_TYPES = {
    instance: "aws:ec2/instance:Instance",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    ebsVolume: "aws:ebs/volume:Volume",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    securityGroupIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    s3Bucket: "aws:s3/bucket:Bucket",
    s3BucketV2: "aws:s3/bucketV2:BucketV2",
    s3PublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    s3Versioning: "aws:s3/bucketVersioning:BucketVersioning",
    s3VersioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    s3Encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    s3EncryptionV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    iamRole: "aws:iam/role:Role",
} as const;

/** Tailscale's hardening guide, the reference for R6. */
export const HARDENING_GUIDE = "https://tailscale.com/kb/1196/security-hardening";
