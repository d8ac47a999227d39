/**
 * The definitions a policy's rules refer to (groups, tagOwners, hosts, ipsets, roles), read once
 * from the policy's tape, and the compilation of selector lists into sets that answer "does this
 * selector list cover that principal" without re-reading the policy.
 */
import { NONE, type PolicyTape } from "../tape";
import { EvaluationArgumentError } from "./errors";
import { isInternetRange, parseAddress, rangeContains, type AddressRange } from "./addresses";
import { StringListCache } from "./listCache";
import { readPostures, type Posture } from "./posture";

/** The autogroups that stand for users holding an admin-console role. */
export const ROLE_AUTOGROUPS: ReadonlySet<string> = new Set([
    "autogroup:owner",
    "autogroup:admin",
    "autogroup:member-admin",
    "autogroup:it-admin",
    "autogroup:network-admin",
    "autogroup:billing-admin",
    "autogroup:auditor",
]);

export interface EvaluatorOptions {
    /**
     * Users holding each role autogroup, e.g. {"autogroup:admin": ["alice@example.com"]}. The policy
     * file does not say who holds a role, so by default nobody does (see semantics.ts).
     */
    roles?: Readonly<Record<string, readonly string[]>>;
}

export interface PolicyModel {
    /** group name -> user logins (other entries are ignored). */
    groups: ReadonlyMap<string, readonly string[]>;
    /** The same as sets, shared by every rule naming the group. */
    groupMembers: ReadonlyMap<string, ReadonlySet<string>>;
    /** tag -> owners as written. */
    tagOwners: ReadonlyMap<string, readonly string[]>;
    /** host alias -> its address interval. */
    hosts: ReadonlyMap<string, AddressRange>;
    /** ipset name -> its address intervals. */
    ipsets: ReadonlyMap<string, readonly AddressRange[]>;
    /** role autogroup -> user logins. */
    roles: ReadonlyMap<string, ReadonlySet<string>>;
    /** posture name -> its conditions, parsed once. */
    postures: ReadonlyMap<string, Posture>;
}

/** The string elements of the tape list `list` that pass `keep` (all by default); none when it is not a list. */
function stringList(tape: PolicyTape, list: number, keep?: (item: string) => boolean): readonly string[] {
    const out: string[] = [];
    if (!tape.isArray(list)) return out;
    for (let element = tape.first(list); element !== NONE; element = tape.next(element)) {
        if (!tape.isString(element)) continue;
        const item = tape.string(element);
        if (keep === undefined || keep(item)) out.push(item);
    }
    return out;
}

const isLogin = (item: string): boolean => item.includes("@");

function readGroups(tape: PolicyTape, root: number): Map<string, readonly string[]> {
    const groups = new Map<string, readonly string[]>();
    const section = tape.member(root, "groups");
    if (!tape.isObject(section)) return groups;
    for (let entry = tape.first(section); entry !== NONE; entry = tape.next(entry)) {
        const name = tape.key(entry);
        if (name.startsWith("group:")) groups.set(name, stringList(tape, entry, isLogin));
    }
    return groups;
}

function readTagOwners(tape: PolicyTape, root: number): Map<string, readonly string[]> {
    const owners = new Map<string, readonly string[]>();
    const section = tape.member(root, "tagOwners");
    if (!tape.isObject(section)) return owners;
    for (let entry = tape.first(section); entry !== NONE; entry = tape.next(entry)) {
        const tag = tape.key(entry);
        if (tag.startsWith("tag:")) owners.set(tag, stringList(tape, entry));
    }
    return owners;
}

function readHosts(tape: PolicyTape, root: number): Map<string, AddressRange> {
    const hosts = new Map<string, AddressRange>();
    const section = tape.member(root, "hosts");
    if (!tape.isObject(section)) return hosts;
    for (let entry = tape.first(section); entry !== NONE; entry = tape.next(entry)) {
        const range = tape.isString(entry) ? parseAddress(tape.string(entry)) : undefined;
        if (range !== undefined) hosts.set(tape.key(entry), range);
    }
    return hosts;
}

function readIpsets(tape: PolicyTape, root: number, hosts: ReadonlyMap<string, AddressRange>): Map<string, AddressRange[]> {
    const section = tape.member(root, "ipsets");
    const ipsets = new Map<string, AddressRange[]>();
    if (!tape.isObject(section)) return ipsets;
    /** Each ipset's definition (its member) by the number of its name: a reference's string number is the key's number. */
    const definitions = new Map<number, number>();
    for (let entry = tape.first(section); entry !== NONE; entry = tape.next(entry)) definitions.set(tape.keyId(entry), entry);
    const resolving = new Set<string>();
    const resolve = (name: string, definition: number | undefined): AddressRange[] => {
        const done = ipsets.get(name);
        if (done !== undefined) return done;
        if (resolving.has(name) || definition === undefined) return [];
        resolving.add(name);
        const ranges: AddressRange[] = [];
        // A definition that is not a list defines no addresses.
        const list = tape.isArray(definition) ? definition : NONE;
        for (let element = tape.first(list); element !== NONE; element = tape.next(element)) {
            if (!tape.isString(element)) continue;
            const entry = tape.string(element);
            if (entry.startsWith("ipset:")) {
                for (const range of resolve(entry, definitions.get(tape.stringId(element)))) ranges.push(range);
            } else if (entry.startsWith("host:")) {
                const host = hosts.get(entry.slice("host:".length));
                if (host !== undefined) ranges.push(host);
            } else {
                const range = parseAddress(entry);
                if (range !== undefined) ranges.push(range);
            }
        }
        resolving.delete(name);
        ipsets.set(name, ranges);
        return ranges;
    };
    for (let entry = tape.first(section); entry !== NONE; entry = tape.next(entry)) {
        const name = tape.key(entry);
        if (name.startsWith("ipset:")) resolve(name, entry);
    }
    return ipsets;
}

function readRoles(options: EvaluatorOptions): Map<string, Set<string>> {
    const roles = new Map<string, Set<string>>();
    for (const [role, users] of Object.entries(options.roles ?? {})) {
        if (!ROLE_AUTOGROUPS.has(role)) {
            throw new EvaluationArgumentError("roles key", role, `use one of ${[...ROLE_AUTOGROUPS].join(", ")}`);
        }
        if (!Array.isArray(users) || users.some((login) => typeof login !== "string" || !login.includes("@"))) {
            throw new EvaluationArgumentError(`roles["${role}"]`, users, 'list user logins, e.g. ["alice@example.com"]');
        }
        roles.set(role, new Set(users));
    }
    return roles;
}

/** Reads the definitions of a policy from its tape (node 0, the top level); sections of the wrong shape are skipped. */
export function buildModel(tape: PolicyTape, options: EvaluatorOptions = {}): PolicyModel {
    const root = 0;
    const hosts = readHosts(tape, root);
    const groups = readGroups(tape, root);
    const groupMembers = new Map<string, ReadonlySet<string>>();
    for (const [name, members] of groups) groupMembers.set(name, new Set(members));
    return {
        groups,
        groupMembers,
        tagOwners: readTagOwners(tape, root),
        hosts,
        ipsets: readIpsets(tape, root, hosts),
        roles: readRoles(options),
        postures: readPostures(tape, tape.member(root, "postures")),
    };
}

/** Something a query or a test names: the source or destination of a connection. */
export type Principal =
    | { kind: "user"; login: string }
    | { kind: "group"; name: string; members: readonly string[] }
    | { kind: "tag"; name: string }
    | { kind: "address"; text: string; range: AddressRange; /** Entirely public unicast (exit-node traffic). */ internet: boolean }
    | { kind: "autogroup"; name: string };

/**
 * What a query string names: a user login, a group, a tag, an autogroup, a host alias or an
 * IP/CIDR/range. Undefined when it names none of these (e.g. an undefined host alias).
 */
export function parsePrincipal(text: string, model: PolicyModel): Principal | undefined {
    if (text.startsWith("tag:")) return text.length > 4 ? { kind: "tag", name: text } : undefined;
    if (text.startsWith("group:")) return { kind: "group", name: text, members: model.groups.get(text) ?? [] };
    if (text.startsWith("autogroup:")) return { kind: "autogroup", name: text };
    if (text.includes("@")) return { kind: "user", login: text };
    const host = model.hosts.get(text);
    const range = host ?? parseAddress(text);
    return range === undefined ? undefined : { kind: "address", text, range, internet: isInternetRange(range) };
}

/** A list of selectors (a rule's src or dst) compiled into sets (created only when needed). */
export class SelectorSet {
    any = false;
    /** autogroup:member: every user (untagged device). */
    member = false;
    /** autogroup:tagged: every tagged device. */
    tagged = false;
    /** autogroup:self (destination only). */
    self = false;
    /** autogroup:internet (destination only). */
    internet = false;
    /** Logins named directly (or through a role); small lists, so arrays beat sets here. */
    users: string[] | undefined;
    /** Member sets of the groups named, shared with the model (never copied per rule). */
    groups: Array<ReadonlySet<string>> | undefined;
    tags: string[] | undefined;
    /** Autogroups named literally, for queries about an autogroup itself. */
    autogroups: string[] | undefined;
    ranges: AddressRange[] | undefined;

    addUser(login: string): void {
        if (this.users === undefined) this.users = [login];
        else this.users.push(login);
    }

    addGroup(members: ReadonlySet<string>): void {
        if (this.groups === undefined) this.groups = [members];
        else this.groups.push(members);
    }

    addTag(tag: string): void {
        if (this.tags === undefined) this.tags = [tag];
        else this.tags.push(tag);
    }

    addAutogroup(name: string): void {
        if (this.autogroups === undefined) this.autogroups = [name];
        else this.autogroups.push(name);
    }

    addRange(range: AddressRange): void {
        if (this.ranges === undefined) this.ranges = [range];
        else this.ranges.push(range);
    }

    private coversUser(login: string): boolean {
        if (this.member) return true;
        if (this.users !== undefined && this.users.includes(login)) return true;
        if (this.groups !== undefined) for (const members of this.groups) if (members.has(login)) return true;
        return false;
    }

    /** True when the list covers a principal (autogroup:self is the destination index's concern). */
    covers(principal: Principal): boolean {
        if (this.any) return true;
        switch (principal.kind) {
            case "user":
                return this.coversUser(principal.login);
            case "tag":
                return this.tagged || (this.tags !== undefined && this.tags.includes(principal.name));
            case "address": {
                const ranges = this.ranges;
                if (ranges === undefined) return false;
                for (const range of ranges) if (rangeContains(range, principal.range)) return true;
                return false;
            }
            case "autogroup":
                return this.autogroups !== undefined && this.autogroups.includes(principal.name);
            case "group":
                return principal.members.length > 0 && principal.members.every((login) => this.coversUser(login));
        }
    }
}

/** Adds one selector to a set; selectors it cannot read add nothing. */
export function addSelector(set: SelectorSet, selector: string, model: PolicyModel): void {
    if (selector === "*" || selector === "autogroup:danger-all") {
        set.any = true;
        set.addAutogroup(selector);
        return;
    }
    if (selector.startsWith("autogroup:")) {
        set.addAutogroup(selector);
        if (selector === "autogroup:member") set.member = true;
        else if (selector === "autogroup:tagged") set.tagged = true;
        else if (selector === "autogroup:self") set.self = true;
        else if (selector === "autogroup:internet") set.internet = true;
        else for (const login of model.roles.get(selector) ?? []) set.addUser(login);
        return;
    }
    if (selector.startsWith("tag:")) {
        set.addTag(selector);
        return;
    }
    if (selector.startsWith("group:")) {
        const members = model.groupMembers.get(selector);
        if (members !== undefined) set.addGroup(members);
        return;
    }
    if (selector.startsWith("ipset:")) {
        for (const range of model.ipsets.get(selector) ?? []) set.addRange(range);
        return;
    }
    if (selector.includes("@")) {
        set.addUser(selector);
        return;
    }
    const range = model.hosts.get(selector) ?? parseAddress(selector);
    if (range !== undefined) set.addRange(range);
}

/** Compiles the string elements of the tape list `list`, a selector list (non-strings are skipped; nothing when it is not a list). */
export function compileSelectors(tape: PolicyTape, list: number, model: PolicyModel): SelectorSet {
    const set = new SelectorSet();
    if (!tape.isArray(list)) return set;
    for (let item = tape.first(list); item !== NONE; item = tape.next(item)) if (tape.isString(item)) addSelector(set, tape.string(item), model);
    return set;
}

/**
 * Compiled selector lists keyed by their strings, so rules naming the same sources (often one
 * group) share one SelectorSet instead of compiling a copy each. The sets handed out are shared:
 * they must not be changed afterwards.
 */
export class SelectorCache {
    private readonly lists = new StringListCache<SelectorSet>();

    constructor(
        private readonly tape: PolicyTape,
        private readonly model: PolicyModel,
    ) {}

    /** The compiled set of the tape list `list` (the same object for lists with the same strings). */
    of(list: number): SelectorSet {
        const slot = this.lists.slot(this.tape, list);
        return (slot.value ??= compileSelectors(this.tape, list, this.model));
    }
}
