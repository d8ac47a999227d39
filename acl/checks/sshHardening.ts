/** SSH lints: ssh-nonroot-without-check, ssh-check-period-too-long and ssh-recorder-not-enforced (https://tailscale.com/kb/1193/tailscale-ssh). */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import type { PolicyTape } from "../tape";
import { durationMinutes } from "../validate/ssh";
import { forEachRecord, listIncludes, member, stringsIn } from "../walk";
import { DEFAULT_MAX_CHECK_PERIOD_HOURS } from "./catalog";
import type { AnalyzeOptions } from "./types";

/** True when `list` is an array with a string element for which `test` holds. */
function someString(list: unknown, test: (value: string) => boolean): boolean {
    if (!Array.isArray(list)) return false;
    for (const value of list) if (typeof value === "string" && test(value)) return true;
    return false;
}

/** Tailscale's checkPeriod when a "check" rule names none. */
const DEFAULT_CHECK_PERIOD_HOURS = 12;

export function checkSshNonrootWithoutCheck(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    const findings: PolicyFinding[] = [];
    forEachRecord(member(doc, "ssh"), (record, index) => {
        if (record.action !== "accept" || !listIncludes(record.users, "autogroup:nonroot")) return;
        // Users reaching their own devices as themselves is Tailscale's default and low risk.
        if (!someString(record.dst, (d) => d !== "autogroup:self")) return;
        const people = stringsIn(record.src).filter((s) => !s.startsWith("tag:") && s !== "autogroup:tagged");
        if (people.length === 0) return;
        findings.push({
            check: "ssh-nonroot-without-check",
            message:
                `ssh[${index}] accepts SSH as any non-root account from ${people.map((p) => JSON.stringify(p)).join(", ")} ` +
                'without re-authentication; use "action": "check", or name the accounts instead of autogroup:nonroot',
            location: parsed.locate(["ssh", index, "action"]),
        });
    });
    return findings;
}

export function checkSshCheckPeriodTooLong(parsed: ParsedPolicy, tape: PolicyTape, options: AnalyzeOptions): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    const maxHours = options.maxCheckPeriodHours ?? DEFAULT_MAX_CHECK_PERIOD_HOURS;
    const findings: PolicyFinding[] = [];
    forEachRecord(member(doc, "ssh"), (record, index) => {
        if (record.action !== "check") return;
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
            return;
        }
        if (hours === undefined || hours <= maxHours) return;
        findings.push({
            check: "ssh-check-period-too-long",
            message:
                `ssh[${index}] keeps an SSH check valid for ${shown}, longer than the ${maxHours}h allowed; ` +
                `set "checkPeriod" to "${maxHours}h" or less (or "always")`,
            location: parsed.locate(period === undefined ? ["ssh", index, "action"] : ["ssh", index, "checkPeriod"]),
        });
    });
    return findings;
}

export function checkSshRecorderNotEnforced(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    const findings: PolicyFinding[] = [];
    forEachRecord(member(doc, "ssh"), (record, index) => {
        if (!Array.isArray(record.recorder) || record.recorder.length === 0 || record.enforceRecorder === true) return;
        findings.push({
            check: "ssh-recorder-not-enforced",
            message:
                `ssh[${index}] records sessions but does not enforce it, so sessions go unrecorded when no recorder is reachable; ` +
                'add "enforceRecorder": true',
            location: parsed.locate(["ssh", index, "recorder"]),
        });
    });
    return findings;
}
