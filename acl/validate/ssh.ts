/** The `ssh` section (https://tailscale.com/kb/1193/tailscale-ssh, https://tailscale.com/kb/1337/policy-syntax#tailscale-ssh). */
import { CHECK_PERIOD_MAX_MINUTES, CHECK_PERIOD_MIN_MINUTES, ENTRY_KEYS, SSH_ACTIONS } from "../grammar/sections";
import type { JsonPath } from "../walk";
import { GROUPS_AND_TAGS, TAGS } from "./references";
import { NONE } from "../tape";
import { pathTo, type Validation } from "./report";
import { reachesSelf, validateSelfSources } from "./selfSources";

const UNIT_MINUTES: Readonly<Record<string, number>> = { h: 60, m: 1, s: 1 / 60 };
const DURATION = /^(\d+(?:\.\d+)?[hms])+$/;

/** A duration such as "12h", "90m" or "1h30m" in minutes, or undefined when it is not one. */
export function durationMinutes(text: string): number | undefined {
    if (!DURATION.test(text)) return undefined;
    // The text is number-unit pairs ("1h30m"): each unit letter ends a number.
    let minutes = 0;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
        const unit = UNIT_MINUTES[text[i]];
        if (unit === undefined) continue;
        minutes += Number(text.slice(start, i)) * unit;
        start = i + 1;
    }
    return minutes;
}

function validateCheckPeriod(v: Validation, value: number, path: JsonPath, action: string | undefined): void {
    if (!v.expectType(value, path, "string")) return;
    const text = v.tape.string(value);
    if (action !== "check") {
        v.add("invalid-value", path, 'checkPeriod only applies to "action": "check"; remove it or change the action');
        return;
    }
    if (text === "always") return;
    const minutes = durationMinutes(text);
    if (minutes === undefined) {
        v.add("invalid-value", path, `${JSON.stringify(text)} is not a duration; write e.g. "12h", "30m" or "always"`);
    } else if (minutes < CHECK_PERIOD_MIN_MINUTES || minutes > CHECK_PERIOD_MAX_MINUTES) {
        v.add("invalid-value", path, `${JSON.stringify(text)} is outside the allowed 1m to 168h`);
    }
}

export function validateSsh(v: Validation, rules: number): void {
    const tape = v.tape;
    v.eachRecord(rules, "ssh", (record, path) => {
        v.keys(record, path, ENTRY_KEYS.ssh, "an ssh rule");
        const action = tape.stringOrUndefined(tape.field(record, "action"));
        if (v.requires(record, path, "action", 'add "action": "check" (or "accept")')) {
            if (v.expectMember(record, path, "action", "string") && !SSH_ACTIONS.includes(action!)) {
                v.add("invalid-value", [...path, "action"], `${JSON.stringify(action)} is not an ssh action; use "check" or "accept"`);
            }
        }
        const sources = v.requires(record, path, "src", "list who may connect") ? v.selectorsAt(record, "sshSrc", path, "src", GROUPS_AND_TAGS) : NONE;
        if (action === "check") {
            for (let element = tape.first(sources), index = 0; element !== NONE; element = tape.next(element), index++) {
                const source = tape.stringOrUndefined(element);
                if (source !== undefined && (source.startsWith("tag:") || source === "autogroup:tagged")) {
                    v.add("invalid-value", pathTo(path, "src", index), `${JSON.stringify(source)} is a tagged source, which cannot re-authenticate, so "check" cannot apply; use "accept" for tags in a separate rule`);
                }
            }
        }
        const destinations = v.requires(record, path, "dst", "list the devices") ? v.selectorsAt(record, "sshDst", path, "dst", GROUPS_AND_TAGS) : NONE;
        if (destinations !== NONE && reachesSelf(tape, destinations, false)) validateSelfSources(v, sources, path, "src", true);
        if (v.requires(record, path, "users", 'list the local accounts, e.g. ["autogroup:nonroot"]')) v.selectorsAt(record, "sshUser", path, "users");
        const checkPeriod = tape.field(record, "checkPeriod");
        if (checkPeriod !== NONE) validateCheckPeriod(v, checkPeriod, [...path, "checkPeriod"], action);
        if (v.has(record, "acceptEnv")) {
            v.checkStrings(record, path, "acceptEnv", (name) => ENVIRONMENT_NAME.test(name), (name) =>
                `${JSON.stringify(name)} is not an environment variable name (letters, digits, "_", wildcards "*" and "?")`);
        }
        if (v.has(record, "recorder")) v.selectorsAt(record, "recorder", path, "recorder", TAGS);
        if (v.has(record, "enforceRecorder")) v.expectMember(record, path, "enforceRecorder", "boolean");
    });
}

const ENVIRONMENT_NAME = /^[A-Za-z0-9_*?]+$/;
