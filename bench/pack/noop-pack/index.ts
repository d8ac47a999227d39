/** The start-up baseline: a policy pack with zero policies, served by the same @pulumi/policy as tailnet-guard's. */
import { PolicyPack } from "@pulumi/policy";

new PolicyPack("noop-startup-baseline", { policies: [] });
