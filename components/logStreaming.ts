/**
 * Where the tailnet streams its configuration audit logs and network flow logs (R4), and the
 * `tailscale.LogstreamConfiguration` resources that send them there.
 * https://tailscale.com/kb/1255/log-streaming
 */
import * as pulumi from "@pulumi/pulumi";
import * as tailscale from "@pulumi/tailscale";
import { logStreamCredentials } from "../policies/rules";
import { TAILSCALE_TYPES } from "../policies/resourceTypes";
import { badArgument } from "./errors";
import { refuseRuleViolations } from "./ruleGate";
import { checkOneOf, isKnown, type Checker } from "./validation";

export const LOG_TYPES = ["configuration", "network"] as const;
export type LogType = (typeof LOG_TYPES)[number];

/** SIEM destinations that authenticate with a token (LogstreamConfigurationArgs.destinationType). */
export const SIEM_DESTINATION_TYPES = ["axiom", "cribl", "datadog", "elastic", "panther", "splunk"] as const;
export type SiemDestinationType = (typeof SIEM_DESTINATION_TYPES)[number];

export const LOG_COMPRESSION_FORMATS = ["none", "zstd", "gzip"] as const;
export type LogCompressionFormat = (typeof LOG_COMPRESSION_FORMATS)[number];

/**
 * An S3 bucket Tailscale writes to by assuming an IAM role (s3AuthenticationType "rolearn"): no
 * long-lived AWS access key exists anywhere. `LogArchive.destination` builds one.
 */
export interface S3LogDestination {
    kind: "s3";
    /** The bucket name. */
    bucket: pulumi.Input<string>;
    /** The bucket's AWS region. */
    region: pulumi.Input<string>;
    /** ARN of the role Tailscale assumes; its trust policy must require `externalId`. */
    roleArn: pulumi.Input<string>;
    /** The external ID from `tailscale.AwsExternalId`, the confused-deputy guard of the role. */
    externalId: pulumi.Input<string>;
    /** Optional key prefix; each log type is written under `<prefix><logType>/`. */
    keyPrefix?: string;
}

/** A SIEM endpoint that takes the logs over https with a token. */
export interface SiemLogDestination {
    kind: "siem";
    /** The SIEM product. */
    destinationType: SiemDestinationType;
    /** The https:// ingestion URL. */
    url: string;
    /** The ingestion token; stored as a secret. */
    token: pulumi.Input<string>;
    /** User name, for Elastic only. */
    user?: pulumi.Input<string>;
}

export type LogDestination = S3LogDestination | SiemLogDestination;

export interface LogStreamingArgs {
    /** Where the logs go: an S3 bucket through a role (see `LogArchive`) or a SIEM endpoint. */
    destination: LogDestination;
    /**
     * Which logs to stream. Default both "configuration" (who changed what in the tailnet) and "network"
     * (flow logs): an investigation needs both (R4).
     */
    logTypes?: LogType[];
    /** Compression of uploaded logs. Default "gzip": smaller uploads, no loss. */
    compressionFormat?: LogCompressionFormat;
    /** Minutes between uploads, 1 to 1440. Unset: Tailscale's default. */
    uploadPeriodMinutes?: number;
}

/** Checks the arguments; throws badArgument naming `field` (e.g. "logStreaming.destination.url"). */
export function checkLogStreamingArgs(c: Checker, field: string, args: LogStreamingArgs): void {
    if (typeof args !== "object" || args === null || typeof args.destination !== "object" || args.destination === null) {
        badArgument(c.resource, c.component, `${field}.destination`, args?.destination, 'give { kind: "s3", ... } (see LogArchive.destination) or { kind: "siem", ... }');
    }
    const logTypes = args.logTypes ?? [...LOG_TYPES];
    if (!Array.isArray(logTypes) || logTypes.length === 0) {
        badArgument(c.resource, c.component, `${field}.logTypes`, args.logTypes, 'give "configuration", "network" or both');
    }
    for (const logType of logTypes) checkOneOf(c, `${field}.logTypes`, logType, LOG_TYPES);
    if (new Set(logTypes).size !== logTypes.length) {
        badArgument(c.resource, c.component, `${field}.logTypes`, args.logTypes, "list each log type once");
    }
    if (args.compressionFormat !== undefined) checkOneOf(c, `${field}.compressionFormat`, args.compressionFormat, LOG_COMPRESSION_FORMATS);
    if (args.uploadPeriodMinutes !== undefined && (!Number.isInteger(args.uploadPeriodMinutes) || args.uploadPeriodMinutes < 1 || args.uploadPeriodMinutes > 1440)) {
        badArgument(c.resource, c.component, `${field}.uploadPeriodMinutes`, args.uploadPeriodMinutes, "give whole minutes from 1 to 1440");
    }
    const destination = args.destination;
    if (destination.kind === "s3") {
        if (destination.keyPrefix !== undefined && (typeof destination.keyPrefix !== "string" || destination.keyPrefix.startsWith("/"))) {
            badArgument(c.resource, c.component, `${field}.destination.keyPrefix`, destination.keyPrefix, 'give a relative key prefix such as "tailscale/"');
        }
    } else if (destination.kind === "siem") {
        checkOneOf(c, `${field}.destination.destinationType`, destination.destinationType, SIEM_DESTINATION_TYPES);
        if (typeof destination.url !== "string") {
            badArgument(c.resource, c.component, `${field}.destination.url`, destination.url, "give the SIEM's https:// ingestion URL");
        }
        // An https URL and a token: the pack's log-stream-credentials rule decides (its messages never show the token).
        const token = destination.token === undefined || isKnown(destination.token) ? destination.token : "(set)";
        refuseRuleViolations(c.resource, `${c.component}: ${field}.destination`, [logStreamCredentials], {
            type: TAILSCALE_TYPES.logstreamConfiguration,
            name: field,
            props: { destinationType: destination.destinationType, url: destination.url, token },
        });
    } else {
        badArgument(c.resource, c.component, `${field}.destination.kind`, (destination as { kind?: unknown }).kind, 'give "s3" or "siem"');
    }
}

/** Creates one LogstreamConfiguration per log type, parented to `parent`. Arguments must be checked first. */
export function createLogStreams(parent: pulumi.Resource, name: string, args: LogStreamingArgs): tailscale.LogstreamConfiguration[] {
    const logTypes = args.logTypes ?? [...LOG_TYPES];
    const compressionFormat = args.compressionFormat ?? "gzip";
    return logTypes.map((logType) => {
        const destination = args.destination;
        const common = { logType, compressionFormat, uploadPeriodMinutes: args.uploadPeriodMinutes };
        const props: tailscale.LogstreamConfigurationArgs =
            destination.kind === "s3"
                ? {
                      ...common,
                      destinationType: "s3",
                      s3AuthenticationType: "rolearn",
                      s3Bucket: destination.bucket,
                      s3Region: destination.region,
                      s3RoleArn: destination.roleArn,
                      s3ExternalId: destination.externalId,
                      s3KeyPrefix: `${destination.keyPrefix ?? ""}${logType}/`,
                  }
                : {
                      ...common,
                      destinationType: destination.destinationType,
                      url: destination.url,
                      token: pulumi.secret(destination.token),
                      user: destination.user,
                  };
        return new tailscale.LogstreamConfiguration(`${name}-${logType}-logs`, props, { parent, additionalSecretOutputs: ["token"] });
    });
}
