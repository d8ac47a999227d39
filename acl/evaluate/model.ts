/**
 * The definitions a policy's rules refer to (groups, tagOwners, hosts, ipsets, roles), read once
 * from the policy's tape, and the answer to "does this selector list cover that principal".
 *
 * Everything is kept by string number (the tape's name table, plus the few strings the options or
 * the rules' destinations add): group members in one sorted Int32Array, what each selector string
 * names in one byte per string, lists of selectors as numbers in a ListTable. A large policy's
 * model is then a handful of typed arrays rather than a Map, a Set and an array per group, which
 * keeps the objects the garbage collector must copy while a big file is analysed few.
 */
import { grown, NONE, type PolicyTape } from "../tape";
import { stringValues } from "../walk";
import { EvaluationArgumentError } from "./errors";
import { isInternetRange, parseAddress, rangeContains, type AddressRange } from "./addresses";
import { ListTable } from "./listTable";
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

/** What a selector string names, as kept per string number (0: not read yet). */
export const SELECTOR_STAR = 1;
export const SELECTOR_DANGER_ALL = 2;
export const SELECTOR_MEMBER = 3;
export const SELECTOR_TAGGED = 4;
export const SELECTOR_SELF = 5;
export const SELECTOR_INTERNET = 6;
/** A role autogroup the options give members. */
export const SELECTOR_ROLE = 7;
/** Any other autogroup (named literally only). */
export const SELECTOR_AUTOGROUP = 8;
export const SELECTOR_TAG = 9;
export const SELECTOR_GROUP = 10;
export const SELECTOR_IPSET = 11;
export const SELECTOR_USER = 12;
/** A host alias or an IP, CIDR or range. */
export const SELECTOR_ADDRESS = 13;
/** Something the evaluator cannot read (an undefined host alias, a typo). */
export const SELECTOR_NOTHING = 14;

const AT = 64; // "@"

/** Something a query or a test names: the source or destination of a connection. */
export type Principal =
    | { kind: "user"; login: string; /** The login's string number in the model (NONE when the model never names it). */ id: number }
    | { kind: "group"; name: string; id: number; members: readonly string[]; memberIds: ArrayLike<number> & Iterable<number> }
    | { kind: "tag"; name: string; id: number }
    | { kind: "address"; text: string; range: AddressRange; /** Entirely public unicast (exit-node traffic). */ internet: boolean }
    | { kind: "autogroup"; name: string; id: number };

/**
 * The entries of the top-level section `section` whose key starts with `prefix`, each as its key and
 * the string elements of its list (none when it is not a list), in file order.
 */
function listsByKey(tape: PolicyTape, section: string, prefix: string): Map<string, string[]> {
    const lists = new Map<string, string[]>();
    const object = tape.member(0, section);
    if (!tape.isObject(object)) return lists;
    for (let entry = tape.first(object); entry !== NONE; entry = tape.next(entry)) {
        const key = tape.key(entry);
        if (key.startsWith(prefix)) lists.set(key, stringValues(tape, entry));
    }
    return lists;
}

/** Role autogroup -> user logins, checked. */
function readRoles(options: EvaluatorOptions): Map<string, readonly string[]> {
    const roles = new Map<string, readonly string[]>();
    for (const [role, users] of Object.entries(options.roles ?? {})) {
        if (!ROLE_AUTOGROUPS.has(role)) {
            throw new EvaluationArgumentError("roles key", role, `use one of ${[...ROLE_AUTOGROUPS].join(", ")}`);
        }
        if (!Array.isArray(users) || users.some((login) => typeof login !== "string" || !login.includes("@"))) {
            throw new EvaluationArgumentError(`roles["${role}"]`, users, 'list user logins, e.g. ["alice@example.com"]');
        }
        roles.set(role, [...users]);
    }
    return roles;
}

/** The first index in `items[from, to)` holding a value >= `value` (the slice is sorted). */
function lowerBound(items: Int32Array, from: number, to: number, value: number): number {
    while (from < to) {
        const middle = (from + to) >>> 1;
        if (items[middle] < value) from = middle + 1;
        else to = middle;
    }
    return from;
}

/**
 * The definitions of one policy (node 0 of its tape, sections of the wrong shape skipped), with
 * the string numbering the evaluator uses: the tape's numbers, then the strings the file lacks.
 */
export class PolicyModel {
    /** Lists of selectors (and of ports, users, postures) numbered by content; shared by the rule index. */
    readonly lists: ListTable;
    /** posture name -> its conditions, parsed once. */
    readonly postures: ReadonlyMap<string, Posture>;
    /** Strings the file lacks that the evaluator numbers (role members, rule targets cut out of longer strings). */
    private readonly extraIds = new Map<string, number>();
    private readonly extraTexts: string[] = [];
    /** What each string names as a selector, by string number (0: not read yet). */
    private kinds: Uint8Array;
    /** Host alias -> its interval, by the alias's string number. */
    private readonly hostRanges = new Map<number, AddressRange>();
    /** The interval of each address selector read so far (a host alias or a literal), by string number. */
    private readonly addressRanges = new Map<number, AddressRange>();
    /** ipset name -> its intervals, by the name's string number. */
    private readonly ipsetRanges = new Map<number, readonly AddressRange[]>();
    /**
     * Each group's members (logins only) at [groupStarts[g], groupEnds[g]) of two arrays: sorted in
     * `members` (for membership tests), in file order in `membersInOrder`; start -1 for no group.
     */
    private readonly groupStarts: Int32Array;
    private readonly groupEnds: Int32Array;
    private readonly members: Int32Array;
    private readonly membersInOrder: Int32Array;
    /** Role autogroup -> the string numbers of its users. */
    private readonly roleMembers = new Map<number, ReadonlySet<number>>();
    private readonly roleLogins: ReadonlyMap<string, readonly string[]>;
    /** Numbers of the strings the selectors test against (always numbered). */
    private readonly starId: number;
    private readonly dangerAllId: number;
    readonly memberId: number;
    readonly taggedId: number;
    readonly selfId: number;
    readonly internetId: number;
    private groupView: ReadonlyMap<string, readonly string[]> | undefined;
    private tagOwnerView: ReadonlyMap<string, readonly string[]> | undefined;
    private hostView: ReadonlyMap<string, AddressRange> | undefined;

    constructor(
        readonly tape: PolicyTape,
        options: EvaluatorOptions = {},
    ) {
        this.roleLogins = readRoles(options);
        this.lists = new ListTable(tape);
        // Numbered even when the file lacks them, so a string cut out of a longer one (an acls
        // destination "*:22") gets the same number as the constant.
        this.starId = this.intern("*");
        this.dangerAllId = this.intern("autogroup:danger-all");
        this.memberId = this.intern("autogroup:member");
        this.taggedId = this.intern("autogroup:tagged");
        this.selfId = this.intern("autogroup:self");
        this.internetId = this.intern("autogroup:internet");
        for (const [role, logins] of this.roleLogins) {
            this.roleMembers.set(this.intern(role), new Set(logins.map((login) => this.intern(login))));
        }
        const root = 0;
        this.readHosts(tape.member(root, "hosts"));
        this.groupStarts = new Int32Array(tape.names.count).fill(-1);
        this.groupEnds = new Int32Array(tape.names.count);
        this.membersInOrder = this.readGroups(tape.member(root, "groups"));
        this.members = this.sortedMembers();
        this.readIpsets(tape.member(root, "ipsets"));
        this.postures = readPostures(tape, tape.member(root, "postures"));
        this.kinds = new Uint8Array(this.count);
    }

    /** How many strings are numbered (the file's, then the extras). */
    get count(): number {
        return this.tape.names.count + this.extraTexts.length;
    }

    /** The number of `text`: the file's, or an extra's; NONE when neither has it. */
    idOf(text: string): number {
        const id = this.tape.names.find(text);
        return id !== NONE ? id : (this.extraIds.get(text) ?? NONE);
    }

    /** The number of `text`, numbering it after the file's strings when the file lacks it. */
    intern(text: string): number {
        const id = this.idOf(text);
        if (id !== NONE) return id;
        const extra = this.tape.names.count + this.extraTexts.length;
        this.extraIds.set(text, extra);
        this.extraTexts.push(text);
        return extra;
    }

    /** The string numbered `id`. */
    textOf(id: number): string {
        const fileCount = this.tape.names.count;
        return id < fileCount ? this.tape.names.textOf(id) : this.extraTexts[id - fileCount];
    }

    private startsWith(id: number, prefix: string): boolean {
        return id < this.tape.names.count ? this.tape.names.startsWith(id, prefix) : this.textOf(id).startsWith(prefix);
    }

    private hasAt(id: number): boolean {
        return id < this.tape.names.count ? this.tape.names.hasChar(id, AT) : this.textOf(id).includes("@");
    }

    private readHosts(section: number): void {
        const tape = this.tape;
        if (!tape.isObject(section)) return;
        for (let entry = tape.first(section); entry !== NONE; entry = tape.next(entry)) {
            const range = tape.isString(entry) ? parseAddress(tape.string(entry)) : undefined;
            if (range !== undefined) this.hostRanges.set(tape.keyId(entry), range);
        }
    }

    /** Files each group's logins in file order; returns the member array. */
    private readGroups(section: number): Int32Array {
        const tape = this.tape;
        const names = tape.names;
        let members = new Int32Array(64);
        let used = 0;
        if (!tape.isObject(section)) return members;
        for (let entry = tape.first(section); entry !== NONE; entry = tape.next(entry)) {
            const group = tape.keyId(entry);
            if (!names.startsWith(group, "group:")) continue;
            const start = used;
            if (tape.isArray(entry)) {
                for (let item = tape.first(entry); item !== NONE; item = tape.next(item)) {
                    if (!tape.isString(item)) continue;
                    const id = tape.stringId(item);
                    if (!names.hasChar(id, AT)) continue;
                    if (used === members.length) members = grown(members);
                    members[used++] = id;
                }
            }
            this.groupStarts[group] = start;
            this.groupEnds[group] = used;
        }
        return members.subarray(0, used);
    }

    /** A copy of membersInOrder with each group's run sorted. */
    private sortedMembers(): Int32Array {
        const sorted = this.membersInOrder.slice();
        for (let group = 0; group < this.groupStarts.length; group++) {
            const start = this.groupStarts[group];
            if (start >= 0) sorted.subarray(start, this.groupEnds[group]).sort();
        }
        return sorted;
    }

    private readIpsets(section: number): void {
        const tape = this.tape;
        if (!tape.isObject(section)) return;
        /** Each ipset's definition (its member) by the number of its name: a reference's string number is the key's number. */
        const definitions = new Map<number, number>();
        for (let entry = tape.first(section); entry !== NONE; entry = tape.next(entry)) definitions.set(tape.keyId(entry), entry);
        const resolving = new Set<number>();
        const resolve = (name: number, definition: number | undefined): readonly AddressRange[] => {
            const done = this.ipsetRanges.get(name);
            if (done !== undefined) return done;
            if (resolving.has(name) || definition === undefined) return [];
            resolving.add(name);
            const ranges: AddressRange[] = [];
            // A definition that is not a list defines no addresses.
            const list = tape.isArray(definition) ? definition : NONE;
            for (let element = tape.first(list); element !== NONE; element = tape.next(element)) {
                if (!tape.isString(element)) continue;
                const id = tape.stringId(element);
                if (tape.names.startsWith(id, "ipset:")) {
                    for (const range of resolve(id, definitions.get(id))) ranges.push(range);
                } else if (tape.names.startsWith(id, "host:")) {
                    const host = this.hostRanges.get(tape.names.find(tape.string(element).slice("host:".length)));
                    if (host !== undefined) ranges.push(host);
                } else {
                    const range = parseAddress(tape.string(element));
                    if (range !== undefined) ranges.push(range);
                }
            }
            resolving.delete(name);
            this.ipsetRanges.set(name, ranges);
            return ranges;
        };
        for (let entry = tape.first(section); entry !== NONE; entry = tape.next(entry)) {
            const name = tape.keyId(entry);
            if (tape.names.startsWith(name, "ipset:")) resolve(name, entry);
        }
    }

    /** What the string numbered `id` names as a selector (a SELECTOR_ constant); read once per string. */
    kindOf(id: number): number {
        if (id >= this.kinds.length) {
            const kinds = new Uint8Array(Math.max(this.count, this.kinds.length * 2));
            kinds.set(this.kinds);
            this.kinds = kinds;
        }
        let kind = this.kinds[id];
        if (kind === 0) this.kinds[id] = kind = this.classify(id);
        return kind;
    }

    private classify(id: number): number {
        if (id === this.starId) return SELECTOR_STAR;
        if (id === this.dangerAllId) return SELECTOR_DANGER_ALL;
        if (this.startsWith(id, "autogroup:")) {
            if (id === this.memberId) return SELECTOR_MEMBER;
            if (id === this.taggedId) return SELECTOR_TAGGED;
            if (id === this.selfId) return SELECTOR_SELF;
            if (id === this.internetId) return SELECTOR_INTERNET;
            return this.roleMembers.has(id) ? SELECTOR_ROLE : SELECTOR_AUTOGROUP;
        }
        if (this.startsWith(id, "tag:")) return SELECTOR_TAG;
        if (this.startsWith(id, "group:")) return SELECTOR_GROUP;
        if (this.startsWith(id, "ipset:")) return SELECTOR_IPSET;
        if (this.hasAt(id)) return SELECTOR_USER;
        const range = this.hostRanges.get(id) ?? parseAddress(this.textOf(id));
        if (range === undefined) return SELECTOR_NOTHING;
        this.addressRanges.set(id, range);
        return SELECTOR_ADDRESS;
    }

    /** The interval of an address selector (kindOf(id) is SELECTOR_ADDRESS). */
    rangeOf(id: number): AddressRange {
        return this.addressRanges.get(id) as AddressRange;
    }

    /** The intervals of an ipset (none when undefined). */
    ipsetOf(id: number): readonly AddressRange[] {
        return this.ipsetRanges.get(id) ?? [];
    }

    /** True when the group numbered `group` lists the login numbered `login`. */
    groupHas(group: number, login: number): boolean {
        if (group >= this.groupStarts.length) return false;
        const start = this.groupStarts[group];
        if (start < 0) return false;
        const end = this.groupEnds[group];
        const at = lowerBound(this.members, start, end, login);
        return at < end && this.members[at] === login;
    }

    /** The logins of a group, by string number (in sorted order); none when undefined. */
    groupMemberIds(group: number): Int32Array {
        if (group < 0 || group >= this.groupStarts.length || this.groupStarts[group] < 0) return new Int32Array(0);
        return this.members.subarray(this.groupStarts[group], this.groupEnds[group]);
    }

    /** The logins of a group, by string number in the order the file lists them (duplicates kept); none when undefined. */
    groupMembersInOrder(group: number): Int32Array {
        if (group < 0 || group >= this.groupStarts.length || this.groupStarts[group] < 0) return new Int32Array(0);
        return this.membersInOrder.subarray(this.groupStarts[group], this.groupEnds[group]);
    }

    /** The users of a role autogroup, by string number (none when the options give none). */
    roleMemberIds(role: number): ReadonlySet<number> | undefined {
        return this.roleMembers.get(role);
    }

    /** The logins of the group numbered `group` as strings, in file order (groupMembersInOrder). */
    groupLogins(group: number): string[] {
        return Array.from(this.groupMembersInOrder(group), (login) => this.textOf(login));
    }

    /** group name -> user logins in file order (other entries are ignored), from the members read once; made on first use. */
    get groups(): ReadonlyMap<string, readonly string[]> {
        if (this.groupView === undefined) {
            const groups = new Map<string, readonly string[]>();
            const tape = this.tape;
            const section = tape.member(0, "groups");
            if (tape.isObject(section)) {
                for (let entry = tape.first(section); entry !== NONE; entry = tape.next(entry)) {
                    const group = tape.keyId(entry);
                    if (this.groupStarts[group] >= 0) groups.set(this.textOf(group), this.groupLogins(group));
                }
            }
            this.groupView = groups;
        }
        return this.groupView;
    }

    /** tag -> owners as written; read on first use. */
    get tagOwners(): ReadonlyMap<string, readonly string[]> {
        return (this.tagOwnerView ??= listsByKey(this.tape, "tagOwners", "tag:"));
    }

    /** host alias -> its address interval; made on first use. */
    get hosts(): ReadonlyMap<string, AddressRange> {
        if (this.hostView === undefined) {
            const hosts = new Map<string, AddressRange>();
            for (const [id, range] of this.hostRanges) hosts.set(this.textOf(id), range);
            this.hostView = hosts;
        }
        return this.hostView;
    }

    /** role autogroup -> user logins, as the options give them. */
    get roles(): ReadonlyMap<string, readonly string[]> {
        return this.roleLogins;
    }

    /** The interval of a host alias, by its text; undefined when the file defines no such host. */
    hostRange(alias: string): AddressRange | undefined {
        const id = this.tape.names.find(alias);
        return id === NONE ? undefined : this.hostRanges.get(id);
    }

    /** True when the selector list numbered `list` (in `lists`) holds "*" or autogroup:danger-all. */
    private coversAll(list: number): boolean {
        const lists = this.lists;
        for (let i = lists.start(list), end = lists.end(list); i < end; i++) {
            const kind = this.kindOf(lists.item(i));
            if (kind === SELECTOR_STAR || kind === SELECTOR_DANGER_ALL) return true;
        }
        return false;
    }

    /** True when the selector list `list` covers the user numbered `login` (NONE: a login the model never names). */
    private coversUser(list: number, login: number): boolean {
        const lists = this.lists;
        for (let i = lists.start(list), end = lists.end(list); i < end; i++) {
            const id = lists.item(i);
            switch (this.kindOf(id)) {
                case SELECTOR_STAR:
                case SELECTOR_DANGER_ALL:
                case SELECTOR_MEMBER:
                    return true;
                case SELECTOR_USER:
                    if (id === login) return true;
                    break;
                case SELECTOR_GROUP:
                    if (this.groupHas(id, login)) return true;
                    break;
                case SELECTOR_ROLE:
                    if ((this.roleMembers.get(id) as ReadonlySet<number>).has(login)) return true;
                    break;
            }
        }
        return false;
    }

    /**
     * True when the selector list numbered `list` covers a principal: "*" covers everything, a user
     * is covered by autogroup:member, its login, a group or role holding it; a tag by itself or
     * autogroup:tagged; an address by an interval holding it; an autogroup by itself; a group when
     * every member is covered (an empty group never is). autogroup:self is the destination index's
     * concern.
     */
    covers(list: number, principal: Principal): boolean {
        switch (principal.kind) {
            case "user":
                return this.coversUser(list, principal.id);
            case "group": {
                if (this.coversAll(list)) return true;
                const members = principal.memberIds;
                if (members.length === 0) return false;
                for (const login of members) if (!this.coversUser(list, login)) return false;
                return true;
            }
            default:
                break;
        }
        const lists = this.lists;
        for (let i = lists.start(list), end = lists.end(list); i < end; i++) {
            const id = lists.item(i);
            const kind = this.kindOf(id);
            if (kind === SELECTOR_STAR || kind === SELECTOR_DANGER_ALL) return true;
            switch (principal.kind) {
                case "tag":
                    if (kind === SELECTOR_TAGGED || (kind === SELECTOR_TAG && id === principal.id)) return true;
                    break;
                case "address":
                    if (kind === SELECTOR_ADDRESS) {
                        if (rangeContains(this.rangeOf(id), principal.range)) return true;
                    } else if (kind === SELECTOR_IPSET) {
                        for (const range of this.ipsetOf(id)) if (rangeContains(range, principal.range)) return true;
                    }
                    break;
                case "autogroup":
                    if (kind >= SELECTOR_MEMBER && kind <= SELECTOR_AUTOGROUP && id === principal.id) return true;
                    break;
            }
        }
        return false;
    }
}

/** Reads the definitions of a policy from its tape (node 0, the top level); sections of the wrong shape are skipped. */
export function buildModel(tape: PolicyTape, options: EvaluatorOptions = {}): PolicyModel {
    return new PolicyModel(tape, options);
}

/**
 * What a query string names: a user login, a group, a tag, an autogroup, a host alias or an
 * IP/CIDR/range. Undefined when it names none of these (e.g. an undefined host alias). The
 * principal carries string numbers of `model`: use it with that model's evaluator only. `id`, when
 * the caller has it (`text` is a string of the file: the tape's number), spares a look-up.
 */
export function parsePrincipal(text: string, model: PolicyModel, id?: number): Principal | undefined {
    if (text.startsWith("tag:")) return text.length > 4 ? { kind: "tag", name: text, id: id ?? model.idOf(text) } : undefined;
    if (text.startsWith("group:")) {
        const group = id ?? model.idOf(text);
        const memberIds = model.groupMembersInOrder(group);
        return { kind: "group", name: text, id: group, members: model.groupLogins(group), memberIds };
    }
    if (text.startsWith("autogroup:")) return { kind: "autogroup", name: text, id: id ?? model.idOf(text) };
    if (text.includes("@")) return { kind: "user", login: text, id: id ?? model.idOf(text) };
    const range = model.hostRange(text) ?? parseAddress(text);
    return range === undefined ? undefined : { kind: "address", text, range, internet: isInternetRange(range) };
}
