/**
 * `nodeAttrs` (https://tailscale.com/kb/1337/policy-syntax#node-attributes) and `autoApprovers`
 * (https://tailscale.com/kb/1337/policy-syntax#auto-approvers).
 */
import { ENTRY_KEYS } from "../grammar/sections";
import { GROUPS_AND_TAGS } from "./references";
import { has, pathTo, type Validation } from "./report";
import { classifySelector, isCidrPrefix } from "./selector";

export function validateNodeAttrs(v: Validation, entries: unknown[]): void {
    v.eachRecord(entries, "nodeAttrs", (record, path) => {
        v.keys(record, path, ENTRY_KEYS.nodeAttrs, "a nodeAttrs entry");
        if (v.requires(record, path, "target", "list the devices the attributes apply to")) {
            v.selectorsAt(record, "nodeAttrTarget", path, "target", GROUPS_AND_TAGS);
        }
        if (!has(record, "attr") && !has(record, "app") && !has(record, "ipPool")) {
            v.add("missing-field", path, 'has neither "attr" nor "app"; list the attributes to apply');
        }
        if (has(record, "ipPool")) {
            const prefixes = v.stringList(record, path, "ipPool") ?? [];
            for (let index = 0; index < prefixes.length; index++) {
                const prefix: unknown = prefixes[index];
                if (typeof prefix === "string" && !isCidrPrefix(prefix)) {
                    v.add("invalid-value", pathTo(path, "ipPool", index), `${JSON.stringify(prefix)} is not a CIDR prefix; an ipPool lists prefixes such as "100.81.0.0/16"`);
                }
            }
        }
        if (has(record, "attr")) {
            const names = v.stringList(record, path, "attr") ?? [];
            for (let index = 0; index < names.length; index++) {
                if (names[index] === "") v.add("invalid-value", pathTo(path, "attr", index), "an attribute name is empty");
            }
        }
        if (has(record, "app")) v.expectType(record.app, [...path, "app"], "object");
    });
}

function approverMap(v: Validation, value: unknown, key: "routes" | "services"): void {
    const path = ["autoApprovers", key];
    if (!v.expectType(value, path, "object")) return;
    for (const name of Object.keys(value as Record<string, unknown>)) {
        if (key === "routes" && !isCidrPrefix(name)) {
            v.add("invalid-value", [...path, name], `${JSON.stringify(name)} is not a CIDR prefix; route keys look like "192.0.2.0/24"`);
        }
        if (key === "services") {
            const classified = classifySelector(name);
            if (!("kind" in classified) || classified.kind !== "service") {
                v.add("invalid-selector", [...path, name], `${JSON.stringify(name)} is not a service; service keys look like "svc:web"`);
            }
        }
        v.selectorsAt(value as Record<string, unknown>, "autoApprover", path, name, GROUPS_AND_TAGS);
    }
}

export function validateAutoApprovers(v: Validation, autoApprovers: Record<string, unknown>): void {
    v.keys(autoApprovers, ["autoApprovers"], ENTRY_KEYS.autoApprovers, "autoApprovers");
    if (has(autoApprovers, "routes")) approverMap(v, autoApprovers.routes, "routes");
    if (has(autoApprovers, "services")) approverMap(v, autoApprovers.services, "services");
    if (has(autoApprovers, "exitNode")) {
        v.selectorsAt(autoApprovers, "autoApprover", ["autoApprovers"], "exitNode", GROUPS_AND_TAGS);
    }
}
