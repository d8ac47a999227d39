/** ssh-root-without-check: SSH as root accepted from people (not tags) without re-authentication. */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { listIncludes, member, recordsOf, stringsOf } from "../walk";

export function checkSshRootWithoutCheck(parsed: ParsedPolicy, doc: Record<string, unknown>): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const { index, record } of recordsOf(member(doc, "ssh"))) {
        if (record.action !== "accept" || !listIncludes(record.users, "root")) continue;
        const people = stringsOf(record.src, ["ssh", index, "src"])
            .map((source) => source.value)
            .filter((source) => !source.startsWith("tag:"));
        if (people.length === 0) continue;
        const quoted = people.map((source) => JSON.stringify(source)).join(", ");
        findings.push({
            check: "ssh-root-without-check",
            message:
                `ssh[${index}] accepts SSH as root from ${quoted} without re-authentication; ` +
                'use "action": "check" so a recent login is required, or limit "src" to tags',
            location: parsed.locate(["ssh", index, "action"]),
        });
    }
    return findings;
}
