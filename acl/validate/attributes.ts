/**
 * `nodeAttrs` (https://tailscale.com/kb/1337/policy-syntax#node-attributes) and `autoApprovers`
 * (https://tailscale.com/kb/1337/policy-syntax#auto-approvers).
 */
import { ENTRY_KEYS } from "../grammar/sections";
import { has, type Validation } from "./report";
import { classifySelector, isCidrPrefix } from "./selector";

export function validateNodeAttrs(v: Validation, entries: unknown[]): void {
    for (const { record, path } of v.records(entries, ["nodeAttrs"])) {
        v.keys(record, path, ENTRY_KEYS.nodeAttrs, "a nodeAttrs entry");
        if (v.requires(record, path, "target", "list the devices the attributes apply to")) {
            v.selectors(v.strings(record.target, [...path, "target"]) ?? [], "nodeAttrTarget");
        }
        if (!has(record, "attr") && !has(record, "app") && !has(record, "ipPool")) {
            v.add("missing-field", path, 'has neither "attr" nor "app"; list the attributes to apply');
        }
        if (has(record, "ipPool")) {
            for (const entry of v.strings(record.ipPool, [...path, "ipPool"]) ?? []) {
                if (!isCidrPrefix(entry.value)) v.add("invalid-value", entry.path, `${JSON.stringify(entry.value)} is not a CIDR prefix; an ipPool lists prefixes such as "100.81.0.0/16"`);
            }
        }
        if (has(record, "attr")) {
            for (const entry of v.strings(record.attr, [...path, "attr"]) ?? []) {
                if (entry.value === "") v.add("invalid-value", entry.path, "an attribute name is empty");
            }
        }
        if (has(record, "app")) v.expectType(record.app, [...path, "app"], "object");
    }
}

function approverMap(v: Validation, value: unknown, key: "routes" | "services"): void {
    const path = ["autoApprovers", key];
    if (!v.expectType(value, path, "object")) return;
    for (const [name, approvers] of Object.entries(value as Record<string, unknown>)) {
        if (key === "routes" && !isCidrPrefix(name)) {
            v.add("invalid-value", [...path, name], `${JSON.stringify(name)} is not a CIDR prefix; route keys look like "192.0.2.0/24"`);
        }
        if (key === "services") {
            const classified = classifySelector(name);
            if (!("kind" in classified) || classified.kind !== "service") {
                v.add("invalid-selector", [...path, name], `${JSON.stringify(name)} is not a service; service keys look like "svc:web"`);
            }
        }
        v.selectors(v.strings(approvers, [...path, name]) ?? [], "autoApprover");
    }
}

export function validateAutoApprovers(v: Validation, autoApprovers: Record<string, unknown>): void {
    v.keys(autoApprovers, ["autoApprovers"], ENTRY_KEYS.autoApprovers, "autoApprovers");
    if (has(autoApprovers, "routes")) approverMap(v, autoApprovers.routes, "routes");
    if (has(autoApprovers, "services")) approverMap(v, autoApprovers.services, "services");
    if (has(autoApprovers, "exitNode")) {
        v.selectors(v.strings(autoApprovers.exitNode, ["autoApprovers", "exitNode"]) ?? [], "autoApprover");
    }
}
