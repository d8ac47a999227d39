/**
 * Offline queries over a policy: can this source reach that destination on a port, and what does
 * Tailscale SSH do for a source, a destination and a local user. The model and rule indexes are
 * built once per policy; each query only looks at rules filed under its destination.
 * The semantics (and every assumption) are documented in semantics.ts.
 */
import type { ParsedPolicy } from "../parse";
import { NONE, scanTape, type PolicyTape } from "../tape";
import type { SourceLocation } from "../location";
import { EvaluationArgumentError } from "./errors";
import { buildModel, parsePrincipal, type EvaluatorOptions, type PolicyModel, type Principal } from "./model";
import { parseProtocol, specAllows } from "./ports";
import { NO_POSTURE_ATTRIBUTES, readPostureAttributes, type PostureAttributes, type PostureGate, type PostureValue } from "./posture";
import { indexRules, ruleLabel, rulePath, type RuleIndexes, type RuleSection, type RuleTable, type SshRuleAction } from "./rules";
import { NO_RULE, type NodeFilter } from "./destinationIndex";
import { setBounded } from "../boundedTable";

/** The rule that decided a query. */
export interface RuleMatch {
    section: RuleSection;
    index: number;
    /** Readable path, e.g. "grants[2]". */
    path: string;
    /** Where the rule starts in the file; undefined only if the file has no positions for it. */
    location: SourceLocation | undefined;
}

export interface ReachResult {
    allowed: boolean;
    /** The first rule (in file order) that allows the connection; absent when denied. */
    decidedBy?: RuleMatch;
}

export type SshAction = "accept" | "check" | "deny";

/** What a query knows about its source device beyond its identity. */
export interface QueryOptions {
    /**
     * Device posture attributes of the source, e.g. {"node:os": "macos", "node:tsVersion": "1.82.0",
     * "node:tsAutoUpdate": true} (https://tailscale.com/kb/1288/device-posture). Rules with a
     * srcPosture (or, without one, the policy's defaultSrcPosture) match only when these satisfy one
     * of the listed postures. Absent: the source has no attributes, so such rules do not match.
     */
    postureAttrs?: Readonly<Record<string, PostureValue>>;
}

export interface SshResult {
    action: SshAction;
    /** The first accept rule, else the first check rule, that matches; absent when denied. */
    decidedBy?: RuleMatch;
}


/** The tape of an empty policy: what the evaluator reads of a file that does not parse (no definitions, no rules). */
const EMPTY_POLICY = scanTape("{}") as PolicyTape;

const PRINCIPAL_FIX =
    "use a user login (alice@example.com), group:<name>, tag:<name>, autogroup:<name>, a host alias defined under hosts, or an IP/CIDR";

/** A group stands for each of its members (all must pass); anything else for itself. */
function expand(principal: Principal): Principal[] {
    if (principal.kind !== "group") return [principal];
    return principal.members.map((login, at) => ({ kind: "user", login, id: principal.memberIds[at] }));
}

function isSelf(principal: Principal): boolean {
    return principal.kind === "autogroup" && principal.name === "autogroup:self";
}

/** Two individuals (no group on either side, no autogroup:self destination): nothing to expand. */
function isIndividual(source: Principal, destination: Principal): boolean {
    return source.kind !== "group" && destination.kind !== "group" && !isSelf(destination);
}

/** A destination as seen from one source: autogroup:self becomes the source user's own devices. */
function fromSource(dst: Principal, src: Principal): Principal | undefined {
    if (isSelf(dst)) {
        return src.kind === "user" ? { kind: "user", login: src.login, id: src.id } : undefined;
    }
    return dst;
}

/**
 * The network query being answered, as a filter over the index's nodes (a rule and its port
 * specs). One instance per evaluator is refilled for each query (queries are synchronous and never
 * nest), so a query allocates no closure.
 */
class NetworkQuery implements NodeFilter {
    src: Principal = { kind: "autogroup", name: "", id: NONE };
    protocol = 0;
    port = 0;
    attrs: PostureAttributes = NO_POSTURE_ATTRIBUTES;

    constructor(
        private readonly model: PolicyModel,
        private readonly rules: RuleTable,
    ) {}

    accepts(rule: number, specSet: number): boolean {
        if (!this.model.covers(this.rules.source(rule), this.src)) return false;
        const gate = this.rules.gate(rule);
        if (gate !== undefined && !gate.admits(this.attrs)) return false;
        for (const spec of this.rules.specSets[specSet]) if (specAllows(spec, this.protocol, this.port)) return true;
        return false;
    }
}

/** The SSH query being answered (rules of one action at a time); reused like NetworkQuery. */
class SshQuery implements NodeFilter {
    src: Principal = { kind: "autogroup", name: "", id: NONE };
    localUser = "";
    attrs: PostureAttributes = NO_POSTURE_ATTRIBUTES;
    action: SshRuleAction = "accept";

    constructor(
        private readonly model: PolicyModel,
        private readonly rules: RuleTable,
    ) {}

    accepts(rule: number): boolean {
        const rules = this.rules;
        if (!rules.hasSshAction(rule, this.action) || !this.model.covers(rules.source(rule), this.src)) return false;
        if (!rules.users(rule).allows(this.localUser, this.src)) return false;
        const gate = rules.gate(rule);
        return gate === undefined || gate.admits(this.attrs);
    }
}

export class PolicyEvaluator {
    readonly model: PolicyModel;
    private readonly indexes: RuleIndexes;
    private readonly principals = new Map<string, Principal>();
    private readonly networkQuery: NetworkQuery;
    private readonly sshQuery: SshQuery;

    constructor(readonly parsed: ParsedPolicy, options: EvaluatorOptions = {}) {
        const tape = parsed.tape ?? EMPTY_POLICY;
        this.model = buildModel(tape, options);
        this.indexes = indexRules(tape, this.model);
        this.networkQuery = new NetworkQuery(this.model, this.indexes.rules);
        this.sshQuery = new SshQuery(this.model, this.indexes.rules);
    }

    /** Rules that apply only to sources satisfying a device posture (labels like "grants[3]"). */
    get postureGatedRules(): readonly string[] {
        return this.indexes.postureGated;
    }

    /** Protocols named by rules, port range boundaries and SSH local users: what a matrix must probe. */
    get probePoints(): { protocols: ReadonlySet<number>; portBreaks: ReadonlySet<number>; sshUsers: ReadonlySet<string> } {
        return { protocols: this.indexes.protocols, portBreaks: this.indexes.portBreaks, sshUsers: this.indexes.sshUsers };
    }

    /**
     * What a selector string names, or undefined when it names nothing this evaluator can read. The
     * principal carries this evaluator's string numbers: pass it to this evaluator only. `id` is
     * the tape's number of `text` when the caller read it from the file (spares a look-up).
     */
    principal(text: string, id?: number): Principal | undefined {
        // Only addresses are worth caching: the other kinds are a prefix test and a small object.
        if (text.startsWith("tag:") || text.startsWith("group:") || text.startsWith("autogroup:") || text.includes("@")) {
            return parsePrincipal(text, this.model, id);
        }
        const cached = this.principals.get(text);
        if (cached !== undefined) return cached;
        const principal = parsePrincipal(text, this.model);
        if (principal !== undefined) setBounded(this.principals, text, principal);
        return principal;
    }

    private require(field: string, text: unknown): Principal {
        const principal = typeof text === "string" ? this.principal(text) : undefined;
        if (principal === undefined) throw new EvaluationArgumentError(field, text, PRINCIPAL_FIX);
        return principal;
    }

    /** The rule numbered `rule` (as reach() or ssh() return it), with its position in the file. */
    ruleMatch(rule: number): RuleMatch {
        const ref = this.indexes.rules.ref(rule);
        return { section: ref.section, index: ref.index, path: ruleLabel(ref), location: this.parsed.locate(rulePath(ref)) };
    }

    /** The posture gate the rule numbered `rule` requires; undefined when none. */
    ruleGate(rule: number): PostureGate | undefined {
        return this.indexes.rules.gate(rule);
    }

    /** The action of the SSH rule numbered `rule` (as ssh() returns it). */
    sshRuleAction(rule: number): SshRuleAction {
        return this.indexes.rules.sshAction(rule);
    }

    /**
     * The checked, frozen posture attributes of QueryOptions (none when absent); throws
     * EvaluationArgumentError naming the attribute when they are of the wrong shape.
     */
    postureAttributesOf(options: unknown): PostureAttributes {
        if (options === undefined) return NO_POSTURE_ATTRIBUTES;
        if (typeof options !== "object" || options === null || Array.isArray(options)) {
            throw new EvaluationArgumentError("options", options, "give an object such as { postureAttrs: { \"node:os\": \"macos\" } } or leave it out");
        }
        const given = (options as QueryOptions).postureAttrs;
        if (given === undefined) return NO_POSTURE_ATTRIBUTES;
        const read = readPostureAttributes(given);
        if ("attrs" in read) return read.attrs;
        const { key, value, reason } = read.problem;
        throw new EvaluationArgumentError(key === undefined ? "postureAttrs" : `postureAttrs[${JSON.stringify(key)}]`, value, reason);
    }

    /**
     * Whether `src` may open a connection to `dst` on `port` over `proto` (default "tcp").
     * Groups (on either side) must hold for every member; an empty group reaches nothing.
     * `options.postureAttrs` are the source device's posture attributes (default: none).
     */
    canReach(src: string, dst: string, port: number, proto: string = "tcp", options?: QueryOptions): ReachResult {
        const source = this.require("src", src);
        const destination = this.require("dst", dst);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
            throw new EvaluationArgumentError("port", port, "use an integer from 0 to 65535 (0 for ICMP)");
        }
        const protocol = typeof proto === "string" ? parseProtocol(proto) : undefined;
        if (protocol === undefined) {
            throw new EvaluationArgumentError("proto", proto, 'use a protocol name such as "tcp", "udp", "icmp" or an IANA number');
        }
        const attrs = this.postureAttributesOf(options);
        const rule = this.reach(source, destination, protocol, port, attrs);
        return rule === undefined ? { allowed: false } : { allowed: true, decidedBy: this.ruleMatch(rule) };
    }

    /**
     * The number of the deciding rule (see ruleMatch) when every (source member, destination member)
     * pair is allowed, for a source device with the posture attributes `attrs` (default: none);
     * undefined when denied. The principals must come from this evaluator (principal()).
     */
    reach(source: Principal, destination: Principal, protocol: number, port: number, attrs: PostureAttributes = NO_POSTURE_ATTRIBUTES): number | undefined {
        if (isIndividual(source, destination)) return this.reachOne(source, destination, protocol, port, attrs);
        return this.forAllPairs(source, destination, (s, d) => this.reachOne(s, d, protocol, port, attrs));
    }

    private forAllPairs<T>(source: Principal, destination: Principal, one: (s: Principal, d: Principal) => T | undefined): T | undefined {
        if (isIndividual(source, destination)) return one(source, destination);
        const sources = expand(source);
        let first: T | undefined;
        if (sources.length === 0) return undefined;
        for (const s of sources) {
            const target = fromSource(destination, s);
            if (target === undefined) return undefined;
            const targets = expand(target);
            if (targets.length === 0) return undefined;
            for (const d of targets) {
                const found = one(s, d);
                if (found === undefined) return undefined;
                if (first === undefined) first = found;
            }
        }
        return first;
    }

    private reachOne(src: Principal, dst: Principal, protocol: number, port: number, attrs: PostureAttributes): number | undefined {
        const query = this.networkQuery;
        query.src = src;
        query.protocol = protocol;
        query.port = port;
        query.attrs = attrs;
        const rule = this.indexes.network.first(dst, src.kind === "user" ? src.login : undefined, query);
        return rule === NO_RULE ? undefined : rule;
    }

    /**
     * What Tailscale SSH does when `src` connects to `dst` as `localUser`: the most permissive
     * matching rule wins (accept over check); no matching rule means deny.
     * `options.postureAttrs` are the source device's posture attributes (default: none).
     */
    sshAction(src: string, dst: string, localUser: string, options?: QueryOptions): SshResult {
        const source = this.require("src", src);
        const destination = this.require("dst", dst);
        if (typeof localUser !== "string" || localUser === "") {
            throw new EvaluationArgumentError("localUser", localUser, 'name the local account, e.g. "root" or "ubuntu"');
        }
        const rule = this.ssh(source, destination, localUser, this.postureAttributesOf(options));
        return rule === undefined ? { action: "deny" } : { action: this.sshRuleAction(rule), decidedBy: this.ruleMatch(rule) };
    }

    /**
     * The number of the SSH rule that decides (see ruleMatch and sshRuleAction); undefined for
     * deny. For groups every pair must allow, and the weakest action counts: a pair decided by a
     * check rule makes the outcome that check rule.
     */
    ssh(source: Principal, destination: Principal, localUser: string, attrs: PostureAttributes = NO_POSTURE_ATTRIBUTES): number | undefined {
        if (isIndividual(source, destination)) return this.sshOne(source, destination, localUser, attrs);
        let weakest: number | undefined;
        const found = this.forAllPairs(source, destination, (s, d) => {
            const rule = this.sshOne(s, d, localUser, attrs);
            if (rule === undefined) return undefined;
            if (weakest === undefined || (this.sshRuleAction(weakest) === "accept" && this.sshRuleAction(rule) === "check")) weakest = rule;
            return rule;
        });
        return found === undefined ? undefined : weakest;
    }

    /** The first accept rule, else the first check rule, that matches one pair; undefined when none. */
    private sshOne(src: Principal, dst: Principal, localUser: string, attrs: PostureAttributes): number | undefined {
        const login = src.kind === "user" ? src.login : undefined;
        const query = this.sshQuery;
        query.src = src;
        query.localUser = localUser;
        query.attrs = attrs;
        query.action = "accept";
        const accept = this.indexes.ssh.first(dst, login, query);
        if (accept !== NO_RULE) return accept;
        query.action = "check";
        const check = this.indexes.ssh.first(dst, login, query);
        return check === NO_RULE ? undefined : check;
    }
}

/** Builds the model and rule indexes of a parsed policy once; reuse the evaluator for many queries. */
export function createEvaluator(parsed: ParsedPolicy, options: EvaluatorOptions = {}): PolicyEvaluator {
    return new PolicyEvaluator(parsed, options);
}
