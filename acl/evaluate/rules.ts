/**
 * Reading the access rules of a policy value (legacy `acls`, `grants` and `ssh`) into indexed
 * entries. Rules or parts of rules of the wrong shape are skipped: validation reports them.
 */
import { destinationTarget } from "../selectors";
import { formatPath, isRecord, member, recordsOf, type JsonPath } from "../walk";
import { DestinationIndex, type IndexedEntry } from "./destinationIndex";
import { compileSelectors, type PolicyModel, type Principal, type SelectorSet } from "./model";
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

/** The string elements of a list (nothing when it is not an array), without allocating paths. */
function stringItems(list: unknown): string[] {
    if (!Array.isArray(list)) return [];
    const out: string[] = [];
    for (const item of list) if (typeof item === "string") out.push(item);
    return out;
}

export interface NetworkEntry extends IndexedEntry {
    rule: RuleRef;
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
        for (const value of stringItems(list)) {
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

export interface SshEntry extends IndexedEntry {
    rule: RuleRef;
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

function ruleRef(section: RuleSection, index: number): RuleRef {
    return { section, index };
}

/** Parsed port specs by their text: policies repeat the same few port strings many times. */
class SpecCache {
    private readonly grantIps = new Map<string, PortSpec | undefined>();
    private readonly aclPorts = new Map<string, PortSpec | undefined>();

    grantIp(text: string): PortSpec | undefined {
        if (this.grantIps.has(text)) return this.grantIps.get(text);
        const spec = parseGrantIp(text);
        this.grantIps.set(text, spec);
        return spec;
    }

    /** Ports of an acls destination over the rule's protocols (keyed by both). */
    aclPort(portText: string, protocols: ReadonlySet<number>, protoKey: string): PortSpec | undefined {
        const key = `${protoKey} ${portText}`;
        if (this.aclPorts.has(key)) return this.aclPorts.get(key);
        const ports = parsePorts(portText);
        const spec = ports === undefined ? undefined : { protocols, ports };
        this.aclPorts.set(key, spec);
        return spec;
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

function indexAcls(doc: unknown, model: PolicyModel, indexes: RuleIndexes, order: () => number, cache: SpecCache, gates: PostureGates): void {
    for (const { index, record } of recordsOf(member(doc, "acls"))) {
        if (member(record, "action") !== "accept") continue;
        const rule = ruleRef("acls", index);
        const proto = member(record, "proto");
        const protocols = aclProtocols(proto);
        if (protocols === undefined) continue;
        const posture = gates.of(record);
        if (posture !== undefined) indexes.postureGated.push(ruleLabel(rule));
        const protoKey = typeof proto === "string" ? proto : "";
        const srcList = member(record, "src") ?? member(record, "users");
        const dstList = member(record, "dst") ?? member(record, "ports");
        const src = compileSelectors(srcList, model);
        const ruleOrder = order();
        for (const value of stringItems(dstList)) {
            const target = destinationTarget(value);
            if (target === value) continue; // no readable port list
            const portText = value.startsWith("[") ? value.slice(value.indexOf("]") + 2) : value.slice(target.length + 1);
            const spec = cache.aclPort(portText, protocols, protoKey);
            if (spec === undefined) continue;
            noteSpec(indexes, spec);
            indexes.network.add(target, { order: ruleOrder, rule, src, specs: [spec], posture }, model);
        }
    }
}

function indexGrants(doc: unknown, model: PolicyModel, indexes: RuleIndexes, order: () => number, cache: SpecCache, gates: PostureGates): void {
    for (const { index, record } of recordsOf(member(doc, "grants"))) {
        const rule = ruleRef("grants", index);
        // App-only grants (no `ip`) give no network access.
        const specs: PortSpec[] = [];
        for (const text of stringItems(member(record, "ip"))) {
            const spec = cache.grantIp(text);
            if (spec !== undefined) specs.push(spec);
        }
        if (specs.length === 0) continue;
        const posture = gates.of(record);
        if (posture !== undefined) indexes.postureGated.push(ruleLabel(rule));
        const src = compileSelectors(member(record, "src"), model);
        for (const spec of specs) noteSpec(indexes, spec);
        const entry: NetworkEntry = { order: order(), rule, src, specs, posture };
        for (const value of stringItems(member(record, "dst"))) indexes.network.add(value, entry, model);
    }
}

function indexSsh(doc: unknown, model: PolicyModel, indexes: RuleIndexes, order: () => number, gates: PostureGates): void {
    for (const { index, record } of recordsOf(member(doc, "ssh"))) {
        const action = member(record, "action");
        if (action !== "accept" && action !== "check") continue;
        const rule = ruleRef("ssh", index);
        const users = new LocalUsers(member(record, "users"));
        for (const name of users.names) indexes.sshUsers.add(name);
        const posture = gates.of(record);
        if (posture !== undefined) indexes.postureGated.push(ruleLabel(rule));
        const entry: SshEntry = { order: order(), rule, action, src: compileSelectors(member(record, "src"), model), users, posture };
        for (const value of stringItems(member(record, "dst"))) indexes.ssh.add(value, entry, model);
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
    let next = 0;
    const order = () => next++;
    const cache = new SpecCache();
    const gates = new PostureGates(doc, model.postures);
    for (const key of Object.keys(doc)) {
        if (key === "acls") indexAcls(doc, model, indexes, order, cache, gates);
        else if (key === "grants") indexGrants(doc, model, indexes, order, cache, gates);
        else if (key === "ssh") indexSsh(doc, model, indexes, order, gates);
    }
    return indexes;
}
