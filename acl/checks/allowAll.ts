/** allow-all: a rule that lets every source reach every destination on every port. */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import { NONE, type PolicyTape } from "../tape";
import { forEachObject, isStringId, listHasId } from "../walk";

const FIX = "list the groups and tags that need access and the ports they need";

export function checkAllowAll(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    // Strings are compared by number. Both shapes need "*": a file without that string has no allow-all rule.
    const star = tape.names.idOf("*");
    if (star === NONE) return findings;
    const accept = tape.names.idOf("accept");
    const starPorts = tape.names.idOf("*:*");
    forEachObject(tape, tape.member(0, "acls"), (record, index) => {
        if (isStringId(tape, tape.member(record, "action"), accept) && listHasId(tape, tape.member(record, "src"), star) && listHasId(tape, tape.member(record, "dst"), starPorts)) {
            findings.push({
                check: "allow-all",
                message: `acls[${index}] lets every source reach every destination on every port ("*" -> "*:*"); ${FIX}`,
                location: parsed.locate(["acls", index]),
            });
        }
    });
    forEachObject(tape, tape.member(0, "grants"), (record, index) => {
        // A grant with only "app" capabilities opens no network access, so "ip" must be present.
        if (listHasId(tape, tape.member(record, "src"), star) && listHasId(tape, tape.member(record, "dst"), star) && listHasId(tape, tape.member(record, "ip"), star)) {
            findings.push({
                check: "allow-all",
                message: `grants[${index}] lets every source reach every destination on every port and protocol ("*" -> "*", ip "*"); ${FIX}`,
                location: parsed.locate(["grants", index]),
            });
        }
    });
    return findings;
}
