/**
 * Reading the access rules of a policy's tape (legacy `acls`, `grants` and `ssh`) into a rule
 * table and destination indexes. Rules are numbered in the file's evaluation order; what a rule
 * needs at query time (section, position, source list, posture gate, SSH action and users) is kept
 * in typed arrays by rule number, and what rules share (port specs, posture gates, SSH user lists)
 * is read once per distinct list. Rules or parts of rules of the wrong shape are skipped:
 * validation reports them.
 */
import { destinationTarget } from "../selectors";
import { grown, NONE, type PolicyTape } from "../tape";
import { formatPath, stringValues, type JsonPath } from "../walk";
import { DestinationIndex } from "./destinationIndex";
import type { PolicyModel, Principal } from "./model";
import { aclProtocols, parseGrantIp, parsePorts, type PortSpec } from "./ports";
import { PostureGate, type Posture } from "./posture";

export type RuleSection = "acls" | "grants" | "ssh";

const SECTIONS: readonly RuleSection[] = ["acls", "grants", "ssh"];
const ACLS = 0;
const GRANTS = 1;
const SSH = 2;

/** Which rule an entry came from. */
export interface RuleRef {
    section: RuleSection;
    index: number;
}

/** JSON path of a rule, e.g. ["grants", 2]. */
export function rulePath(rule: RuleRef): JsonPath {
    return [rule.section, rule.index];
}

/** Readable path of a rule, e.g. "grants[2]". */
export function ruleLabel(rule: RuleRef): string {
    return formatPath(rulePath(rule));
}

export type SshRuleAction = "accept" | "check";
const NETWORK = 0;
const ACCEPT = 1;
const CHECK = 2;

/** The local accounts an SSH rule allows. */
export class LocalUsers {
    readonly names: string[] = [];
    nonroot = false;
    /** Domains of "localpart:*@domain" entries. */
    readonly localpartDomains: string[] = [];

    /** Reads the string elements of the tape list `list` (an SSH rule's `users`); none when it is not a list. */
    constructor(tape: PolicyTape, list: number) {
        if (!tape.isArray(list)) return;
        for (let item = tape.first(list); item !== NONE; item = tape.next(item)) {
            if (!tape.isString(item)) continue;
            const value = tape.string(item);
            if (value === "autogroup:nonroot") this.nonroot = true;
            else if (value.startsWith("localpart:*@")) this.localpartDomains.push(value.slice("localpart:*@".length));
            else this.names.push(value);
        }
    }

    /** True when `localUser` may be used by the source `src`. */
    allows(localUser: string, src: Principal): boolean {
        if (this.names.includes(localUser)) return true;
        if (this.nonroot && localUser !== "root") return true;
        if (src.kind === "user" && this.localpartDomains.length > 0) {
            const at = src.login.lastIndexOf("@");
            return this.localpartDomains.includes(src.login.slice(at + 1)) && src.login.slice(0, at) === localUser;
        }
        return false;
    }
}

/** No posture gate, no user list: the value of a rule-table field that does not apply. */
const NOTHING = -1;

/**
 * Every indexed rule, by rule number (its position in the file's evaluation order): where it is,
 * whom it is from, the posture gate it requires and, for SSH rules, its action and local users.
 * The shared values (gates, user lists, port specs) sit in arrays of their own, referred to by number.
 */
export class RuleTable {
    count = 0;
    private sections = new Uint8Array(256);
    private indexes = new Int32Array(256);
    private sources = new Int32Array(256);
    private gates = new Int32Array(256);
    private actions = new Uint8Array(256);
    private userLists = new Int32Array(256);
    /** Posture gates by number. */
    readonly postureGates: PostureGate[] = [];
    /** SSH user lists by number. */
    readonly localUsers: LocalUsers[] = [];
    /** Sets of port specs by number (the data of a network index's node). */
    readonly specSets: Array<readonly PortSpec[]> = [];

    /** Adds a rule; returns its number. */
    add(section: number, index: number, src: number, gate: number, action: number, users: number): number {
        const rule = this.count++;
        if (rule === this.sections.length) this.grow();
        this.sections[rule] = section;
        this.indexes[rule] = index;
        this.sources[rule] = src;
        this.gates[rule] = gate;
        this.actions[rule] = action;
        this.userLists[rule] = users;
        return rule;
    }

    private grow(): void {
        const bytes = (from: Uint8Array) => {
            const to = new Uint8Array(from.length * 2);
            to.set(from);
            return to;
        };
        this.sections = bytes(this.sections);
        this.actions = bytes(this.actions);
        this.indexes = grown(this.indexes);
        this.sources = grown(this.sources);
        this.gates = grown(this.gates);
        this.userLists = grown(this.userLists);
    }

    /** The section and position of rule `rule`. */
    ref(rule: number): RuleRef {
        return { section: SECTIONS[this.sections[rule]], index: this.indexes[rule] };
    }

    /** The source selector list (a list number of the model's ListTable) of rule `rule`. */
    source(rule: number): number {
        return this.sources[rule];
    }

    /** The posture gate rule `rule` requires; undefined when none. */
    gate(rule: number): PostureGate | undefined {
        const gate = this.gates[rule];
        return gate === NOTHING ? undefined : this.postureGates[gate];
    }

    /** The action of SSH rule `rule`. */
    sshAction(rule: number): SshRuleAction {
        return this.actions[rule] === CHECK ? "check" : "accept";
    }

    /** True when SSH rule `rule` has the action `action`. */
    hasSshAction(rule: number, action: SshRuleAction): boolean {
        return this.actions[rule] === (action === "check" ? CHECK : ACCEPT);
    }

    /** The local users SSH rule `rule` allows. */
    users(rule: number): LocalUsers {
        return this.localUsers[this.userLists[rule]];
    }
}

export interface RuleIndexes {
    rules: RuleTable;
    /** Network rules (acls and grants) by destination; a node's data is its spec set's number in `rules.specSets`. */
    network: DestinationIndex;
    ssh: DestinationIndex;
    /** Rules that apply only to sources satisfying a posture (see semantics.ts), by label. */
    postureGated: string[];
    /** Every protocol named explicitly by a rule, and every port where an allowed range starts or ends+1. */
    protocols: Set<number>;
    portBreaks: Set<number>;
    /** Local user names SSH rules list explicitly ("root", "deploy"). */
    sshUsers: Set<string>;
}

function noteSpec(indexes: RuleIndexes, spec: PortSpec): void {
    if (spec.protocols !== "all") for (const protocol of spec.protocols) indexes.protocols.add(protocol);
    for (const [first, last] of spec.ports) {
        indexes.portBreaks.add(first);
        if (last < 65535) indexes.portBreaks.add(last + 1);
    }
}

/**
 * Parsed port specs, shared: policies repeat the same few port strings and `ip` lists many times.
 * Each spec is noted in the indexes' probe points once, when first read.
 */
class SpecCache {
    /** grants: the spec of each `ip` entry by its string number; null when unreadable. */
    private readonly grantIps = new Map<number, PortSpec | null>();
    /** grants: the spec set of each `ip` list, by list number. */
    private readonly grantLists = new Map<number, number>();
    /** acls: the spec set of a port text, by the rule's proto text ("" when absent); NOTHING when unreadable. */
    private readonly aclPorts = new Map<string, Map<string, number>>();

    constructor(
        private readonly model: PolicyModel,
        private readonly indexes: RuleIndexes,
    ) {}

    private newSet(specs: readonly PortSpec[]): number {
        const sets = this.indexes.rules.specSets;
        sets.push(specs);
        return sets.length - 1;
    }

    /** The spec set of a grant's `ip` list, the tape list `list`; NOTHING when it has no readable spec. */
    grantSpecs(list: number): number {
        const lists = this.model.lists;
        const n = lists.of(list);
        const known = this.grantLists.get(n);
        if (known !== undefined) return known;
        const specs: PortSpec[] = [];
        for (let i = lists.start(n), end = lists.end(n); i < end; i++) {
            const id = lists.item(i);
            let spec = this.grantIps.get(id);
            if (spec === undefined) {
                spec = parseGrantIp(this.model.textOf(id)) ?? null;
                this.grantIps.set(id, spec);
                if (spec !== null) noteSpec(this.indexes, spec);
            }
            if (spec !== null) specs.push(spec);
        }
        const set = specs.length === 0 ? NOTHING : this.newSet(specs);
        this.grantLists.set(n, set);
        return set;
    }

    /** The spec set of an acls destination's ports over the rule's protocols; NOTHING when unreadable. */
    aclSpecs(portText: string, protocols: ReadonlySet<number>, protoKey: string): number {
        let byPort = this.aclPorts.get(protoKey);
        if (byPort === undefined) this.aclPorts.set(protoKey, (byPort = new Map()));
        const cached = byPort.get(portText);
        if (cached !== undefined) return cached;
        const ports = parsePorts(portText);
        let set = NOTHING;
        if (ports !== undefined) {
            const spec: PortSpec = { protocols, ports };
            noteSpec(this.indexes, spec);
            set = this.newSet([spec]);
        }
        byPort.set(portText, set);
        return set;
    }
}

/**
 * Builds the posture gates of a policy's rules. Gates are shared: every rule without its own
 * srcPosture gets the one defaultSrcPosture gate, and rules naming the same list share one gate,
 * so a posture is evaluated once per attribute set, not once per rule.
 */
class PostureGates {
    /** Gate numbers by list number. */
    private readonly byList = new Map<number, number>();
    /** The top level's defaultSrcPosture; NONE when absent or null. */
    private readonly defaultList: number;
    private defaultGate: number | undefined;

    constructor(
        private readonly tape: PolicyTape,
        root: number,
        private readonly model: PolicyModel,
        private readonly rules: RuleTable,
    ) {
        this.defaultList = tape.field(root, "defaultSrcPosture");
    }

    /**
     * The gate of a rule (the tape object `record`): its own srcPosture, else defaultSrcPosture;
     * NOTHING when the list that applies is absent or empty. A list that is not an array admits
     * nobody (it cannot be read).
     */
    of(record: number): number {
        const own = this.tape.field(record, "srcPosture");
        if (own !== NONE) return this.gate(own);
        if (this.defaultGate === undefined) this.defaultGate = this.gate(this.defaultList);
        return this.defaultGate;
    }

    private gate(list: number): number {
        const tape = this.tape;
        if (list === NONE || (tape.isArray(list) && tape.length(list) === 0)) return NOTHING;
        const n = this.model.lists.of(list);
        const known = this.byList.get(n);
        if (known !== undefined) return known;
        const names = stringValues(tape, list);
        const postures: Posture[] = [];
        for (const name of names) {
            const posture = this.model.postures.get(name);
            if (posture !== undefined) postures.push(posture);
        }
        const gates = this.rules.postureGates;
        gates.push(new PostureGate(names, postures));
        this.byList.set(n, gates.length - 1);
        return gates.length - 1;
    }
}

/** Files the rules of each section into the indexes, numbering them in file order; shares what repeats. */
class RuleIndexer {
    private readonly specs: SpecCache;
    private readonly gates: PostureGates;
    /** SSH user lists' numbers (in the rule table) by list number. */
    private readonly userLists = new Map<number, number>();
    /** The string numbers of "accept" and "check" in the tape's name table (NONE when the file never has them). */
    private readonly acceptId: number;
    private readonly checkId: number;

    constructor(
        private readonly tape: PolicyTape,
        root: number,
        private readonly model: PolicyModel,
        private readonly indexes: RuleIndexes,
    ) {
        this.specs = new SpecCache(model, indexes);
        this.gates = new PostureGates(tape, root, model, indexes.rules);
        this.acceptId = tape.names.idOf("accept");
        this.checkId = tape.names.idOf("check");
    }

    private gate(record: number, section: RuleSection, index: number): number {
        const gate = this.gates.of(record);
        if (gate !== NOTHING) this.indexes.postureGated.push(ruleLabel({ section, index }));
        return gate;
    }

    /** True when `n` is the string numbered `word` (never when the file lacks the word: `word` is then NONE). */
    private isWord(n: number, word: number): boolean {
        return this.tape.isString(n) && this.tape.stringId(n) === word;
    }

    /** The action of the SSH rule `record`: ACCEPT or CHECK, else NETWORK (the rule is skipped). */
    private sshAction(record: number): number {
        const action = this.tape.member(record, "action");
        if (this.isWord(action, this.acceptId)) return ACCEPT;
        return this.isWord(action, this.checkId) ? CHECK : NETWORK;
    }

    /** The value of `key` in `record`, else (when absent or null) of `fallback`, as `??` reads a plain value. */
    private memberOr(record: number, key: string, fallback: string): number {
        const value = this.tape.field(record, key);
        return value !== NONE ? value : this.tape.member(record, fallback);
    }

    /** Files the legacy rules of the tape list `list` (the `acls` section). */
    acls(list: number): void {
        const tape = this.tape;
        const model = this.model;
        if (!tape.isArray(list)) return;
        for (let record = tape.first(list), index = 0; record !== NONE; record = tape.next(record), index++) {
            if (!tape.isObject(record) || !this.isWord(tape.member(record, "action"), this.acceptId)) continue;
            const proto = tape.member(record, "proto");
            const protocols = aclProtocols(tape, proto);
            if (protocols === undefined) continue;
            const gate = this.gate(record, "acls", index);
            const protoKey = tape.stringOrUndefined(proto) ?? "";
            const dstList = this.memberOr(record, "dst", "ports");
            const src = model.lists.of(this.memberOr(record, "src", "users"));
            const rule = this.indexes.rules.add(ACLS, index, src, gate, NETWORK, NOTHING);
            if (!tape.isArray(dstList)) continue;
            for (let item = tape.first(dstList); item !== NONE; item = tape.next(item)) {
                if (!tape.isString(item)) continue;
                const value = tape.string(item);
                const target = destinationTarget(value);
                if (target === value) continue; // no readable port list
                const portText = value.startsWith("[") ? value.slice(value.indexOf("]") + 2) : value.slice(target.length + 1);
                const specs = this.specs.aclSpecs(portText, protocols, protoKey);
                if (specs === NOTHING) continue;
                this.indexes.network.add(model.intern(target), rule, specs);
            }
        }
    }

    /** Files the grants of the tape list `list` (the `grants` section). */
    grants(list: number): void {
        const tape = this.tape;
        if (!tape.isArray(list)) return;
        for (let record = tape.first(list), index = 0; record !== NONE; record = tape.next(record), index++) {
            if (!tape.isObject(record)) continue;
            // App-only grants (no `ip`) give no network access.
            const specs = this.specs.grantSpecs(tape.member(record, "ip"));
            if (specs === NOTHING) continue;
            const gate = this.gate(record, "grants", index);
            const rule = this.indexes.rules.add(GRANTS, index, this.model.lists.of(tape.member(record, "src")), gate, NETWORK, NOTHING);
            const dstList = tape.member(record, "dst");
            if (!tape.isArray(dstList)) continue;
            for (let item = tape.first(dstList); item !== NONE; item = tape.next(item)) {
                if (tape.isString(item)) this.indexes.network.add(tape.stringId(item), rule, specs);
            }
        }
    }

    /** The number (in the rule table) of the SSH user list `list`, read once per distinct list. */
    private usersOf(list: number): number {
        const n = this.model.lists.of(list);
        const known = this.userLists.get(n);
        if (known !== undefined) return known;
        const users = new LocalUsers(this.tape, list);
        for (const name of users.names) this.indexes.sshUsers.add(name);
        const all = this.indexes.rules.localUsers;
        all.push(users);
        this.userLists.set(n, all.length - 1);
        return all.length - 1;
    }

    /** Files the SSH rules of the tape list `list` (the `ssh` section). */
    ssh(list: number): void {
        const tape = this.tape;
        if (!tape.isArray(list)) return;
        for (let record = tape.first(list), index = 0; record !== NONE; record = tape.next(record), index++) {
            if (!tape.isObject(record)) continue;
            const action = this.sshAction(record);
            if (action === NETWORK) continue;
            const users = this.usersOf(tape.member(record, "users"));
            const gate = this.gate(record, "ssh", index);
            const rule = this.indexes.rules.add(SSH, index, this.model.lists.of(tape.member(record, "src")), gate, action, users);
            const dstList = tape.member(record, "dst");
            if (!tape.isArray(dstList)) continue;
            for (let item = tape.first(dstList); item !== NONE; item = tape.next(item)) {
                if (tape.isString(item)) this.indexes.ssh.add(tape.stringId(item), rule, NOTHING);
            }
        }
    }
}

/**
 * Indexes every rule of a policy's tape (sections of node 0, the top level) once. Rules are
 * numbered in the order their sections appear in the file, then by position in the section, so
 * "the first matching rule" follows the file.
 */
export function indexRules(tape: PolicyTape, model: PolicyModel): RuleIndexes {
    const indexes: RuleIndexes = {
        rules: new RuleTable(),
        network: new DestinationIndex(model),
        ssh: new DestinationIndex(model),
        postureGated: [],
        protocols: new Set(),
        portBreaks: new Set([0]),
        sshUsers: new Set(),
    };
    const root = 0;
    if (!tape.isObject(root)) return indexes;
    const indexer = new RuleIndexer(tape, root, model, indexes);
    const acls = tape.names.idOf("acls");
    const grants = tape.names.idOf("grants");
    const ssh = tape.names.idOf("ssh");
    for (let section = tape.first(root); section !== NONE; section = tape.next(section)) {
        const key = tape.keyId(section);
        if (key === acls) indexer.acls(section);
        else if (key === grants) indexer.grants(section);
        else if (key === ssh) indexer.ssh(section);
    }
    return indexes;
}
