/**
 * The tailnet-guard CrossGuard pack. Pulumi starts it with
 * `node node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine> policies`, which loads the compiled form
 * of this file (see policies/package.json).
 */
import { PolicyPack } from "@pulumi/policy";
import { installAnalyzerHooks } from "./analyzerHooks";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME } from "./packIdentity";
import { allRules } from "./rules";
import { toSdkPolicy } from "./sdkAdapter";

export { PACK_NAME };

const policies = allRules.map(toSdkPolicy);

installAnalyzerHooks({ rules: allRules, policies, packEnforcementLevel: PACK_ENFORCEMENT_LEVEL });

new PolicyPack(PACK_NAME, { enforcementLevel: PACK_ENFORCEMENT_LEVEL, policies });
