/**
 * A typed Tailscale policy document (the tailnet policy file).
 *
 * Selector types use template literals where TypeScript can express the syntax. Lists that mix
 * kinds of selector (users, groups, tags, autogroups, IPs, CIDRs, hosts) stay `string`, because a
 * union there would reject valid input. See https://tailscale.com/kb/1337/policy-syntax.
 */

/** A tag, e.g. "tag:server". */
export type TagSelector = `tag:${string}`;
/** A group defined under `groups`, e.g. "group:eng". */
export type GroupSelector = `group:${string}`;
/** A user login, e.g. "alice@example.com". */
export type UserSelector = `${string}@${string}`;
/** A device posture defined under `postures`, e.g. "posture:latestMac". */
export type PostureSelector = `posture:${string}`;
/** The built-in autogroups Tailscale documents. */
export type AutogroupSelector =
    | "autogroup:member"
    | "autogroup:tagged"
    | "autogroup:admin"
    | "autogroup:owner"
    | "autogroup:it-admin"
    | "autogroup:network-admin"
    | "autogroup:billing-admin"
    | "autogroup:auditor"
    | "autogroup:self"
    | "autogroup:internet"
    | "autogroup:nonroot"
    | "autogroup:shared"
    | "autogroup:danger-all";

/** A legacy access rule (`acls` section). */
export interface AclRule {
    /** Always "accept": everything not accepted is denied. */
    action: "accept";
    /** Who may connect: users, groups, tags, autogroups, hosts, IPs, CIDRs or "*". */
    src: string[];
    /** Where to: "target:ports", e.g. "tag:db:5432", "host:22,80", "*:*", "[fd7a::1]:22". */
    dst: string[];
    /** Optional IP protocol, e.g. "tcp", "udp", "icmp" or an IANA number. */
    proto?: string;
}

/** A grant (`grants` section): network and/or application capabilities from src to dst. */
export interface Grant {
    /** Who receives the grant: users, groups, tags, autogroups, hosts, IPs, CIDRs or "*". */
    src: string[];
    /** What they may reach, without ports: tags, groups, hosts, IPs, CIDRs, autogroups, services or "*". */
    dst: string[];
    /** Network capabilities: "*", "tcp:443", "udp:53", "443", "icmp:*" and so on. */
    ip?: string[];
    /** Application capabilities, keyed by capability name, each with its parameter objects. */
    app?: Record<string, unknown[]>;
    /** Tags of the routers (subnet routers, exit nodes) the traffic must pass through. */
    via?: TagSelector[];
    /** Postures the source device must satisfy. */
    srcPosture?: string[];
}

/** A Tailscale SSH rule (`ssh` section). */
export interface SshRule {
    /** "accept" lets the session in; "check" also demands a recent re-authentication. */
    action: "accept" | "check";
    /** Who may connect: users, groups, tags, autogroups or "*". */
    src: string[];
    /** Which devices: tags, autogroup:self, users, hosts. */
    dst: string[];
    /** Which local accounts, e.g. "root", "autogroup:nonroot", "ubuntu". */
    users: string[];
    /** How long a "check" authentication stays valid, e.g. "12h"; "always" re-checks every time. */
    checkPeriod?: string;
    /** Environment variable names (wildcards allowed) the client may send. */
    acceptEnv?: string[];
}

/** Which identities may approve routes and exit nodes without an admin (`autoApprovers`). */
export interface AutoApprovers {
    /** Subnet routes (CIDRs) mapped to the users, groups or tags allowed to advertise them. */
    routes?: Record<string, string[]>;
    /** Users, groups or tags allowed to advertise an exit node. */
    exitNode?: string[];
    /** Services mapped to the users, groups or tags allowed to host them. */
    services?: Record<string, string[]>;
}

/** Node attributes (`nodeAttrs`): extra attributes applied to matching devices. */
export interface NodeAttr {
    /** Devices the attributes apply to: users, groups, tags, autogroups, "*". */
    target: string[];
    /** The attributes, e.g. "funnel", "mullvad". */
    attr: string[];
}

/** An ACL test (`tests`): connections that must be accepted or denied. */
export interface AclTest {
    /** The source to test as: a user, tag or host. */
    src: string;
    /** Protocol to test, e.g. "tcp" (default), "udp". */
    proto?: string;
    /** Destinations with ports that must be reachable, e.g. "tag:db:5432". */
    accept?: string[];
    /** Destinations with ports that must not be reachable. */
    deny?: string[];
}

/** An SSH test (`sshTests`): SSH access that must be accepted, checked or denied. */
export interface SshTest {
    /** The source to test as: a user or tag. */
    src: string;
    /** Destination devices: tags, hosts. */
    dst: string[];
    /** Local users that must be accepted without a check. */
    accept?: string[];
    /** Local users that must be accepted only after a check. */
    check?: string[];
    /** Local users that must be denied. */
    deny?: string[];
}

/** The tailnet policy file. Every section is optional. */
export interface PolicyDocument {
    /** Named sets of users, e.g. {"group:eng": ["alice@example.com"]}. */
    groups?: Record<GroupSelector, string[]>;
    /** Who may apply each tag to a device: users, groups, autogroup:admin, or other tags. */
    tagOwners?: Record<TagSelector, string[]>;
    /** Friendly names for IP addresses or CIDRs, e.g. {"db": "100.64.0.5"}. */
    hosts?: Record<string, string>;
    /** Named sets of addresses, e.g. {"ipset:office": ["192.0.2.0/24"]}. */
    ipsets?: Record<`ipset:${string}`, string[]>;
    /** Device posture conditions, e.g. {"posture:latestMac": ["node:os == 'macos'"]}. */
    postures?: Record<PostureSelector, string[]>;
    /** Postures every source must satisfy unless a rule says otherwise. */
    defaultSrcPosture?: string[];
    /** Grants: the current access rule syntax. */
    grants?: Grant[];
    /** Legacy access rules. */
    acls?: AclRule[];
    /** Tailscale SSH rules. */
    ssh?: SshRule[];
    /** Attributes applied to matching devices. */
    nodeAttrs?: NodeAttr[];
    /** Automatic approval of subnet routes, exit nodes and services. */
    autoApprovers?: AutoApprovers;
    /** Access tests run whenever the policy is saved. */
    tests?: AclTest[];
    /** SSH tests run whenever the policy is saved. */
    sshTests?: SshTest[];
    /** Stop assigning IPv4 addresses to devices (IPv6 only). */
    disableIPv4?: boolean;
    /** Use a random UDP port for WireGuard instead of 41641 (helps some firewalls). */
    randomizeClientPort?: boolean;
}
