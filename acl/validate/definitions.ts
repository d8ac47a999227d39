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
import { NONE } from "../tape";

/** Each key must be a selector of `kind` (e.g. "group:eng" under groups). */
function keyOfKind(v: Validation, section: string, key: string, kind: string, example: string): void {
    const classified = classifySelector(key);
    if ("kind" in classified && classified.kind === kind) return;
    const why = "error" in classified ? classified.error : `${JSON.stringify(key)} is not a ${kind} name`;
    v.add("invalid-selector", [section, key], `${why}; keys of ${JSON.stringify(section)} look like ${JSON.stringify(example)}`);
}

/** A map of name -> list of selectors: each key must be a `keyKind` name, each list's strings selectors in `context`. */
function listMap(
    v: Validation,
    section: string,
    value: number,
    keyKind: string,
    example: string,
    context: SelectorContext,
    onEmpty: (key: string) => void,
    references?: readonly ReferenceKind[],
): void {
    const tape = v.tape;
    const parent = [section];
    for (let member = tape.first(value); member !== NONE; member = tape.next(member)) {
        const key = tape.key(member);
        keyOfKind(v, section, key, keyKind, example);
        const list = v.stringListValue(member, parent, key);
        if (list === NONE) continue;
        if (tape.length(list) === 0) onEmpty(key);
        v.selectorList(list, context, parent, key, references);
    }
}

export function validateGroups(v: Validation, groups: number): void {
    listMap(v, "groups", groups, "group", "group:eng", "groupMember", (key) =>
        v.add("empty-group", ["groups", key], `group ${JSON.stringify(key)} has no members; add its users or remove the group and the rules using it`),
    );
}

export function validateTagOwners(v: Validation, tagOwners: number): void {
    listMap(v, "tagOwners", tagOwners, "tag", "tag:server", "tagOwner", (key) =>
        v.add(
            "tag-without-owner",
            ["tagOwners", key],
            `tag ${JSON.stringify(key)} has no owners, so only admins can apply it; name the group that may apply it (for example "group:admins") to make that explicit`,
        ),
        GROUPS_AND_TAGS,
    );
}

export function validateHosts(v: Validation, hosts: number): void {
    const tape = v.tape;
    for (let member = tape.first(hosts); member !== NONE; member = tape.next(member)) {
        const name = tape.key(member);
        const classified = classifySelector(name);
        if (!("kind" in classified) || classified.kind !== "host" || name.includes("/")) {
            v.add("invalid-selector", ["hosts", name], `${JSON.stringify(name)} is not a valid host name; use letters, digits, ".", "_" and "-"`);
        }
        if (!v.expectType(member, ["hosts", name], "string")) continue;
        const text = tape.string(member);
        if (!isIpAddress(text) && !isCidrPrefix(text)) {
            v.add("invalid-value", ["hosts", name], `${JSON.stringify(text)} is not an IP address or CIDR prefix; a host alias names one address or subnet`);
        }
    }
}

export function validateIpsets(v: Validation, ipsets: number): void {
    const tape = v.tape;
    const parent = ["ipsets"];
    for (let member = tape.first(ipsets); member !== NONE; member = tape.next(member)) {
        const name = tape.key(member);
        keyOfKind(v, "ipsets", name, "ipset", "ipset:office");
        const list = v.stringListValue(member, parent, name);
        for (let entry = tape.first(list), index = 0; entry !== NONE; entry = tape.next(entry), index++) {
            if (!tape.isString(entry)) continue;
            // An entry may add or remove addresses: "add 192.0.2.0/24", "remove 192.0.2.7".
            const text = tape.string(entry);
            const address = text.replace(/^(add|remove) /, "");
            v.selector(address, address === text ? tape.stringId(entry) : NONE, "ipsetMember", parent, name, index);
        }
    }
}

export function validatePostures(v: Validation, postures: number): void {
    const tape = v.tape;
    const parent = ["postures"];
    for (let member = tape.first(postures); member !== NONE; member = tape.next(member)) {
        const name = tape.key(member);
        keyOfKind(v, "postures", name, "posture", "posture:latestMac");
        v.checkStringsValue(member, parent, name, (condition) => condition.trim() !== "", () => "a posture condition is empty; write one such as \"node:os == 'macos'\"");
    }
}

export function validateDefaultSrcPosture(v: Validation): void {
    v.selectorsAt(0, "posture", [], "defaultSrcPosture");
}
