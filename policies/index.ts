/**
 * The tailnet-guard CrossGuard pack. Pulumi starts it with
 * `node node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine> policies`, which loads the compiled form
 * of this file (see policies/package.json).
 */
import { PolicyPack } from "@pulumi/policy";
import { installConfigureValidation } from "./configureGuard";
import { allRules } from "./rules";
import { toSdkPolicy } from "./sdkAdapter";

export const PACK_NAME = "tailnet-guard";

installConfigureValidation(allRules);

new PolicyPack(PACK_NAME, {
    enforcementLevel: "mandatory",
    policies: allRules.map(toSdkPolicy),
});
