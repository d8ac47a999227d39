/** ssh-root-without-check: SSH as root accepted from people (not tags) without re-authentication. */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import type { PolicyTape } from "../tape";
import { forEachRecord, listIncludes, member, stringsIn } from "../walk";

export function checkSshRootWithoutCheck(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    const findings: PolicyFinding[] = [];
    forEachRecord(member(doc, "ssh"), (record, index) => {
        if (record.action !== "accept" || !listIncludes(record.users, "root")) return;
        const people = stringsIn(record.src).filter((source) => !source.startsWith("tag:"));
        if (people.length === 0) return;
        const quoted = people.map((source) => JSON.stringify(source)).join(", ");
        findings.push({
            check: "ssh-root-without-check",
            message:
                `ssh[${index}] accepts SSH as root from ${quoted} without re-authentication; ` +
                'use "action": "check" so a recent login is required, or limit "src" to tags',
            location: parsed.locate(["ssh", index, "action"]),
        });
    });
    return findings;
}
