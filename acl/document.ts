/**
 * A typed Tailscale policy document (the tailnet policy file).
 *
 * Selector types use template literals where TypeScript can express the syntax. Lists that mix
 * kinds of selector (users, groups, tags, autogroups, IPs, CIDRs, hosts) stay `string`, because a
 * union there would reject valid input. See https://tailscale.com/kb/1337/policy-syntax; the
 * validator (acl/validate) checks what the types cannot.
 */

/** A tag, e.g. "tag:server". */
export type TagSelector = `tag:${string}`;
/** A group defined under `groups`, e.g. "group:eng". */
export type GroupSelector = `group:${string}`;
/** A user login, e.g. "alice@example.com", "alice@github", "alice@passkey". */
export type UserSelector = `${string}@${string}`;
/** A device posture defined under `postures`, e.g. "posture:latestMac". */
export type PostureSelector = `posture:${string}`;
/** A named IP set defined under `ipsets`, e.g. "ipset:office". */
export type IpSetSelector = `ipset:${string}`;
/** A Tailscale Service, e.g. "svc:wiki". */
export type ServiceSelector = `svc:${string}`;
/** The built-in autogroups Tailscale documents (https://tailscale.com/kb/1396/targets). */
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

/** A legacy access rule (`acls` section). The validator also accepts the legacy keys `users` (for src) and `ports` (for dst). */
export interface AclRule {
    /** Always "accept": everything not accepted is denied. */
    action: "accept";
    /** Who may connect: users, groups, tags, autogroups, hosts, IPs, CIDRs, IP sets or "*". */
    src: string[];
    /** Where to: "target:ports", e.g. "tag:db:5432", "host:22,80", "*:*", "[fd7a::1]:22". */
    dst: string[];
    /** Optional IP protocol by name ("tcp", "udp", "icmp", ...) or IANA number ("17"); protocols without ports need ":*" destinations. */
    proto?: string;
    /** Postures the source device must satisfy (any one of them); replaces `defaultSrcPosture` for this rule. */
    srcPosture?: PostureSelector[];
}

/** A grant (`grants` section): network and/or application capabilities from src to dst (https://tailscale.com/kb/1538/grants-syntax). */
export interface Grant {
    /** Who receives the grant: users, groups, tags, autogroups, hosts, IPs, CIDRs, IP sets or "*". */
    src: string[];
    /** What they may reach, without ports: tags, groups, hosts, IPs, CIDRs, IP sets, autogroups, services or "*". */
    dst: string[];
    /** Network capabilities: "*", "tcp:443", "udp:53", "443", "icmp:*" and so on. A grant needs `ip`, `app` or both. */
    ip?: string[];
    /** Application capabilities, keyed by capability name (e.g. "example.com/cap/admin"), each with its parameter objects. */
    app?: Record<string, unknown[]>;
    /** Tags of the routers (subnet routers, exit nodes) the traffic must pass through; tags only. */
    via?: TagSelector[];
    /** Postures the source device must satisfy (replaces `defaultSrcPosture` for this grant). */
    srcPosture?: string[];
}

/** A Tailscale SSH rule (`ssh` section, https://tailscale.com/kb/1193/tailscale-ssh). */
export interface SshRule {
    /** "accept" lets the session in; "check" also demands a recent re-authentication (not possible for tag sources). */
    action: "accept" | "check";
    /** Who may connect: users, groups, tags, autogroups. */
    src: string[];
    /** Which devices: tags, autogroup:self, autogroup:member, autogroup:tagged, users, hosts. Not "*" and not groups. */
    dst: string[];
    /** Which local accounts, e.g. "root", "autogroup:nonroot", "localpart:*@example.com", "ubuntu". */
    users: string[];
    /** How long a "check" authentication stays valid, 1m to 168h, e.g. "12h" (the default); "always" re-checks every time. Only with "check". */
    checkPeriod?: string;
    /** Environment variable names (wildcards "*" and "?" allowed) the client may send. */
    acceptEnv?: string[];
    /** Tags of the session recorder nodes that record these sessions. */
    recorder?: TagSelector[];
    /** When true, a session is refused if no recorder can record it (fail closed). */
    enforceRecorder?: boolean;
    /** Postures the connecting device must satisfy (any one of them); replaces `defaultSrcPosture` for this rule. */
    srcPosture?: PostureSelector[];
}

/** Which identities may approve routes, exit nodes and services without an admin (`autoApprovers`). */
export interface AutoApprovers {
    /** Subnet routes (CIDRs) mapped to the users, groups or tags allowed to advertise them. */
    routes?: Record<string, string[]>;
    /** Users, groups or tags allowed to advertise an exit node. */
    exitNode?: string[];
    /** Services ("svc:name") mapped to the users, groups or tags allowed to host them. */
    services?: Record<string, string[]>;
}

/** Node attributes (`nodeAttrs`): extra attributes applied to matching devices. Needs `attr`, `app` or both. */
export interface NodeAttr {
    /** Devices the attributes apply to: users, groups, tags, autogroups, IPs, "*". */
    target: string[];
    /** The attributes, e.g. "funnel", "mullvad". */
    attr?: string[];
    /** Application capabilities for the devices, keyed by capability name. */
    app?: Record<string, unknown[]>;
}

/** The node-attribute application capability that configures app connectors. */
export const APP_CONNECTORS_CAPABILITY = "tailscale.com/app-connectors";

/**
 * One app served by app connectors: an element of `nodeAttrs[].app["tailscale.com/app-connectors"]`
 * (https://tailscale.com/kb/1337/policy-syntax#node-attributes, https://tailscale.com/kb/1281/app-connectors).
 */
export interface AppConnectorConfig {
    /** The app's name, e.g. "github". */
    name: string;
    /** Tags of the devices that connect the app; only they may advertise its routes. */
    connectors: TagSelector[];
    /** Domains routed through the connectors: names such as "github.com" or wildcards such as "*.github.com". */
    domains: string[];
    /** Routes known in advance (CIDRs), advertised without waiting for DNS answers to discover them. */
    routes?: string[];
}

/** An ACL test (`tests`): connections that must be accepted or denied. */
export interface AclTest {
    /** The source to test as: a user, tag, host or IP. */
    src: string;
    /**
     * Device posture attributes of the test's source device, e.g. {"node:os": "macos",
     * "node:tsVersion": "1.82.0", "node:tsAutoUpdate": true}: rules gated by `srcPosture` or
     * `defaultSrcPosture` match only when these satisfy one of their postures. Without it the source
     * has no attributes, so gated rules do not match (https://tailscale.com/kb/1337/policy-syntax#srcpostureattrs).
     */
    srcPostureAttrs?: Record<string, string | number | boolean>;
    /** Protocol to test: "tcp" (default), "udp", "sctp", "icmp" or "ipv6-icmp". */
    proto?: string;
    /** Destinations with exactly one port that must be reachable, e.g. "tag:db:5432"; ICMP tests use port 0. */
    accept?: string[];
    /** Destinations with exactly one port that must not be reachable. */
    deny?: string[];
}

/** An SSH test (`sshTests`): SSH access that must be accepted, checked or denied. */
export interface SshTest {
    /** The source to test as: a user or tag. */
    src: string;
    /** Destination devices: tags, hosts, users. */
    dst: string[];
    /**
     * Device posture attributes of the test's source device, as for `tests`
     * (https://tailscale.com/kb/1337/policy-syntax#srcpostureattrs-1).
     */
    srcPostureAttrs?: Record<string, string | number | boolean>;
    /** Local users that must be accepted without a check. */
    accept?: string[];
    /** Local users that must be accepted only after a check. */
    check?: string[];
    /** Local users that must be denied. */
    deny?: string[];
}

/** One DERP server in a custom region (https://tailscale.com/kb/1118/custom-derp-servers). */
export interface DerpNode {
    /** Unique node name, e.g. "900a". */
    Name: string;
    /** The region this node belongs to. */
    RegionID: number;
    /** TLS host name of the server. */
    HostName: string;
    /** Optional fixed IPv4 address. */
    IPv4?: string;
    /** Optional fixed IPv6 address. */
    IPv6?: string;
    /** DERP port, default 443. */
    DERPPort?: number;
    /** STUN port, default 3478; -1 disables STUN. */
    STUNPort?: number;
    /** Serve STUN only, no DERP. */
    STUNOnly?: boolean;
}

/** One custom DERP region. */
export interface DerpRegion {
    /** Region number; custom regions use 900-999. */
    RegionID: number;
    /** Short code, e.g. "myderp". */
    RegionCode?: string;
    /** Display name. */
    RegionName?: string;
    /** The region's servers; null removes a default region. */
    Nodes?: DerpNode[] | null;
}

/** Custom DERP relay servers (`derpMap`). */
export interface DerpMap {
    /** Drop Tailscale's own DERP regions (use only the custom ones). */
    OmitDefaultRegions?: boolean;
    /** Regions keyed by their RegionID as a string. */
    Regions?: Record<string, DerpRegion | null>;
}

/** The tailnet policy file. Every section is optional. */
export interface PolicyDocument {
    /** Named sets of users, e.g. {"group:eng": ["alice@example.com"]}; members are users only (no nested groups). */
    groups?: Record<GroupSelector, string[]>;
    /** Who may apply each tag to a device: users, groups, autogroup:admin (or another role), or other tags. */
    tagOwners?: Record<TagSelector, string[]>;
    /** Friendly names for IP addresses or CIDRs, e.g. {"db": "100.64.0.5"}. */
    hosts?: Record<string, string>;
    /** Named sets of addresses, e.g. {"ipset:office": ["192.0.2.0/24"]}; entries may start with "add " or "remove ". */
    ipsets?: Record<IpSetSelector, string[]>;
    /** Device posture conditions, e.g. {"posture:latestMac": ["node:os == 'macos'"]}. */
    postures?: Record<PostureSelector, string[]>;
    /** Postures every source must satisfy unless a grant sets its own srcPosture. */
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
    /** How devices route the Tailscale CGNAT range (100.64.0.0/10): e.g. "mac-always" or "mac-never" for macOS clients. */
    OneCGNATRoute?: string;
    /** Custom DERP relay servers. */
    derpMap?: DerpMap;
}
