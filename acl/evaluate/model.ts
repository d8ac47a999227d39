/**
 * The definitions a policy's rules refer to (groups, tagOwners, hosts, ipsets, roles), read once
 * from the parsed value, and the compilation of selector lists into sets that answer "does this
 * selector list cover that principal" without re-reading the policy.
 */
import { member, isRecord } from "../walk";
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

/**
 * The string elements of a list that pass `keep` (all by default); empty when it is not an array.
 * A list whose elements all pass is returned as it is, not copied: the model only reads it, and a
 * copy per group would double what the evaluator keeps alive.
 */
function stringList(value: unknown, keep?: (item: string) => boolean): readonly string[] {
    if (!Array.isArray(value)) return [];
    let passing = 0;
    for (const item of value) if (typeof item === "string" && (keep === undefined || keep(item))) passing++;
    if (passing === value.length) return value as string[];
    const out: string[] = [];
    for (const item of value) if (typeof item === "string" && (keep === undefined || keep(item))) out.push(item);
    return out;
}

const isLogin = (item: string): boolean => item.includes("@");

function readGroups(doc: unknown): Map<string, readonly string[]> {
    const groups = new Map<string, readonly string[]>();
    const section = member(doc, "groups");
    if (!isRecord(section)) return groups;
    for (const name of Object.keys(section)) {
        if (name.startsWith("group:")) groups.set(name, stringList(section[name], isLogin));
    }
    return groups;
}

function readTagOwners(doc: unknown): Map<string, readonly string[]> {
    const owners = new Map<string, readonly string[]>();
    const section = member(doc, "tagOwners");
    if (!isRecord(section)) return owners;
    for (const tag of Object.keys(section)) if (tag.startsWith("tag:")) owners.set(tag, stringList(section[tag]));
    return owners;
}

function readHosts(doc: unknown): Map<string, AddressRange> {
    const hosts = new Map<string, AddressRange>();
    const section = member(doc, "hosts");
    if (!isRecord(section)) return hosts;
    for (const name of Object.keys(section)) {
        const address = section[name];
        const range = typeof address === "string" ? parseAddress(address) : undefined;
        if (range !== undefined) hosts.set(name, range);
    }
    return hosts;
}

function readIpsets(doc: unknown, hosts: ReadonlyMap<string, AddressRange>): Map<string, AddressRange[]> {
    const raw = member(doc, "ipsets");
    const ipsets = new Map<string, AddressRange[]>();
    if (!isRecord(raw)) return ipsets;
    const resolving = new Set<string>();
    const resolve = (name: string): AddressRange[] => {
        const done = ipsets.get(name);
        if (done !== undefined) return done;
        if (resolving.has(name) || !Object.prototype.hasOwnProperty.call(raw, name)) return [];
        resolving.add(name);
        const ranges: AddressRange[] = [];
        for (const entry of stringList(raw[name])) {
            if (entry.startsWith("ipset:")) ranges.push(...resolve(entry));
            else if (entry.startsWith("host:")) {
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
    for (const name of Object.keys(raw)) if (name.startsWith("ipset:")) resolve(name);
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

/** Reads the definitions of a policy value; sections of the wrong shape are skipped. */
export function buildModel(doc: unknown, options: EvaluatorOptions = {}): PolicyModel {
    const hosts = readHosts(doc);
    const groups = readGroups(doc);
    const groupMembers = new Map<string, ReadonlySet<string>>();
    for (const [name, members] of groups) groupMembers.set(name, new Set(members));
    return {
        groups,
        groupMembers,
        tagOwners: readTagOwners(doc),
        hosts,
        ipsets: readIpsets(doc, hosts),
        roles: readRoles(options),
        postures: readPostures(member(doc, "postures")),
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

/** Compiles the string elements of a selector list (non-strings are skipped). */
export function compileSelectors(list: unknown, model: PolicyModel): SelectorSet {
    const set = new SelectorSet();
    if (Array.isArray(list)) for (const item of list) if (typeof item === "string") addSelector(set, item, model);
    return set;
}

/**
 * Compiled selector lists keyed by their strings, so rules naming the same sources (often one
 * group) share one SelectorSet instead of compiling a copy each. The sets handed out are shared:
 * they must not be changed afterwards.
 */
export class SelectorCache {
    private readonly lists = new StringListCache<SelectorSet>();

    constructor(private readonly model: PolicyModel) {}

    /** The compiled set of a selector list (the same object for lists with the same strings). */
    of(list: unknown): SelectorSet {
        const slot = this.lists.slot(list);
        return (slot.value ??= compileSelectors(list, this.model));
    }
}
