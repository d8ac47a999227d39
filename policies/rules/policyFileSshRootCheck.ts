import { HARDENING_GUIDE } from "../resourceTypes";
import { policyFileRule } from "../policyFileFindings";

export const policyFileSshRootCheck = policyFileRule(
    {
        name: "policy-file-ssh-root-check",
        description: 'Tailscale SSH as root from users (not tags) must use action "check", which re-authenticates the user.',
        responsibility: "R6",
        severity: "high",
        enforcementLevel: "mandatory",
        rationale:
            "An \"accept\" rule lets a stolen, unlocked laptop open a root shell on servers; \"check\" mode asks the user to " +
            "re-authenticate with the identity provider first.",
        url: HARDENING_GUIDE,
        remediationSteps: 'Change the SSH rule\'s action to "check", or restrict its source to tags.',
    },
    "ssh-root-without-check",
);
