/**
 * The hardening lints as data: for each check id, the responsibility it serves (Tailscale's shared
 * responsibility model, https://tailscale.com/kb/1212/shared-responsibility), its default
 * enforcement level, severity, a one-line description and a reference link. The policy pack builds
 * one rule per entry. This module holds data only and imports nothing at run time, so the pack may
 * load it at start-up without loading the parser.
 */
import type { PolicyLintId } from "../findings";

export type LintResponsibility = "R1" | "R2" | "R3" | "R4" | "R5" | "R6";

export interface LintSpec {
    responsibility: LintResponsibility;
    /** Mandatory: a policy a hardened tailnet must not have. Advisory: a recommendation or matter of taste. */
    defaultLevel: "advisory" | "mandatory";
    severity: "low" | "medium" | "high" | "critical";
    /** The secure state, in one line. */
    description: string;
    url: string;
}

const HARDENING = "https://tailscale.com/kb/1196/security-hardening";
const SSH = "https://tailscale.com/kb/1193/tailscale-ssh";
const SYNTAX = "https://tailscale.com/kb/1337/policy-syntax";

/** Default for the ssh-check-period-too-long threshold: Tailscale's own default checkPeriod (12h). */
export const DEFAULT_MAX_CHECK_PERIOD_HOURS = 12;

export const LINT_CATALOG: Readonly<Record<PolicyLintId, LintSpec>> = {
    "allow-all": {
        responsibility: "R5",
        defaultLevel: "mandatory",
        severity: "critical",
        description: 'The policy file must not let every source reach every destination ("*" -> "*:*").',
        url: "https://tailscale.com/kb/1192/acl-samples",
    },
    "near-allow-all": {
        responsibility: "R5",
        defaultLevel: "mandatory",
        severity: "high",
        description: 'No rule lets everyone ("*", autogroup:member, autogroup:danger-all) reach every destination ("*").',
        url: "https://tailscale.com/kb/1192/acl-samples",
    },
    "broad-access-to-tagged": {
        responsibility: "R5",
        defaultLevel: "mandatory",
        severity: "high",
        description: "No rule lets everyone reach every tagged device (autogroup:tagged); grant per tag instead.",
        url: "https://tailscale.com/kb/1068/tags",
    },
    "ssh-root-without-check": {
        responsibility: "R6",
        defaultLevel: "mandatory",
        severity: "high",
        description: 'Tailscale SSH as root from users (not tags) must use action "check", which re-authenticates the user.',
        url: HARDENING,
    },
    "ssh-nonroot-without-check": {
        responsibility: "R6",
        defaultLevel: "advisory",
        severity: "medium",
        description: 'Tailscale SSH as any non-root account (autogroup:nonroot) to other people\'s or tagged devices uses action "check".',
        url: SSH,
    },
    "ssh-check-period-too-long": {
        responsibility: "R6",
        defaultLevel: "mandatory",
        severity: "medium",
        description: "An SSH check re-authenticates users at least every maxCheckPeriodHours hours.",
        url: SSH,
    },
    "tag-owner-too-broad": {
        responsibility: "R5",
        defaultLevel: "mandatory",
        severity: "high",
        description: 'tagOwners must not let every member ("autogroup:member" or "*") apply a tag.',
        url: "https://tailscale.com/kb/1068/tags",
    },
    "auto-approver-not-tag": {
        responsibility: "R5",
        defaultLevel: "advisory",
        severity: "medium",
        description: "Only tags (router devices), not users or groups, auto-approve subnet routes, exit nodes and services.",
        url: `${SYNTAX}#auto-approvers`,
    },
    "danger-all": {
        responsibility: "R5",
        defaultLevel: "mandatory",
        severity: "high",
        description: "The policy does not use autogroup:danger-all, which matches devices outside the tailnet.",
        url: "https://tailscale.com/kb/1396/targets",
    },
    "funnel-too-broad": {
        responsibility: "R6",
        defaultLevel: "mandatory",
        severity: "high",
        description: 'The "funnel" node attribute (public internet exposure) goes to named tags or groups, not to everyone.',
        url: "https://tailscale.com/kb/1223/funnel",
    },
    "exit-node-to-everyone": {
        responsibility: "R5",
        defaultLevel: "advisory",
        severity: "medium",
        description: "Exit-node use (autogroup:internet) is granted to the groups that need it, not to everyone.",
        url: "https://tailscale.com/kb/1103/exit-nodes",
    },
    "ssh-recorder-not-enforced": {
        responsibility: "R4",
        defaultLevel: "advisory",
        severity: "medium",
        description: 'SSH rules with a session recorder set "enforceRecorder": true, so sessions fail closed when recording fails.',
        url: "https://tailscale.com/kb/1246/tailscale-ssh-session-recording",
    },
    "missing-tests": {
        responsibility: "R5",
        defaultLevel: "advisory",
        severity: "medium",
        description: "A policy with access rules has tests that pin down what must be accepted and denied.",
        url: `${SYNTAX}#tests`,
    },
    "one-sided-tests": {
        responsibility: "R5",
        defaultLevel: "advisory",
        severity: "low",
        description: "The tests assert both accepted and denied connections.",
        url: `${SYNTAX}#tests`,
    },
    "ssh-without-tests": {
        responsibility: "R5",
        defaultLevel: "advisory",
        severity: "low",
        description: "A policy with SSH rules has sshTests.",
        url: `${SYNTAX}#ssh-tests`,
    },
    "no-groups": {
        responsibility: "R5",
        defaultLevel: "advisory",
        severity: "low",
        description: "Access rules name groups (role-based access) rather than individual users.",
        url: `${SYNTAX}#groups`,
    },
    "legacy-acls": {
        responsibility: "R5",
        defaultLevel: "advisory",
        severity: "low",
        description: "Access rules use grants; legacy acls get no new features.",
        url: "https://tailscale.com/kb/1538/grants-syntax",
    },
    "no-device-posture": {
        responsibility: "R1",
        defaultLevel: "advisory",
        severity: "low",
        description: "The policy defines device postures (or a defaultSrcPosture) so out-of-date devices can be kept out.",
        url: "https://tailscale.com/kb/1288/device-posture",
    },
    "shadowed-rule": {
        responsibility: "R5",
        defaultLevel: "advisory",
        severity: "low",
        description: "No access rule repeats, or is wholly covered by, an earlier rule with the same sources.",
        url: SYNTAX,
    },
};
