/** SSH lints: ssh-nonroot-without-check, ssh-check-period-too-long and ssh-recorder-not-enforced (https://tailscale.com/kb/1193/tailscale-ssh). */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { NONE, TRUE, type PolicyTape } from "../tape";
import { durationMinutes } from "../validate/ssh";
import { forEachObject, isStringId, listHasId, quotedStrings } from "../walk";
import { DEFAULT_MAX_CHECK_PERIOD_HOURS } from "./catalog";
import type { AnalyzeOptions } from "./types";

/** True when the tape list `list` has a string element other than the string numbered `id`. */
function hasStringOtherThan(tape: PolicyTape, list: number, id: number): boolean {
    if (!tape.isArray(list)) return false;
    for (let element = tape.first(list); element !== NONE; element = tape.next(element)) if (tape.isString(element) && tape.stringId(element) !== id) return true;
    return false;
}

/** A source that is a person: not a tag, nor autogroup:tagged. */
function isPerson(source: string): boolean {
    return !source.startsWith("tag:") && source !== "autogroup:tagged";
}

/** True when tape value `n` is present and `true`. */
function isTrue(tape: PolicyTape, n: number): boolean {
    return n !== NONE && tape.kind(n) === TRUE;
}

/** Tailscale's checkPeriod when a "check" rule names none. */
const DEFAULT_CHECK_PERIOD_HOURS = 12;

export function checkSshNonrootWithoutCheck(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    // Compared by number; a file without either string has no such rule.
    const accept = tape.names.idOf("accept");
    const nonroot = tape.names.idOf("autogroup:nonroot");
    if (accept === NONE || nonroot === NONE) return findings;
    const self = tape.names.idOf("autogroup:self");
    forEachObject(tape, tape.member(0, "ssh"), (record, index) => {
        if (!isStringId(tape, tape.member(record, "action"), accept) || !listHasId(tape, tape.member(record, "users"), nonroot)) return;
        // Users reaching their own devices as themselves is Tailscale's default and low risk.
        if (!hasStringOtherThan(tape, tape.member(record, "dst"), self)) return;
        const people = quotedStrings(tape, tape.member(record, "src"), isPerson);
        if (people === "") return;
        findings.push({
            check: "ssh-nonroot-without-check",
            message:
                `ssh[${index}] accepts SSH as any non-root account from ${people} ` +
                'without re-authentication; use "action": "check", or name the accounts instead of autogroup:nonroot',
            location: parsed.locate(["ssh", index, "action"]),
        });
    });
    return findings;
}

export function checkSshCheckPeriodTooLong(parsed: ParsedPolicy, tape: PolicyTape, options: AnalyzeOptions): PolicyFinding[] {
    const maxHours = options.maxCheckPeriodHours ?? DEFAULT_MAX_CHECK_PERIOD_HOURS;
    const findings: PolicyFinding[] = [];
    const check = tape.names.idOf("check");
    if (check === NONE) return findings;
    forEachObject(tape, tape.member(0, "ssh"), (record, index) => {
        if (!isStringId(tape, tape.member(record, "action"), check)) return;
        const period = tape.member(record, "checkPeriod");
        let hours: number | undefined;
        let shown: string;
        if (period === NONE) {
            hours = DEFAULT_CHECK_PERIOD_HOURS;
            shown = `the default checkPeriod (${DEFAULT_CHECK_PERIOD_HOURS}h)`;
        } else if (tape.isString(period) && tape.string(period) !== "always") {
            const text = tape.string(period);
            const minutes = durationMinutes(text);
            hours = minutes === undefined ? undefined : minutes / 60;
            shown = `checkPeriod ${JSON.stringify(text)}`;
        } else {
            return;
        }
        if (hours === undefined || hours <= maxHours) return;
        findings.push({
            check: "ssh-check-period-too-long",
            message:
                `ssh[${index}] keeps an SSH check valid for ${shown}, longer than the ${maxHours}h allowed; ` +
                `set "checkPeriod" to "${maxHours}h" or less (or "always")`,
            location: parsed.locate(period === NONE ? ["ssh", index, "action"] : ["ssh", index, "checkPeriod"]),
        });
    });
    return findings;
}

export function checkSshRecorderNotEnforced(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    forEachObject(tape, tape.member(0, "ssh"), (record, index) => {
        const recorder = tape.member(record, "recorder");
        if (!tape.isArray(recorder) || tape.length(recorder) === 0 || isTrue(tape, tape.member(record, "enforceRecorder"))) return;
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
