/**
 * Reading the access rules of a policy's tape (legacy `acls`, `grants` and `ssh`) into indexed
 * entries. Rules or parts of rules of the wrong shape are skipped: validation reports them.
 */
import { destinationTarget } from "../selectors";
import { NONE, type PolicyTape } from "../tape";
import { formatPath, stringValues, type JsonPath } from "../walk";
import { DestinationIndex, type IndexedEntry } from "./destinationIndex";
import { StringListCache } from "./listCache";
import { SelectorCache, type PolicyModel, type Principal, type SelectorSet } from "./model";
import { aclProtocols, parseGrantIp, parsePorts, type PortSpec } from "./ports";
import { PostureGate, type Posture } from "./posture";

export type RuleSection = "acls" | "grants" | "ssh";

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

/** An entry is its own RuleRef (section and index of the rule it came from): no object per rule for that. */
export interface NetworkEntry extends IndexedEntry, RuleRef {
    src: SelectorSet;
    specs: readonly PortSpec[];
    /** The source posture the rule requires (its srcPosture, else defaultSrcPosture); undefined when none. */
    posture: PostureGate | undefined;
}

export type SshRuleAction = "accept" | "check";

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

export interface SshEntry extends IndexedEntry, RuleRef {
    action: SshRuleAction;
    src: SelectorSet;
    users: LocalUsers;
    /** The source posture the rule requires (its srcPosture, else defaultSrcPosture); undefined when none. */
    posture: PostureGate | undefined;
}

export interface RuleIndexes {
    network: DestinationIndex<NetworkEntry>;
    ssh: DestinationIndex<SshEntry>;
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
    private readonly grantLists = new StringListCache<readonly PortSpec[]>();
    /** acls: the one-spec list of a port text, by the rule's proto text ("" when absent); null when unreadable. */
    private readonly aclPorts = new Map<string, Map<string, readonly PortSpec[] | null>>();

    constructor(
        private readonly tape: PolicyTape,
        private readonly indexes: RuleIndexes,
    ) {}

    /** The readable specs of a grant's `ip` list, the tape list `list` (empty when none), one array per distinct list. */
    grantSpecs(list: number): readonly PortSpec[] {
        const tape = this.tape;
        const slot = this.grantLists.slot(tape, list);
        if (slot.value !== undefined) return slot.value;
        const specs: PortSpec[] = [];
        if (tape.isArray(list)) {
            for (let item = tape.first(list); item !== NONE; item = tape.next(item)) {
                if (!tape.isString(item)) continue;
                let spec = this.grantIps.get(tape.stringId(item));
                if (spec === undefined) {
                    spec = parseGrantIp(tape.string(item)) ?? null;
                    this.grantIps.set(tape.stringId(item), spec);
                    if (spec !== null) noteSpec(this.indexes, spec);
                }
                if (spec !== null) specs.push(spec);
            }
        }
        slot.value = specs;
        return specs;
    }

    /** The ports of an acls destination over the rule's protocols, as a one-spec list; undefined when unreadable. */
    aclSpecs(portText: string, protocols: ReadonlySet<number>, protoKey: string): readonly PortSpec[] | undefined {
        let byPort = this.aclPorts.get(protoKey);
        if (byPort === undefined) this.aclPorts.set(protoKey, (byPort = new Map()));
        const cached = byPort.get(portText);
        if (cached !== undefined) return cached ?? undefined;
        const ports = parsePorts(portText);
        const spec: PortSpec | undefined = ports === undefined ? undefined : { protocols, ports };
        if (spec !== undefined) noteSpec(this.indexes, spec);
        byPort.set(portText, spec === undefined ? null : [spec]);
        return spec === undefined ? undefined : [spec];
    }
}

/**
 * Builds the posture gates of a policy's rules. Gates are shared: every rule without its own
 * srcPosture gets the one defaultSrcPosture gate, and rules naming the same list share one gate,
 * so a posture is evaluated once per attribute set, not once per rule.
 */
class PostureGates {
    /** Gates by the posture names they list (a value that is not a list lists none). */
    private readonly byList = new StringListCache<PostureGate>();
    /** The top level's defaultSrcPosture; NONE when absent or null. */
    private readonly defaultList: number;

    constructor(
        private readonly tape: PolicyTape,
        root: number,
        private readonly postures: ReadonlyMap<string, Posture>,
    ) {
        this.defaultList = tape.field(root, "defaultSrcPosture");
    }

    /**
     * The gate of a rule (the tape object `record`): its own srcPosture, else defaultSrcPosture;
     * undefined when the list that applies is absent or empty. A list that is not an array admits
     * nobody (it cannot be read).
     */
    of(record: number): PostureGate | undefined {
        const own = this.tape.field(record, "srcPosture");
        if (own !== NONE) return this.gate(own);
        if (this.defaultGate === undefined) this.defaultGate = { gate: this.gate(this.defaultList) };
        return this.defaultGate.gate;
    }

    private defaultGate: { gate: PostureGate | undefined } | undefined;

    private gate(list: number): PostureGate | undefined {
        const tape = this.tape;
        if (list === NONE || (tape.isArray(list) && tape.length(list) === 0)) return undefined;
        const slot = this.byList.slot(tape, list);
        if (slot.value === undefined) {
            const names = stringValues(tape, list);
            const postures: Posture[] = [];
            for (const name of names) {
                const posture = this.postures.get(name);
                if (posture !== undefined) postures.push(posture);
            }
            slot.value = new PostureGate(names, postures);
        }
        return slot.value;
    }
}

/** Files the rules of each section into the indexes, numbering them in file order; shares what repeats. */
class RuleIndexer {
    private next = 0;
    private readonly specs: SpecCache;
    private readonly gates: PostureGates;
    private readonly selectors: SelectorCache;
    private readonly localUsers = new StringListCache<LocalUsers>();
    /** The string numbers of "accept" and "check" in the tape's name table (NONE when the file never has them). */
    private readonly acceptId: number;
    private readonly checkId: number;

    constructor(
        private readonly tape: PolicyTape,
        root: number,
        private readonly model: PolicyModel,
        private readonly indexes: RuleIndexes,
    ) {
        this.specs = new SpecCache(tape, indexes);
        this.gates = new PostureGates(tape, root, model.postures);
        this.selectors = new SelectorCache(tape, model);
        this.acceptId = tape.names.idOf("accept");
        this.checkId = tape.names.idOf("check");
    }

    private gate(record: number, section: RuleSection, index: number): PostureGate | undefined {
        const posture = this.gates.of(record);
        if (posture !== undefined) this.indexes.postureGated.push(ruleLabel({ section, index }));
        return posture;
    }

    /** True when `n` is the string numbered `word` (never when the file lacks the word: `word` is then NONE). */
    private isWord(n: number, word: number): boolean {
        return this.tape.isString(n) && this.tape.stringId(n) === word;
    }

    /** The action of the SSH rule `record`: "accept" or "check", else undefined (the rule is skipped). */
    private sshAction(record: number): SshRuleAction | undefined {
        const action = this.tape.member(record, "action");
        if (this.isWord(action, this.acceptId)) return "accept";
        return this.isWord(action, this.checkId) ? "check" : undefined;
    }

    /** The value of `key` in `record`, else (when absent or null) of `fallback`, as `??` reads a plain value. */
    private memberOr(record: number, key: string, fallback: string): number {
        const value = this.tape.field(record, key);
        return value !== NONE ? value : this.tape.member(record, fallback);
    }

    /** Files the legacy rules of the tape list `list` (the `acls` section). */
    acls(list: number): void {
        const tape = this.tape;
        if (!tape.isArray(list)) return;
        for (let record = tape.first(list), index = 0; record !== NONE; record = tape.next(record), index++) {
            if (!tape.isObject(record) || !this.isWord(tape.member(record, "action"), this.acceptId)) continue;
            const proto = tape.member(record, "proto");
            const protocols = aclProtocols(tape, proto);
            if (protocols === undefined) continue;
            const posture = this.gate(record, "acls", index);
            const protoKey = tape.stringOrUndefined(proto) ?? "";
            const dstList = this.memberOr(record, "dst", "ports");
            const src = this.selectors.of(this.memberOr(record, "src", "users"));
            const order = this.next++;
            if (!tape.isArray(dstList)) continue;
            for (let item = tape.first(dstList); item !== NONE; item = tape.next(item)) {
                if (!tape.isString(item)) continue;
                const value = tape.string(item);
                const target = destinationTarget(value);
                if (target === value) continue; // no readable port list
                const portText = value.startsWith("[") ? value.slice(value.indexOf("]") + 2) : value.slice(target.length + 1);
                const specs = this.specs.aclSpecs(portText, protocols, protoKey);
                if (specs === undefined) continue;
                const entry: NetworkEntry = { order, section: "acls", index, src, specs, posture };
                this.indexes.network.add(target, entry, this.model);
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
            if (specs.length === 0) continue;
            const posture = this.gate(record, "grants", index);
            const entry: NetworkEntry = { order: this.next++, section: "grants", index, src: this.selectors.of(tape.member(record, "src")), specs, posture };
            const dstList = tape.member(record, "dst");
            if (!tape.isArray(dstList)) continue;
            for (let item = tape.first(dstList); item !== NONE; item = tape.next(item)) {
                if (tape.isString(item)) this.indexes.network.add(tape.string(item), entry, this.model);
            }
        }
    }

    /** Files the SSH rules of the tape list `list` (the `ssh` section). */
    ssh(list: number): void {
        const tape = this.tape;
        if (!tape.isArray(list)) return;
        for (let record = tape.first(list), index = 0; record !== NONE; record = tape.next(record), index++) {
            if (!tape.isObject(record)) continue;
            const action = this.sshAction(record);
            if (action === undefined) continue;
            const usersList = tape.member(record, "users");
            const slot = this.localUsers.slot(tape, usersList);
            let users = slot.value;
            if (users === undefined) {
                users = slot.value = new LocalUsers(tape, usersList);
                for (const name of users.names) this.indexes.sshUsers.add(name);
            }
            const posture = this.gate(record, "ssh", index);
            const entry: SshEntry = { order: this.next++, section: "ssh", index, action, src: this.selectors.of(tape.member(record, "src")), users, posture };
            const dstList = tape.member(record, "dst");
            if (!tape.isArray(dstList)) continue;
            for (let item = tape.first(dstList); item !== NONE; item = tape.next(item)) {
                if (tape.isString(item)) this.indexes.ssh.add(tape.string(item), entry, this.model);
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
        network: new DestinationIndex(),
        ssh: new DestinationIndex(),
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
