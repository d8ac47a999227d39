/** allow-all: a rule that lets every source reach every destination on every port. */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import type { PolicyTape } from "../tape";
import { forEachRecord, listIncludes, member } from "../walk";

const FIX = "list the groups and tags that need access and the ports they need";

export function checkAllowAll(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    const findings: PolicyFinding[] = [];
    forEachRecord(member(doc, "acls"), (record, index) => {
        if (record.action === "accept" && listIncludes(record.src, "*") && listIncludes(record.dst, "*:*")) {
            findings.push({
                check: "allow-all",
                message: `acls[${index}] lets every source reach every destination on every port ("*" -> "*:*"); ${FIX}`,
                location: parsed.locate(["acls", index]),
            });
        }
    });
    forEachRecord(member(doc, "grants"), (record, index) => {
        // A grant with only "app" capabilities opens no network access, so "ip" must be present.
        if (listIncludes(record.src, "*") && listIncludes(record.dst, "*") && listIncludes(record.ip, "*")) {
            findings.push({
                check: "allow-all",
                message: `grants[${index}] lets every source reach every destination on every port and protocol ("*" -> "*", ip "*"); ${FIX}`,
                location: parsed.locate(["grants", index]),
            });
        }
    });
    return findings;
}
