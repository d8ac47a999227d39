/**
 * The definition sections: groups, tagOwners, hosts, ipsets, postures and defaultSrcPosture
 * (https://tailscale.com/kb/1337/policy-syntax, https://tailscale.com/kb/1387/ipsets,
 * https://tailscale.com/kb/1288/device-posture).
 */
import type { SelectorContext } from "../grammar/autogroups";
import { classifySelector, isCidrPrefix, isIpAddress } from "./selector";
import type { ReferenceKind } from "../selectors";
import { GROUPS_AND_TAGS } from "./references";
import type { Validation } from "./report";

/** Each key must be a selector of `kind` (e.g. "group:eng" under groups). */
function keyOfKind(v: Validation, section: string, key: string, kind: string, example: string): void {
    const classified = classifySelector(key);
    if ("kind" in classified && classified.kind === kind) return;
    const why = "error" in classified ? classified.error : `${JSON.stringify(key)} is not a ${kind} name`;
    v.add("invalid-selector", [section, key], `${why}; keys of ${JSON.stringify(section)} look like ${JSON.stringify(example)}`);
}

/** A map of name -> list of selectors; returns the number of entries in each list (or undefined when not a list). */
function listMap(
    v: Validation,
    section: string,
    value: Record<string, unknown>,
    keyKind: string,
    example: string,
    context: SelectorContext,
    onEmpty: (key: string) => void,
    references?: readonly ReferenceKind[],
): void {
    const parent = [section];
    for (const key in value) {
        keyOfKind(v, section, key, keyKind, example);
        const list = v.stringList(value, parent, key);
        if (list === undefined) continue;
        if (list.length === 0) onEmpty(key);
        v.selectorList(list, context, parent, key, references);
    }
}

export function validateGroups(v: Validation, groups: Record<string, unknown>): void {
    listMap(v, "groups", groups, "group", "group:eng", "groupMember", (key) =>
        v.add("empty-group", ["groups", key], `group ${JSON.stringify(key)} has no members; add its users or remove the group and the rules using it`),
    );
}

export function validateTagOwners(v: Validation, tagOwners: Record<string, unknown>): void {
    listMap(v, "tagOwners", tagOwners, "tag", "tag:server", "tagOwner", (key) =>
        v.add(
            "tag-without-owner",
            ["tagOwners", key],
            `tag ${JSON.stringify(key)} has no owners, so only admins can apply it; name the group that may apply it (for example "group:admins") to make that explicit`,
        ),
        GROUPS_AND_TAGS,
    );
}

export function validateHosts(v: Validation, hosts: Record<string, unknown>): void {
    for (const [name, address] of Object.entries(hosts)) {
        const classified = classifySelector(name);
        if (!("kind" in classified) || classified.kind !== "host" || name.includes("/")) {
            v.add("invalid-selector", ["hosts", name], `${JSON.stringify(name)} is not a valid host name; use letters, digits, ".", "_" and "-"`);
        }
        if (!v.expectType(address, ["hosts", name], "string")) continue;
        const text = address as string;
        if (!isIpAddress(text) && !isCidrPrefix(text)) {
            v.add("invalid-value", ["hosts", name], `${JSON.stringify(text)} is not an IP address or CIDR prefix; a host alias names one address or subnet`);
        }
    }
}

export function validateIpsets(v: Validation, ipsets: Record<string, unknown>): void {
    const parent = ["ipsets"];
    for (const name in ipsets) {
        keyOfKind(v, "ipsets", name, "ipset", "ipset:office");
        const list = v.stringList(ipsets, parent, name) ?? [];
        for (let index = 0; index < list.length; index++) {
            const entry: unknown = list[index];
            // An entry may add or remove addresses: "add 192.0.2.0/24", "remove 192.0.2.7".
            if (typeof entry === "string") v.selector(entry.replace(/^(add|remove) /, ""), "ipsetMember", parent, name, index);
        }
    }
}

export function validatePostures(v: Validation, postures: Record<string, unknown>): void {
    const parent = ["postures"];
    for (const name in postures) {
        keyOfKind(v, "postures", name, "posture", "posture:latestMac");
        v.checkStrings(postures, parent, name, (condition) => condition.trim() !== "", () => "a posture condition is empty; write one such as \"node:os == 'macos'\"");
    }
}

export function validateDefaultSrcPosture(v: Validation, list: unknown): void {
    v.selectorsAt({ defaultSrcPosture: list }, "posture", [], "defaultSrcPosture");
}
