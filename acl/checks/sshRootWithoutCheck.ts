/** ssh-root-without-check: SSH as root accepted from people (not tags) without re-authentication. */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { NONE, type PolicyTape } from "../tape";
import { forEachObject, isStringId, listHasId, quotedStrings } from "../walk";

/** A source that is a person rather than a tag. */
function isPerson(source: string): boolean {
    return !source.startsWith("tag:");
}

export function checkSshRootWithoutCheck(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    // Compared by number; a file without either string has no such rule.
    const accept = tape.names.idOf("accept");
    const root = tape.names.idOf("root");
    if (accept === NONE || root === NONE) return findings;
    forEachObject(tape, tape.member(0, "ssh"), (record, index) => {
        if (!isStringId(tape, tape.member(record, "action"), accept) || !listHasId(tape, tape.member(record, "users"), root)) return;
        const quoted = quotedStrings(tape, tape.member(record, "src"), isPerson);
        if (quoted === "") return;
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
