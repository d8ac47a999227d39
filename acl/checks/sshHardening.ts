/** SSH lints: ssh-nonroot-without-check, ssh-check-period-too-long and ssh-recorder-not-enforced (https://tailscale.com/kb/1193/tailscale-ssh). */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { durationMinutes } from "../validate/ssh";
import { listIncludes, member, recordsOf, stringsOf } from "../walk";
import { DEFAULT_MAX_CHECK_PERIOD_HOURS } from "./catalog";
import type { AnalyzeOptions } from "./types";

/** Tailscale's checkPeriod when a "check" rule names none. */
const DEFAULT_CHECK_PERIOD_HOURS = 12;

export function checkSshNonrootWithoutCheck(parsed: ParsedPolicy, doc: Record<string, unknown>): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const { index, record } of recordsOf(member(doc, "ssh"))) {
        if (record.action !== "accept" || !listIncludes(record.users, "autogroup:nonroot")) continue;
        const destinations = stringsOf(record.dst, []).map((d) => d.value);
        // Users reaching their own devices as themselves is Tailscale's default and low risk.
        if (destinations.length === 0 || destinations.every((d) => d === "autogroup:self")) continue;
        const people = stringsOf(record.src, []).map((s) => s.value).filter((s) => !s.startsWith("tag:") && s !== "autogroup:tagged");
        if (people.length === 0) continue;
        findings.push({
            check: "ssh-nonroot-without-check",
            message:
                `ssh[${index}] accepts SSH as any non-root account from ${people.map((p) => JSON.stringify(p)).join(", ")} ` +
                'without re-authentication; use "action": "check", or name the accounts instead of autogroup:nonroot',
            location: parsed.locate(["ssh", index, "action"]),
        });
    }
    return findings;
}

export function checkSshCheckPeriodTooLong(parsed: ParsedPolicy, doc: Record<string, unknown>, options: AnalyzeOptions): PolicyFinding[] {
    const maxHours = options.maxCheckPeriodHours ?? DEFAULT_MAX_CHECK_PERIOD_HOURS;
    const findings: PolicyFinding[] = [];
    for (const { index, record } of recordsOf(member(doc, "ssh"))) {
        if (record.action !== "check") continue;
        const period = record.checkPeriod;
        let hours: number | undefined;
        let shown: string;
        if (period === undefined) {
            hours = DEFAULT_CHECK_PERIOD_HOURS;
            shown = `the default checkPeriod (${DEFAULT_CHECK_PERIOD_HOURS}h)`;
        } else if (typeof period === "string" && period !== "always") {
            const minutes = durationMinutes(period);
            hours = minutes === undefined ? undefined : minutes / 60;
            shown = `checkPeriod ${JSON.stringify(period)}`;
        } else {
            continue;
        }
        if (hours === undefined || hours <= maxHours) continue;
        findings.push({
            check: "ssh-check-period-too-long",
            message:
                `ssh[${index}] keeps an SSH check valid for ${shown}, longer than the ${maxHours}h allowed; ` +
                `set "checkPeriod" to "${maxHours}h" or less (or "always")`,
            location: parsed.locate(period === undefined ? ["ssh", index, "action"] : ["ssh", index, "checkPeriod"]),
        });
    }
    return findings;
}

export function checkSshRecorderNotEnforced(parsed: ParsedPolicy, doc: Record<string, unknown>): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const { index, record } of recordsOf(member(doc, "ssh"))) {
        if (!Array.isArray(record.recorder) || record.recorder.length === 0 || record.enforceRecorder === true) continue;
        findings.push({
            check: "ssh-recorder-not-enforced",
            message:
                `ssh[${index}] records sessions but does not enforce it, so sessions go unrecorded when no recorder is reachable; ` +
                'add "enforceRecorder": true',
            location: parsed.locate(["ssh", index, "recorder"]),
        });
    }
    return findings;
}
