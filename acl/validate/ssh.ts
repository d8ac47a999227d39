/** The `ssh` section (https://tailscale.com/kb/1193/tailscale-ssh, https://tailscale.com/kb/1337/policy-syntax#tailscale-ssh). */
import { CHECK_PERIOD_MAX_MINUTES, CHECK_PERIOD_MIN_MINUTES, ENTRY_KEYS, SSH_ACTIONS } from "../grammar/sections";
import type { JsonPath } from "../walk";
import { GROUPS_AND_TAGS, TAGS } from "./references";
import { field, has, pathTo, type Validation } from "./report";
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

function validateCheckPeriod(v: Validation, value: unknown, path: JsonPath, action: unknown): void {
    if (!v.expectType(value, path, "string")) return;
    const text = value as string;
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

export function validateSsh(v: Validation, rules: unknown[]): void {
    v.eachRecord(rules, "ssh", (record, path) => {
        v.keys(record, path, ENTRY_KEYS.ssh, "an ssh rule");
        const action = field(record, "action");
        if (v.requires(record, path, "action", 'add "action": "check" (or "accept")')) {
            if (v.expectMember(record, path, "action", "string") && !SSH_ACTIONS.includes(action as string)) {
                v.add("invalid-value", [...path, "action"], `${JSON.stringify(action)} is not an ssh action; use "check" or "accept"`);
            }
        }
        const sources = v.requires(record, path, "src", "list who may connect") ? v.selectorsAt(record, "sshSrc", path, "src", GROUPS_AND_TAGS) : undefined;
        if (action === "check" && sources !== undefined) {
            for (let index = 0; index < sources.length; index++) {
                const source: unknown = sources[index];
                if (typeof source === "string" && (source.startsWith("tag:") || source === "autogroup:tagged")) {
                    v.add("invalid-value", pathTo(path, "src", index), `${JSON.stringify(source)} is a tagged source, which cannot re-authenticate, so "check" cannot apply; use "accept" for tags in a separate rule`);
                }
            }
        }
        const destinations = v.requires(record, path, "dst", "list the devices") ? v.selectorsAt(record, "sshDst", path, "dst", GROUPS_AND_TAGS) : undefined;
        if (destinations !== undefined && reachesSelf(destinations, false)) validateSelfSources(v, sources, path, "src", true);
        if (v.requires(record, path, "users", 'list the local accounts, e.g. ["autogroup:nonroot"]')) v.selectorsAt(record, "sshUser", path, "users");
        if (has(record, "checkPeriod")) validateCheckPeriod(v, record.checkPeriod, [...path, "checkPeriod"], action);
        if (has(record, "acceptEnv")) {
            v.checkStrings(record, path, "acceptEnv", (name) => ENVIRONMENT_NAME.test(name), (name) =>
                `${JSON.stringify(name)} is not an environment variable name (letters, digits, "_", wildcards "*" and "?")`);
        }
        if (has(record, "recorder")) v.selectorsAt(record, "recorder", path, "recorder", TAGS);
        if (has(record, "enforceRecorder")) v.expectMember(record, path, "enforceRecorder", "boolean");
    });
}

const ENVIRONMENT_NAME = /^[A-Za-z0-9_*?]+$/;
