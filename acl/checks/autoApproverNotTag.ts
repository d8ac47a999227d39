/** auto-approver-not-tag: routes, exit nodes or services approved for users rather than tagged routers. */
import type { PolicyFinding } from "../findings";
import type { ParsedPolicy } from "../parse";
import type { PolicyTape } from "../tape";
import { formatPath, isRecord, member, stringsOf, type StringAt } from "../walk";

function approvers(doc: Record<string, unknown>): StringAt[] {
    const autoApprovers = member(doc, "autoApprovers");
    const out: StringAt[] = [...stringsOf(member(autoApprovers, "exitNode"), ["autoApprovers", "exitNode"])];
    for (const key of ["routes", "services"]) {
        const map = member(autoApprovers, key);
        if (!isRecord(map)) continue;
        for (const [name, list] of Object.entries(map)) out.push(...stringsOf(list, ["autoApprovers", key, name]));
    }
    return out;
}

export function checkAutoApproverNotTag(parsed: ParsedPolicy, tape: PolicyTape): PolicyFinding[] {
    const doc = parsed.value as Record<string, unknown>;
    return approvers(doc)
        .filter((approver) => !approver.value.startsWith("tag:"))
        .map((approver) => ({
            check: "auto-approver-not-tag" as const,
            message:
                `${formatPath(approver.path)} lets ${JSON.stringify(approver.value)} advertise it without admin approval from any of their devices; ` +
                "approve a tag applied only to router devices instead",
            location: parsed.locate(approver.path),
        }));
}
