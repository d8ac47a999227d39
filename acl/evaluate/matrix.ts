/**
 * An access matrix computed from the same evaluator as canReach and sshAction: rows are sources
 * (users, groups, tags), columns are destinations (tags, hosts, CIDRs, autogroups), and each cell
 * lists the protocols/ports allowed and the SSH action per local user.
 *
 * Ports are not probed one by one: allowed ports only change where some rule's range starts or
 * ends, so one query per segment between those breaks gives the exact allowed set.
 */
import { NONE, type PolicyTape } from "../tape";
import { destinationTarget, isAddressLiteral } from "../selectors";
import type { PolicyEvaluator, QueryOptions, SshAction } from "./evaluator";
import type { PostureAttributes } from "./posture";
import type { Principal } from "./model";
import { ICMP, ICMPV6, protocolName, TCP, UDP, type PortRange } from "./ports";

export type MatrixSourceKind = "user" | "group" | "tag";
export type MatrixDestinationKind = "tag" | "host" | "cidr" | "autogroup";

export interface MatrixAxis<K> {
    name: string;
    kind: K;
}

/** Allowed ports of one protocol; "any other" stands for every protocol no rule names. */
export interface ProtocolPorts {
    protocol: string;
    ports: PortRange[];
}

export interface MatrixCell {
    /** Empty when nothing is allowed; [{protocol: "*", ports: [[0, 65535]]}] when everything is. */
    network: ProtocolPorts[];
    /** SSH action per local user ("other" = any non-root user no rule names); empty when SSH does not apply. */
    ssh: Array<{ localUser: string; action: SshAction }>;
}

export interface AccessMatrix {
    sources: Array<MatrixAxis<MatrixSourceKind>>;
    destinations: Array<MatrixAxis<MatrixDestinationKind>>;
    /** cells[i][j]: sources[i] to destinations[j]. */
    cells: MatrixCell[][];
}

/** A protocol number no rule names and no well-known service uses (IANA 253, "experimentation"). */
const OTHER_PROTOCOL = 253;
/** Local user standing for "a non-root account no rule names". */
export const OTHER_LOCAL_USER = "other";
const OTHER_LOCAL_USER_PROBE = "\u0000other";

const SELECTOR_KEYS: ReadonlyArray<[section: string, key: string]> = [
    ["acls", "src"],
    ["acls", "users"],
    ["acls", "dst"],
    ["acls", "ports"],
    ["grants", "src"],
    ["grants", "dst"],
    ["ssh", "src"],
    ["ssh", "dst"],
];

/** Every selector string written in a rule of a policy's tape (acls destinations without their ports). */
function ruleSelectors(tape: PolicyTape): string[] {
    const out: string[] = [];
    for (const [section, key] of SELECTOR_KEYS) {
        const list = tape.member(0, section);
        if (!tape.isArray(list)) continue;
        const targetsOnly = section === "acls" && (key === "dst" || key === "ports");
        for (let record = tape.first(list); record !== NONE; record = tape.next(record)) {
            const selectors = tape.member(record, key);
            if (!tape.isArray(selectors)) continue;
            for (let item = tape.first(selectors); item !== NONE; item = tape.next(item)) {
                if (!tape.isString(item)) continue;
                const value = tape.string(item);
                out.push(targetsOnly ? destinationTarget(value) : value);
            }
        }
    }
    return out;
}

const sorted = (items: Iterable<string>) => [...new Set(items)].sort();

function axes(evaluator: PolicyEvaluator): Pick<AccessMatrix, "sources" | "destinations"> {
    const tape = evaluator.parsed.tape;
    const selectors = tape === undefined ? [] : ruleSelectors(tape);
    const users = new Set<string>();
    for (const members of evaluator.model.groups.values()) for (const login of members) users.add(login);
    const tags = new Set<string>(evaluator.model.tagOwners.keys());
    const cidrs = new Set<string>();
    const autogroups = new Set<string>();
    for (const selector of selectors) {
        if (selector.startsWith("tag:")) tags.add(selector);
        else if (selector.startsWith("autogroup:")) autogroups.add(selector);
        else if (selector.includes("@") && !selector.includes(":")) users.add(selector);
        else if (isAddressLiteral(selector) && !evaluator.model.hosts.has(selector)) cidrs.add(selector);
    }
    const hosts = tape !== undefined && tape.isObject(tape.member(0, "hosts")) ? [...evaluator.model.hosts.keys()] : [];
    const destinationAutogroups = [...autogroups].filter((name) =>
        ["autogroup:self", "autogroup:internet", "autogroup:member", "autogroup:tagged"].includes(name),
    );
    return {
        sources: [
            ...sorted(users).map((name) => ({ name, kind: "user" as const })),
            ...sorted(evaluator.model.groups.keys()).map((name) => ({ name, kind: "group" as const })),
            ...sorted(tags).map((name) => ({ name, kind: "tag" as const })),
        ],
        destinations: [
            ...sorted(tags).map((name) => ({ name, kind: "tag" as const })),
            ...sorted(hosts).map((name) => ({ name, kind: "host" as const })),
            ...sorted(cidrs).map((name) => ({ name, kind: "cidr" as const })),
            ...sorted(destinationAutogroups).map((name) => ({ name, kind: "autogroup" as const })),
        ],
    };
}

/** Allowed port ranges of one protocol, probing once per segment between port breaks. */
function allowedPorts(evaluator: PolicyEvaluator, src: Principal, dst: Principal, protocol: number, breaks: number[], attrs: PostureAttributes): PortRange[] {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < breaks.length; i++) {
        const first = breaks[i];
        const last = i + 1 < breaks.length ? breaks[i + 1] - 1 : 65535;
        if (evaluator.reach(src, dst, protocol, first, attrs) === undefined) continue;
        const previous = out[out.length - 1];
        if (previous !== undefined && previous[1] === first - 1) previous[1] = last;
        else out.push([first, last]);
    }
    return out;
}

const isEverything = (ports: PortRange[]) => ports.length === 1 && ports[0][0] === 0 && ports[0][1] === 65535;

function networkCell(evaluator: PolicyEvaluator, src: Principal, dst: Principal, attrs: PostureAttributes): ProtocolPorts[] {
    const { protocols, portBreaks } = evaluator.probePoints;
    const breaks = [...portBreaks].sort((a, b) => a - b);
    const probe = [...new Set([TCP, UDP, ICMP, ICMPV6, ...protocols])].sort((a, b) => a - b);
    const rows = probe.map((protocol) => ({ protocol: protocolName(protocol), ports: allowedPorts(evaluator, src, dst, protocol, breaks, attrs) }));
    const other = allowedPorts(evaluator, src, dst, OTHER_PROTOCOL, breaks, attrs);
    if (isEverything(other) && rows.every((row) => isEverything(row.ports))) return [{ protocol: "*", ports: [[0, 65535]] }];
    const out = rows.filter((row) => row.ports.length > 0);
    if (other.length > 0) out.push({ protocol: "any other", ports: other });
    return out;
}

function sshCell(evaluator: PolicyEvaluator, src: Principal, dst: Principal, attrs: PostureAttributes): MatrixCell["ssh"] {
    const users = sorted(["root", ...evaluator.probePoints.sshUsers]);
    const action = (localUser: string): SshAction => {
        const rule = evaluator.ssh(src, dst, localUser, attrs);
        return rule === undefined ? "deny" : evaluator.sshRuleAction(rule);
    };
    const out = users.map((localUser) => ({ localUser, action: action(localUser) }));
    out.push({ localUser: OTHER_LOCAL_USER, action: action(OTHER_LOCAL_USER_PROBE) });
    return out.every((item) => item.action === "deny") ? [] : out;
}

/**
 * Computes the matrix of a policy through `evaluator` (build it once with createEvaluator).
 * `options.postureAttrs`: the posture attributes every source device is assumed to have (default
 * none, so rules gated by srcPosture or defaultSrcPosture grant nothing in the matrix).
 */
export function accessMatrix(evaluator: PolicyEvaluator, options?: QueryOptions): AccessMatrix {
    const attrs = evaluator.postureAttributesOf(options);
    const { sources, destinations } = axes(evaluator);
    const cells = sources.map((source) => {
        const src = evaluator.principal(source.name);
        return destinations.map((destination): MatrixCell => {
            const dst = evaluator.principal(destination.name);
            if (src === undefined || dst === undefined) return { network: [], ssh: [] };
            return { network: networkCell(evaluator, src, dst, attrs), ssh: sshCell(evaluator, src, dst, attrs) };
        });
    });
    return { sources, destinations, cells };
}

/** "tcp:22,80-443 udp:53", "*" or "" for a cell's network access. */
export function formatNetwork(network: ProtocolPorts[]): string {
    return network
        .map(({ protocol, ports }) => {
            if (protocol === "*") return "*";
            const list = isEverything(ports) ? "*" : ports.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(",");
            return `${protocol}:${list}`;
        })
        .join(" ");
}

/** "ssh root:check,other:accept" or "" for a cell's SSH access (denied users left out). */
export function formatSsh(ssh: MatrixCell["ssh"]): string {
    const allowed = ssh.filter((item) => item.action !== "deny");
    return allowed.length === 0 ? "" : `ssh ${allowed.map((item) => `${item.localUser}:${item.action}`).join(",")}`;
}

/** One line of text for a cell: network then SSH, "-" when nothing is allowed. */
export function formatCell(cell: MatrixCell): string {
    const text = [formatNetwork(cell.network), formatSsh(cell.ssh)].filter((part) => part !== "").join("; ");
    return text === "" ? "-" : text;
}
