/** The baseline: a policy pack with no policies, started by the same launcher as tailnet-guard's. */
import { PolicyPack } from "@pulumi/policy";

new PolicyPack("noop", { policies: [] });
