/** auto-approver-not-tag: routes, exit nodes or services approved for users rather than tagged routers. */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { NONE, type PolicyTape } from "../tape";
import { formatPath, type JsonPath } from "../walk";

/** The approver lists under autoApprovers that are maps of a route or service to its approvers. */
const APPROVER_MAPS: readonly string[] = ["routes", "services"];

/**
 * Reports each approver of the tape list `approvers` that is not a tag. The list is
 * autoApprovers[key], or with a name, autoApprovers[key][name] (a route or service); paths are built
 * only for findings.
 */
function reportUsers(parsed: ParsedPolicy, tape: PolicyTape, approvers: number, key: string, name: string | undefined, findings: PolicyFinding[]): void {
    if (!tape.isArray(approvers)) return;
    for (let element = tape.first(approvers), index = 0; element !== NONE; element = tape.next(element), index++) {
        if (!tape.isString(element)) continue;
        const approver = tape.string(element);
        if (approver.startsWith("tag:")) continue;
        const path: JsonPath = name === undefined ? ["autoApprovers", key, index] : ["autoApprovers", key, name, index];
        findings.push({
            check: "auto-approver-not-tag",
            message:
                `${formatPath(path)} lets ${JSON.stringify(approver)} advertise it without admin approval from any of their devices; ` +
                "approve a tag applied only to router devices instead",
            location: parsed.locate(path),
        });
    }
}

export function checkAutoApproverNotTag(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    const autoApprovers = tape.member(0, "autoApprovers");
    reportUsers(parsed, tape, tape.member(autoApprovers, "exitNode"), "exitNode", undefined, findings);
    for (const key of APPROVER_MAPS) {
        const map = tape.member(autoApprovers, key);
        if (!tape.isObject(map)) continue;
        for (let entry = tape.first(map); entry !== NONE; entry = tape.next(entry)) reportUsers(parsed, tape, entry, key, tape.key(entry), findings);
    }
    return findings;
}
