import { DEFAULT_MAX_CHECK_PERIOD_HOURS } from "../../acl/checks/catalog";
import { policyFileLintRule } from "../policyFileFindings";

export const policyFileSshCheckPeriod = policyFileLintRule("ssh-check-period-too-long", {
    name: "policy-file-ssh-check-period",
    rationale:
        "An SSH \"check\" re-authentication stays valid for its checkPeriod; a long period lets a stolen, unlocked device keep opening " +
        "shells long after its owner last proved who they are.",
    remediationSteps: 'Set "checkPeriod" on every "check" rule to at most maxCheckPeriodHours (e.g. "12h"), or to "always".',
    config: {
        maxCheckPeriodHours: {
            type: "number",
            description: "Longest SSH checkPeriod allowed, in hours (Tailscale's default checkPeriod is 12h; its maximum is 168h).",
            default: DEFAULT_MAX_CHECK_PERIOD_HOURS,
            minimum: 0.0167,
            maximum: 168,
        },
    },
});
