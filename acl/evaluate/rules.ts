/**
 * Reading the access rules of a policy value (legacy `acls`, `grants` and `ssh`) into indexed
 * entries. Rules or parts of rules of the wrong shape are skipped: validation reports them.
 */
import { destinationTarget } from "../selectors";
import { formatPath, isRecord, member, stringsIn, type JsonPath } from "../walk";
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

    constructor(list: unknown) {
        for (const value of stringsIn(list)) {
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
    private readonly grantIps = new Map<string, PortSpec | undefined>();
    private readonly grantLists = new StringListCache<readonly PortSpec[]>();
    /** acls: the one-spec list of a port text, by the rule's proto text ("" when absent); null when unreadable. */
    private readonly aclPorts = new Map<string, Map<string, readonly PortSpec[] | null>>();

    constructor(private readonly indexes: RuleIndexes) {}

    /** The readable specs of a grant's `ip` list (empty when none), one array per distinct list. */
    grantSpecs(list: unknown): readonly PortSpec[] {
        const slot = this.grantLists.slot(list);
        if (slot.value !== undefined) return slot.value;
        const specs: PortSpec[] = [];
        if (Array.isArray(list)) {
            for (const text of list) {
                if (typeof text !== "string") continue;
                let spec: PortSpec | undefined;
                if (this.grantIps.has(text)) spec = this.grantIps.get(text);
                else {
                    spec = parseGrantIp(text);
                    this.grantIps.set(text, spec);
                    if (spec !== undefined) noteSpec(this.indexes, spec);
                }
                if (spec !== undefined) specs.push(spec);
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
    private readonly byList = new Map<string, PostureGate>();
    private readonly defaultList: unknown;

    constructor(doc: unknown, private readonly postures: ReadonlyMap<string, Posture>) {
        const list = member(doc, "defaultSrcPosture");
        this.defaultList = list === null ? undefined : list;
    }

    /**
     * The gate of a rule: its own srcPosture, else defaultSrcPosture; undefined when the list that
     * applies is absent or empty. A list that is not an array admits nobody (it cannot be read).
     */
    of(record: Record<string, unknown>): PostureGate | undefined {
        const own = member(record, "srcPosture");
        if (own !== undefined && own !== null) return this.gate(own);
        if (this.defaultGate === undefined) this.defaultGate = { gate: this.gate(this.defaultList) };
        return this.defaultGate.gate;
    }

    private defaultGate: { gate: PostureGate | undefined } | undefined;

    private gate(list: unknown): PostureGate | undefined {
        if (list === undefined || (Array.isArray(list) && list.length === 0)) return undefined;
        const names = Array.isArray(list) ? list.filter((item): item is string => typeof item === "string") : [];
        const key = JSON.stringify(names);
        let gate = this.byList.get(key);
        if (gate === undefined) {
            const postures: Posture[] = [];
            for (const name of names) {
                const posture = this.postures.get(name);
                if (posture !== undefined) postures.push(posture);
            }
            gate = new PostureGate(names, postures);
            this.byList.set(key, gate);
        }
        return gate;
    }
}

/** Files the rules of each section into the indexes, numbering them in file order; shares what repeats. */
class RuleIndexer {
    private next = 0;
    private readonly specs: SpecCache;
    private readonly gates: PostureGates;
    private readonly selectors: SelectorCache;
    private readonly localUsers = new StringListCache<LocalUsers>();

    constructor(
        doc: Record<string, unknown>,
        private readonly model: PolicyModel,
        private readonly indexes: RuleIndexes,
    ) {
        this.specs = new SpecCache(indexes);
        this.gates = new PostureGates(doc, model.postures);
        this.selectors = new SelectorCache(model);
    }

    private gate(record: Record<string, unknown>, section: RuleSection, index: number): PostureGate | undefined {
        const posture = this.gates.of(record);
        if (posture !== undefined) this.indexes.postureGated.push(ruleLabel({ section, index }));
        return posture;
    }

    acls(list: unknown): void {
        if (!Array.isArray(list)) return;
        for (let index = 0; index < list.length; index++) {
            const record: unknown = list[index];
            if (!isRecord(record) || member(record, "action") !== "accept") continue;
            const proto = member(record, "proto");
            const protocols = aclProtocols(proto);
            if (protocols === undefined) continue;
            const posture = this.gate(record, "acls", index);
            const protoKey = typeof proto === "string" ? proto : "";
            const dstList = member(record, "dst") ?? member(record, "ports");
            const src = this.selectors.of(member(record, "src") ?? member(record, "users"));
            const order = this.next++;
            if (!Array.isArray(dstList)) continue;
            for (const value of dstList) {
                if (typeof value !== "string") continue;
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

    grants(list: unknown): void {
        if (!Array.isArray(list)) return;
        for (let index = 0; index < list.length; index++) {
            const record: unknown = list[index];
            if (!isRecord(record)) continue;
            // App-only grants (no `ip`) give no network access.
            const specs = this.specs.grantSpecs(member(record, "ip"));
            if (specs.length === 0) continue;
            const posture = this.gate(record, "grants", index);
            const entry: NetworkEntry = { order: this.next++, section: "grants", index, src: this.selectors.of(member(record, "src")), specs, posture };
            const dstList = member(record, "dst");
            if (!Array.isArray(dstList)) continue;
            for (const value of dstList) if (typeof value === "string") this.indexes.network.add(value, entry, this.model);
        }
    }

    ssh(list: unknown): void {
        if (!Array.isArray(list)) return;
        for (let index = 0; index < list.length; index++) {
            const record: unknown = list[index];
            if (!isRecord(record)) continue;
            const action = member(record, "action");
            if (action !== "accept" && action !== "check") continue;
            const usersList = member(record, "users");
            const slot = this.localUsers.slot(usersList);
            let users = slot.value;
            if (users === undefined) {
                users = slot.value = new LocalUsers(usersList);
                for (const name of users.names) this.indexes.sshUsers.add(name);
            }
            const posture = this.gate(record, "ssh", index);
            const entry: SshEntry = { order: this.next++, section: "ssh", index, action, src: this.selectors.of(member(record, "src")), users, posture };
            const dstList = member(record, "dst");
            if (!Array.isArray(dstList)) continue;
            for (const value of dstList) if (typeof value === "string") this.indexes.ssh.add(value, entry, this.model);
        }
    }
}

/**
 * Indexes every rule once. Rules are numbered in the order their sections appear in the file,
 * then by position in the section, so "the first matching rule" follows the file.
 */
export function indexRules(doc: unknown, model: PolicyModel): RuleIndexes {
    const indexes: RuleIndexes = {
        network: new DestinationIndex(),
        ssh: new DestinationIndex(),
        postureGated: [],
        protocols: new Set(),
        portBreaks: new Set([0]),
        sshUsers: new Set(),
    };
    if (!isRecord(doc)) return indexes;
    const indexer = new RuleIndexer(doc, model, indexes);
    for (const key of Object.keys(doc)) {
        if (key === "acls") indexer.acls(doc[key]);
        else if (key === "grants") indexer.grants(doc[key]);
        else if (key === "ssh") indexer.ssh(doc[key]);
    }
    return indexes;
}
